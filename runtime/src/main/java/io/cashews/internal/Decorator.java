package io.cashews.internal;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A strategy object that wraps one call: a cache, a failover, a rate limit… For generated code.
 *
 * <p>Annotations stacked on one method become nested calls, the first annotation in source order
 * outermost: {@code outer.call(k1, args, () -> inner.call(k2, args, () -> delegate.m(a, b)))}.
 * Each layer gets its own rendered key. The inner loader may be called again, later, on another
 * thread (background refreshes), so it must capture only effectively final arguments.
 */
public interface Decorator {

    /**
     * Runs a synchronous call through this strategy.
     *
     * @param key the key of this layer, rendered
     * @param args the call's arguments when this layer needs them (a condition, a TTL function);
     *     otherwise {@code null}
     * @param inner the next layer, or the delegate
     * @param <T> the method's result type
     * @param <E> the checked exception the method declares
     * @return the result
     * @throws E what the inner call threw, unchanged
     */
    <T extends @Nullable Object, E extends Exception> T call(
            String key, @Nullable Object @Nullable [] args, Loader<T, E> inner) throws E;

    /**
     * Runs an asynchronous call through this strategy, never blocking a thread.
     *
     * @param key the key of this layer, rendered
     * @param args the call's arguments when this layer needs them; otherwise {@code null}
     * @param inner the next layer, or the delegate
     * @param <T> the type the method's future completes with
     * @return a new future for this caller
     */
    <T extends @Nullable Object> CompletableFuture<T> callAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> inner);
}
