package io.cashews.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Base of a blocking backend (a database file, for example): implement the synchronous commands
 * and {@link #close()}; each {@code …Async} command runs its synchronous twin on the executor
 * given to the constructor (normally {@link BackendContext#executor()}), so asynchronous callers
 * never block.
 */
public abstract class AbstractBlockingBackend extends DerivedAsyncBackend {

    private final Executor executor;

    /**
     * Creates the base.
     *
     * @param executor where the asynchronous commands run their blocking work
     */
    protected AbstractBlockingBackend(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * Runs blocking work on the executor.
     *
     * @param work the work
     * @param <T> the result type
     * @return a future completed with the result or the failure
     */
    protected final <T> CompletableFuture<T> offload(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, executor);
    }

    @Override
    final <T> CompletableFuture<T> derive(Supplier<T> command) {
        return offload(command);
    }

    // Backend defaults these four to other asynchronous commands; here they run their own
    // synchronous twin like every other command, so a subclass's override of it counts.

    @Override
    public CompletableFuture<Boolean> setRawAsync(String key, Object value) {
        return offload(() -> setRaw(key, value));
    }

    @Override
    public CompletableFuture<@Nullable Object> getRawAsync(String key) {
        return offload(() -> getRaw(key));
    }

    @Override
    public CompletableFuture<Boolean> isLockedAsync(String key) {
        return offload(() -> isLocked(key));
    }

    @Override
    public CompletableFuture<Boolean> setLockAsync(String key, String value, Duration expire) {
        return offload(() -> setLock(key, value, expire));
    }
}
