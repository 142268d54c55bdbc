package io.cashews.internal;

import io.cashews.base.HitSink;
import io.cashews.base.ThreadScopes;
import io.cashews.codec.CachedException;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where strategies report the hits they serve, for {@link io.cashews.Cashews#detect()}: every
 * {@link HitSink} open on the current thread is offered the hit. A strategy reports only after
 * checking {@link #active()}, one volatile read, so that the hit path costs nothing more while no
 * detect scope is open anywhere:
 * <pre>{@code
 * if (Detection.active()) {
 *     Detection.report(cache, "simple", key, template, ttl, value, Map.of());
 * }
 * }</pre>
 */
final class Detection {

    private Detection() {
    }

    /**
     * Tells whether a detect scope may be open (or captured by a running call) on some thread.
     *
     * @return {@code false} when no report can be recorded anywhere
     */
    static boolean active() {
        return HitSink.KIND.isLive();
    }

    /**
     * Records a hit in every detect scope of {@code cache} in effect on the current thread.
     *
     * @param cache the instance that served the hit
     * @param strategy the strategy's name ({@code "simple"}, {@code "early"}, …)
     * @param key the rendered key
     * @param template the key template as written
     * @param ttl the strategy's TTL, or {@code null}
     * @param value the value served
     * @param details strategy-specific fields
     */
    static void report(Object cache, String strategy, String key, String template,
            @Nullable Duration ttl, @Nullable Object value, Map<String, Object> details) {
        if (!active()) {
            return;
        }
        Object shown = value instanceof CachedException cached ? cached.error() : value;
        ThreadScopes.forEach(HitSink.KIND, sink -> sink.hit(cache, strategy, key, template, ttl, shown, details));
    }
}
