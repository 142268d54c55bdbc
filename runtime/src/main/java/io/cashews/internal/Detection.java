package io.cashews.internal;

import io.cashews.Cashews;
import io.cashews.Detect;
import io.cashews.DetectCall;
import io.cashews.Scope;
import io.cashews.codec.CachedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * For the runtime: where strategies report the hits they serve, for {@link Cashews#detect()}.
 * A strategy reports only after checking {@link #active()}, one volatile read, so that the hit
 * path costs nothing more while no detect scope is open anywhere:
 * <pre>{@code
 * if (Detection.active()) {
 *     Detection.report(cache, "simple", key, template, ttl, value, Map.of());
 * }
 * }</pre>
 */
public final class Detection {

    private static final ThreadScopes.Kind<Recorder> KIND = new ThreadScopes.Kind<>("detect");

    private Detection() {
    }

    /**
     * Opens a detect scope for {@code cache} on the current thread.
     *
     * @param cache the instance whose hits are recorded
     * @return the scope
     */
    public static Detect open(Cashews cache) {
        Recorder recorder = new Recorder(Objects.requireNonNull(cache, "cache"));
        recorder.frame = ThreadScopes.open(KIND, recorder);
        return recorder;
    }

    /**
     * Tells whether a detect scope may be open (or captured by a running call) on some thread.
     *
     * @return {@code false} when no report can be recorded anywhere
     */
    public static boolean active() {
        return KIND.isLive();
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
    public static void report(Cashews cache, String strategy, String key, String template,
            @Nullable Duration ttl, @Nullable Object value, Map<String, Object> details) {
        if (!active()) {
            return;
        }
        DetectCall[] call = {null};
        ThreadScopes.forEach(KIND, recorder -> {
            if (recorder.cache == cache) {
                if (call[0] == null) {
                    Object shown = value instanceof CachedException cached ? cached.error() : value;
                    call[0] = new DetectCall(strategy, key, template, ttl, shown, details);
                }
                recorder.record(call[0]);
            }
        });
    }

    /** One detect scope: what it recorded, readable from any thread. */
    private static final class Recorder implements Detect {
        final Cashews cache;
        private final Map<String, List<DetectCall>> calls = new LinkedHashMap<>();
        private boolean closed;
        @Nullable Scope frame;

        Recorder(Cashews cache) {
            this.cache = cache;
        }

        synchronized void record(DetectCall call) {
            if (!closed) {
                calls.computeIfAbsent(call.key(), k -> new ArrayList<>()).add(call);
            }
        }

        @Override
        public synchronized Map<String, List<DetectCall>> calls() {
            Map<String, List<DetectCall>> copy = new LinkedHashMap<>();
            calls.forEach((key, list) -> copy.put(key, List.copyOf(list)));
            return Collections.unmodifiableMap(copy);
        }

        @Override
        public void close() {
            synchronized (this) {
                closed = true;
            }
            Scope opened = frame;
            if (opened != null) {
                opened.close();
            }
        }

        @Override
        public String toString() {
            return "Detect" + calls();
        }
    }
}
