package io.cashews.internal;

import io.cashews.base.ScopeSnapshot;
import io.cashews.codec.CachedException;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The asynchronous plumbing the value-storing layers share. */
final class LayerFutures {
    private LayerFutures() {}

    /**
     * {@code io} itself when it has completed already (the memory backend: go on on this thread,
     * no hop, no allocation); otherwise a copy completed on {@code executor}, so that what is
     * attached to it, which starts user code (a delegate, a fallback), does not run on the thread
     * that completed {@code io}: for Redis, Lettuce's event loop, which a slow delegate stalls and
     * a synchronous command issued there deadlocks.
     */
    static <V extends @Nullable Object> CompletableFuture<V> offIoThread(CompletableFuture<V> io, Executor executor) {
        if (io.isDone()) {
            return io;
        }
        CompletableFuture<V> moved = new CompletableFuture<>();
        io.whenComplete((value, error) -> execute(executor, () -> {
            if (error != null) {
                moved.completeExceptionally(error);
            } else {
                moved.complete(value);
            }
        }));
        return moved;
    }

    /** Runs {@code task} on {@code executor}, or here when it refuses (shut down): late beats never. */
    private static void execute(Executor executor, Runnable task) {
        try {
            executor.execute(task);
        } catch (RuntimeException rejected) {
            task.run();
        }
    }

    /** Completes {@code target} as {@code source} completes, unwrapping a failure. */
    static <T extends @Nullable Object> void relay(CompletableFuture<T> source, CompletableFuture<T> target) {
        source.whenComplete((value, error) -> {
            if (error != null) {
                target.completeExceptionally(Futures.unwrap(error));
            } else {
                target.complete(value);
            }
        });
    }

    /**
     * Starts {@code work} on {@code executor} with {@code scopes}, then runs {@code after}, also
     * when the executor refuses the task. A failure is only logged ({@code what} names the work).
     */
    static void inBackground(Executor executor, ScopeSnapshot scopes, Supplier<CompletableFuture<?>> work,
            Runnable after, System.Logger log, String what, String template) {
        try {
            executor.execute(scopes.wrap(() -> work.get().whenComplete((value, error) -> {
                if (error != null) {
                    log.log(Level.DEBUG, () -> what + " of \"" + template + "\" failed", error);
                }
                after.run();
            })));
        } catch (RuntimeException e) {
            after.run();
            log.log(Level.DEBUG, () -> what + " of \"" + template + "\" was rejected", e);
        }
    }

    /**
     * Completes {@code result} with a computation's outcome ({@code value} or {@code error}),
     * after {@code store} has stored what {@code policy} admits: a stored exception as a
     * {@link CachedException}, a result as is. A failing condition fails {@code result}.
     *
     * @param elapsedNanos how long the computation took, read only when a result is checked
     */
    static <T extends @Nullable Object> void settle(StorePolicy policy, String key,
            @Nullable Object @Nullable [] args, T value, @Nullable Throwable error, LongSupplier elapsedNanos,
            Function<@Nullable Object, CompletableFuture<?>> store, CompletableFuture<T> result) {
        if (error != null) {
            Throwable failure = Futures.unwrap(error);
            if (policy.storesException(failure)) {
                store.apply(new CachedException(failure)).whenComplete((i, e) -> result.completeExceptionally(failure));
            } else {
                result.completeExceptionally(failure);
            }
            return;
        }
        boolean stores;
        try {
            stores = policy.storesResult(value, args, key, elapsedNanos.getAsLong());
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        if (stores) {
            store.apply(value).whenComplete((i, e) -> result.complete(value));
        } else {
            result.complete(value);
        }
    }
}
