package io.cashews.internal;

import io.cashews.CacheTransaction;
import io.cashews.Cashews;
import io.cashews.TransactionMode;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * For generated code: the {@code @CacheTransaction} strategy. A synchronous call runs inside a
 * transaction that commits when it returns and rolls back when it throws; an asynchronous call's
 * transaction is open while the inner layers start their stage (so the proxied calls they make
 * capture it) and commits or rolls back when that stage completes. The layer's key is not used.
 */
public final class TransactionMethod implements Decorator {

    private final Cashews cache;
    private final TransactionMode mode;
    private final Duration timeout;

    private TransactionMethod(Cashews cache, TransactionMode mode, Duration timeout) {
        this.cache = cache;
        this.mode = mode;
        this.timeout = timeout;
    }

    /**
     * Creates the layer.
     *
     * @param cache the instance whose commands the transaction buffers
     * @param mode the mode's name, as in {@link TransactionMode}
     * @param timeoutMillis the lock timeout in milliseconds, positive
     * @return the layer
     * @throws IllegalArgumentException if the mode is unknown or the timeout not positive
     */
    public static TransactionMethod of(Cashews cache, String mode, long timeoutMillis) {
        Objects.requireNonNull(cache, "cache");
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("transaction timeout must be positive, got " + timeoutMillis + " ms");
        }
        return new TransactionMethod(cache, TransactionMode.valueOf(mode), Duration.ofMillis(timeoutMillis));
    }

    @Override
    public <T extends @Nullable Object, E extends Exception> T call(
            String key, @Nullable Object @Nullable [] args, Loader<T, E> inner) throws E {
        try (CacheTransaction tx = cache.transaction(mode, timeout)) {
            T result = inner.load();
            tx.commit();
            return result;
        }
    }

    @Override
    public <T extends @Nullable Object> CompletableFuture<T> callAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> inner) {
        // The commit's commands are synchronous: they must not run on the backend's I/O thread that
        // may complete the inner stage (on Redis that would wait for itself).
        return cache.async().transaction(mode, timeout,
                () -> Futures.offIoThread(Futures.start(inner::load), cache.executor()));
    }

    @Override
    public String toString() {
        return "TransactionMethod[" + mode + ", timeout " + timeout + "]";
    }
}
