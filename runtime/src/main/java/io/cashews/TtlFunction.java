package io.cashews;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Computes how long one result lives, named in a caching annotation as
 * {@code ttlFunction = PerItemTtl.class}; it replaces the annotation's fixed {@code ttl} for
 * storing (the fixed TTL still bounds locks taken with {@code lock = true}).
 *
 * <p>Implementations need a public no-argument constructor: the generated proxy creates one
 * instance with {@code new} when it is constructed and calls it from every thread that stores a
 * result, so an implementation must be thread-safe.
 *
 * <pre>{@code
 * public final class PerItemTtl implements TtlFunction {
 *     public Duration ttl(Object[] args, Object result) {
 *         return result instanceof Item item && item.hot() ? Duration.ofMinutes(1) : Duration.ofHours(1);
 *     }
 * }
 * }</pre>
 */
@FunctionalInterface
public interface TtlFunction {

    /**
     * Returns the time to live of {@code result}.
     *
     * @param args the arguments of the call, in declaration order, primitives boxed; never null
     *     (empty for a method without parameters)
     * @param result what the delegate returned; may be {@code null}
     * @return how long to keep the result; {@code null}, zero or a negative duration means the
     *     result is returned without being stored
     */
    @Nullable Duration ttl(@Nullable Object[] args, @Nullable Object result);
}
