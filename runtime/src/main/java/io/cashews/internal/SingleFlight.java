package io.cashews.internal;

import io.cashews.codec.CachedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * In-process sharing of one computation per key ({@code protect = true}): concurrent callers with
 * the same key get the first caller's result or exception. Sync and async callers use separate
 * registries (a method is one or the other).
 */
final class SingleFlight {
    private final ConcurrentHashMap<String, Flight> sync = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<@Nullable Object>> async = new ConcurrentHashMap<>();

    /**
     * Runs {@code work} unless it already runs for {@code key}; then waits for that run, without
     * giving up on an interrupt (the leader always finishes) but keeping it, and returns its
     * result through {@link CacheMethod#value} or rethrows exactly the exception it threw.
     */
    <T extends @Nullable Object, E extends Exception> T run(String key, Loader<T, E> work) throws E {
        Flight mine = new Flight();
        Flight running = sync.putIfAbsent(key, mine);
        if (running != null) {
            return CacheMethod.value(running.await());
        }
        T result;
        try {
            result = work.load();
        } catch (Throwable failure) {
            sync.remove(key, mine);
            mine.fail(failure);
            throw failure;
        }
        sync.remove(key, mine);
        mine.succeed(result);
        return result;
    }

    /**
     * Starts {@code work} unless it already runs for {@code key}; each caller gets its own future,
     * failed with the exception a stored {@link CachedException} result holds.
     */
    <T extends @Nullable Object> CompletableFuture<T> runAsync(String key, Supplier<CompletableFuture<T>> work) {
        CompletableFuture<@Nullable Object> mine = new CompletableFuture<>();
        CompletableFuture<@Nullable Object> running = async.putIfAbsent(key, mine);
        if (running == null) {
            Futures.guard(work).whenComplete((value, error) -> {
                async.remove(key, mine);
                if (error != null) {
                    mine.completeExceptionally(Futures.unwrap(error));
                } else {
                    mine.complete(value);
                }
            });
            running = mine;
        }
        CompletableFuture<T> copy = new CompletableFuture<>();
        Futures.relayServed(running, copy);
        return copy;
    }

    /**
     * One synchronous computation that other callers of the same key wait for. Keeps the
     * leader's exception exactly as thrown, so waiters rethrow the same object.
     */
    private static final class Flight {
        private final CountDownLatch done = new CountDownLatch(1);
        // Written before countDown() and read after await(): the latch orders them.
        private @Nullable Object value;
        private @Nullable Throwable failure;

        void succeed(@Nullable Object result) {
            value = result;
            done.countDown();
        }

        void fail(Throwable error) {
            failure = error;
            done.countDown();
        }

        /** Waits without giving up on interrupts (the leader always finishes) but keeps them. */
        @Nullable Object await() {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        done.await();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            Throwable error = failure;
            if (error != null) {
                throw Futures.<RuntimeException>sneaky(error);
            }
            return value;
        }
    }
}
