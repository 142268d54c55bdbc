package io.cashews.base;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * For the runtime: where the hits strategies serve go while a detect scope is open. A detect scope
 * opens a frame of {@link #KIND} holding its sink; the strategies' reporting walks the frames of
 * the current thread (or of the snapshot a call captured) and offers each sink the hit. This
 * interface is what lets the reporting side and the recording side live in different packages
 * without either importing the other.
 */
public interface HitSink {

    /** The kind of the frames detect scopes open. */
    ThreadScopes.Kind<HitSink> KIND = new ThreadScopes.Kind<>("detect");

    /**
     * Records one hit, if {@code source} is the instance this sink records for.
     *
     * @param source the cache instance that served the hit
     * @param strategy the strategy's name ({@code "simple"}, {@code "early"}, …)
     * @param key the rendered key
     * @param template the key template as written
     * @param ttl the strategy's TTL, or {@code null}
     * @param value the value served (a stored exception already unwrapped to that exception)
     * @param details strategy-specific fields
     */
    void hit(Object source, String strategy, String key, String template, @Nullable Duration ttl,
            @Nullable Object value, Map<String, Object> details);
}
