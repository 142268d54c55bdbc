package io.cashews.internal;

import io.cashews.codec.CachedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * In-process sharing of one computation per key ({@code protect = true}): concurrent callers with
 * the same key get the first caller's result or exception. Sync and async callers use separate
 * registries (a method is one or the other).
 */
final class SingleFlight {
    private final ConcurrentHashMap<String, Flight> sync = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AsyncFlight> async = new ConcurrentHashMap<>();

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

    /** {@link #runAsync(String, Supplier, boolean)} without cancellation. */
    <T extends @Nullable Object> CompletableFuture<T> runAsync(String key, Supplier<CompletableFuture<T>> work) {
        return runAsync(key, work, false);
    }

    /**
     * Starts {@code work} unless it already runs for {@code key}; each caller gets its own future,
     * failed with the exception a stored {@link CachedException} result holds. With
     * {@code cancellable}, a caller that cancels its future stops waiting, and once every caller
     * of the run has, the run is dropped and {@code work}'s future cancelled; a caller arriving
     * after that starts a new run.
     */
    <T extends @Nullable Object> CompletableFuture<T> runAsync(String key, Supplier<CompletableFuture<T>> work,
            boolean cancellable) {
        while (true) {
            AsyncFlight mine = new AsyncFlight();
            AsyncFlight running = async.putIfAbsent(key, mine);
            if (running == null) {
                CompletableFuture<T> started = Futures.guard(work);
                if (cancellable) {
                    Futures.cancels(mine.shared, started);
                }
                started.whenComplete((value, error) -> {
                    async.remove(key, mine);
                    if (error != null) {
                        mine.shared.completeExceptionally(Futures.unwrap(error));
                    } else {
                        mine.shared.complete(value);
                    }
                });
                running = mine;
            } else if (cancellable && !running.join()) {
                // Every caller of that run cancelled: it is being dropped; start another.
                async.remove(key, running);
                continue;
            }
            CompletableFuture<T> copy = new CompletableFuture<>();
            Futures.relayServed(running.shared, copy);
            if (cancellable) {
                AsyncFlight joined = running;
                copy.whenComplete((value, error) -> {
                    if (copy.isCancelled() && joined.leave()) {
                        async.remove(key, joined);
                        joined.shared.cancel(false);
                    }
                });
            }
            return copy;
        }
    }

    /**
     * One asynchronous computation and how many of its callers still wait for it (counted only
     * for cancellable runs): its starter, and each caller that joined before the count fell to
     * zero.
     */
    private static final class AsyncFlight {
        final CompletableFuture<@Nullable Object> shared = new CompletableFuture<>();
        private final AtomicInteger waiting = new AtomicInteger(1);

        /** Counts one more caller, unless every caller has already cancelled. */
        boolean join() {
            while (true) {
                int now = waiting.get();
                if (now <= 0) {
                    return false;
                }
                if (waiting.compareAndSet(now, now + 1)) {
                    return true;
                }
            }
        }

        /** Counts a cancelled caller out; whether it was the last. */
        boolean leave() {
            return waiting.decrementAndGet() == 0;
        }
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
