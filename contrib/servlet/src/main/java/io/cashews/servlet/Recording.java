package io.cashews.servlet;

import io.cashews.Cashews;
import io.cashews.Command;
import io.cashews.Middleware;
import io.cashews.spi.Backend;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The one middleware the filters add to an instance (once, however many filters use it): while a
 * request's scopes are open it caps the TTL of stored values to the request's {@code max-age}
 * ({@link CacheControlTtl}) and records each stored value in the request's
 * {@link RequestRecord}. Outside requests it costs two volatile reads per write and nothing per read.
 */
final class Recording implements Middleware {

    private static final Set<Cashews> INSTALLED = Collections.newSetFromMap(new WeakHashMap<>());

    private final Cashews cache;

    private Recording(Cashews cache) {
        this.cache = cache;
    }

    /**
     * Adds the middleware to {@code cache} unless it has it already.
     *
     * @param cache the instance
     */
    static void install(Cashews cache) {
        synchronized (INSTALLED) {
            if (INSTALLED.add(cache)) {
                cache.addMiddleware(new Recording(cache));
            }
        }
    }

    @Override
    public @Nullable Object handle(Command command, Backend backend, @Nullable Object[] args, Next next) {
        if (command != Command.SET && command != Command.SET_MANY
                || !RequestRecord.KIND.isLive() && !CacheControlTtl.KIND.isLive()) {
            return next.call(args);
        }
        Duration cap = CacheControlTtl.current();
        RequestRecord record = RequestRecord.current(cache);
        if (command == Command.SET) {
            String key = (String) args[0];
            boolean own = key != null && key.startsWith(CashewsEtagFilter.MAPPING_PREFIX);
            if (cap != null && !own) {
                args[2] = capped((Duration) args[2], cap);
            }
            if (record != null && !own && key != null && args[1] != null) {
                record.stored(key, args[1], (Duration) args[2]);
            }
        } else {
            if (cap != null) {
                args[1] = capped((Duration) args[1], cap);
            }
            if (record != null && args[0] instanceof Map<?, ?> pairs) {
                Map<String, Object> copy = new LinkedHashMap<>();
                pairs.forEach((key, value) -> copy.put(String.valueOf(key), value));
                copy.forEach((key, value) -> record.stored(key, value, (Duration) args[1]));
            }
        }
        return next.call(args);
    }

    // A missing TTL (no expiry) or a longer one becomes the cap.
    private static Duration capped(@Nullable Duration ttl, Duration cap) {
        return ttl == null || ttl.compareTo(cap) > 0 ? cap : ttl;
    }
}
