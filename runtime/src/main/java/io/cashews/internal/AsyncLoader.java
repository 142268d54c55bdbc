package io.cashews.internal;

import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * For generated code: the call to the delegate of an asynchronous cached method (one returning
 * {@code CompletionStage} or {@code CompletableFuture}), made only on a miss.
 *
 * @param <T> the type the delegate's stage completes with
 */
@FunctionalInterface
public interface AsyncLoader<T extends @Nullable Object> {

    /**
     * Calls the delegate.
     *
     * @return the delegate's stage, never {@code null}; a delegate that throws instead of
     *     returning a failed stage is treated as if it had returned one
     */
    CompletionStage<T> load();
}
