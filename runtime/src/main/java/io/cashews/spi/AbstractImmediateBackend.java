package io.cashews.spi;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Base of a backend whose synchronous commands never block (an in-memory store or a buffer in
 * front of another backend): implement the synchronous commands and {@link #close()}; each
 * {@code …Async} command runs its synchronous twin on the calling thread and answers with a
 * completed future, or with a failed one if the command threw. Running on the caller is safe
 * because nothing waits, and it spares an executor hop. The asynchronous commands that
 * {@link Backend} already derives from others ({@code setRawAsync}, {@code getRawAsync},
 * {@code isLockedAsync}, {@code setLockAsync}) keep those defaults.
 */
public abstract class AbstractImmediateBackend extends DerivedAsyncBackend {

    /** For subclasses. */
    protected AbstractImmediateBackend() {
    }

    /**
     * Runs a synchronous command on the calling thread.
     *
     * @param command the command
     * @param <T> the result type
     * @return a future completed with the result, or failed with the unchecked exception thrown
     */
    protected static <T> CompletableFuture<T> now(Supplier<T> command) {
        try {
            return CompletableFuture.completedFuture(command.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    final <T> CompletableFuture<T> derive(Supplier<T> command) {
        return now(command);
    }
}
