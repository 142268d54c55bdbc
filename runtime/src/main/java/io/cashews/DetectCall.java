package io.cashews;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One cache hit recorded by a {@link Detect} scope.
 *
 * <p>{@link #strategy()} names what served it: {@code "simple"} ({@code @Cache}),
 * {@code "failover"}, {@code "hit"}, {@code "early"}, {@code "soft"} or {@code "iterator"}.
 * {@link #details()} holds what is specific to it:
 * <ul>
 *   <li>{@code failover}: {@code "exc"}, the exception the stored value stood in for;</li>
 *   <li>{@code hit}: {@code "cache_hits"}, the hits an entry serves before it expires;</li>
 *   <li>{@code early}: {@code "early_ttl"} (a {@link Duration}), {@code "early_expire_at"} (epoch
 *       milliseconds of the instance's clock) and {@code "stale"} ({@code true} when the value was
 *       past its early TTL, so a background refresh was due);</li>
 *   <li>{@code soft}: {@code "soft_ttl"} and {@code "soft_expire_at"}, like early's;</li>
 * </ul>
 *
 * @param strategy the strategy's name
 * @param key the rendered key the value was read from
 * @param template the method's key template as written, prefix included
 * @param ttl the strategy's TTL, or {@code null} when it has none
 * @param value the value served (a stored exception appears as that exception)
 * @param details strategy-specific fields, unmodifiable
 */
public record DetectCall(String strategy, String key, String template, @Nullable Duration ttl,
        @Nullable Object value, Map<String, Object> details) {

    /**
     * Checks and copies the fields.
     *
     * @throws NullPointerException if a non-nullable field is null
     */
    public DetectCall {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(template, "template");
        details = Map.copyOf(details);
    }

    /**
     * Returns one strategy-specific field.
     *
     * @param name the field's name, such as {@code "stale"}
     * @return its value, or {@code null} when this hit has no such field
     */
    public @Nullable Object detail(String name) {
        return details.get(name);
    }
}
