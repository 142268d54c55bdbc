package io.cashews;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether a computed result is stored, named in a caching annotation as
 * {@code condition = MyCondition.class}. Without a condition every successful result is stored,
 * {@code null} included; exceptions are never stored.
 *
 * <p>Implementations need a public no-argument constructor: the generated proxy creates one
 * instance with {@code new} when it is constructed and calls it from every thread that misses,
 * so an implementation must be thread-safe (stateless is simplest).
 *
 * <pre>{@code
 * public final class OnlyActiveUsers implements CacheCondition {
 *     public boolean test(Object result, Object[] args, String key) {
 *         return result instanceof User user && user.active();
 *     }
 * }
 * }</pre>
 *
 * <p>When a {@code timeCondition} is set too, both must hold for the result to be stored.
 *
 * @see NotNullCondition
 */
@FunctionalInterface
public interface CacheCondition {

    /**
     * Decides whether {@code result} is stored under {@code key}.
     *
     * @param result what the delegate returned (for asynchronous methods: what its future
     *     completed with); may be {@code null}
     * @param args the arguments of the call, in declaration order, primitives boxed; never null
     *     (empty for a method without parameters)
     * @param key the key the result would be stored under
     * @return {@code true} to store the result, {@code false} to return it without storing
     */
    boolean test(@Nullable Object result, @Nullable Object[] args, String key);
}
