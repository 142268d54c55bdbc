package io.cashews.internal;

import io.cashews.base.Failures;
import io.cashews.base.ScopeSnapshot;
import io.cashews.codec.CachedException;
import io.cashews.spi.HandOver;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The future and exception helpers every strategy shares. */
final class Futures {
    private Futures() {}

    /** Strips the wrappers dependent futures add, so callers see the delegate's own exception. */
    static Throwable unwrap(Throwable error) {
        return Failures.unwrap(error);
    }

    /** Throws any throwable without declaring it: rethrows what the method itself may throw. */
    @SuppressWarnings("unchecked")
    static <X extends Throwable> X sneaky(Throwable failure) throws X {
        throw (X) failure;
    }

    /** Starts asynchronous work, turning a synchronous throw or a {@code null} stage into a failed future. */
    static <T extends @Nullable Object> CompletableFuture<T> start(Supplier<? extends @Nullable CompletionStage<T>> work) {
        CompletionStage<T> stage;
        try {
            stage = work.get();
        } catch (Throwable thrown) {
            return CompletableFuture.failedFuture(thrown);
        }
        if (stage == null) {
            return CompletableFuture.failedFuture(new NullPointerException("the delegate returned a null CompletionStage"));
        }
        return relay(stage);
    }

    /** A future completed with {@code stored}'s value, or failed with the exception it holds. */
    static <T extends @Nullable Object> CompletableFuture<T> served(@Nullable Object stored) {
        if (stored instanceof CachedException cached) {
            return CompletableFuture.failedFuture(cached.error());
        }
        return CompletableFuture.completedFuture(CacheMethod.<T>value(stored));
    }

    /** A fresh future per caller, so no caller can complete the shared in-flight one; see {@link #relayServed}. */
    static <T extends @Nullable Object> CompletableFuture<T> relayServed(CompletableFuture<@Nullable Object> source) {
        CompletableFuture<T> copy = new CompletableFuture<>();
        relayServed(source, copy);
        return copy;
    }

    /**
     * Completes {@code target} as {@code source} completes: a failure unwrapped, a stored
     * exception ({@link CachedException}) as the failure it holds, a value as is.
     */
    static <T extends @Nullable Object> void relayServed(
            CompletableFuture<@Nullable Object> source, CompletableFuture<T> target) {
        source.whenComplete((value, error) -> {
            if (error != null) {
                target.completeExceptionally(unwrap(error));
            } else if (value instanceof CachedException cached) {
                target.completeExceptionally(cached.error());
            } else {
                target.complete(CacheMethod.value(value));
            }
        });
    }

    /**
     * Cancels {@code inner} when {@code outer} is cancelled (also when it already is), so that a
     * caller's cancellation reaches the work its future waits for.
     */
    static void cancels(CompletableFuture<?> outer, CompletableFuture<?> inner) {
        outer.whenComplete((value, error) -> {
            if (outer.isCancelled()) {
                inner.cancel(false);
            }
        });
    }

    /** Reads a command's future without letting a synchronous throw escape. */
    static <T extends @Nullable Object> CompletableFuture<T> guard(Supplier<CompletableFuture<T>> command) {
        try {
            return command.get();
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * {@code io} itself when it has completed already (the memory backend: go on on this thread,
     * no hop, no allocation); otherwise a copy completed on {@code executor}, so that what is
     * attached to it, which starts user code (a delegate, a fallback), does not run on the thread
     * that completed {@code io}: for Redis, Lettuce's event loop, which a slow delegate stalls and
     * a synchronous command issued there deadlocks. A backend that already completed {@code io}
     * on {@code executor} (a {@link HandOver} drain: Redis reads) is not hopped off again.
     */
    static <V extends @Nullable Object> CompletableFuture<V> offIoThread(CompletableFuture<V> io, Executor executor) {
        if (io.isDone()) {
            return io;
        }
        CompletableFuture<V> moved = new CompletableFuture<>();
        io.whenComplete((value, error) -> {
            Runnable move = () -> {
                if (error != null) {
                    moved.completeExceptionally(error);
                } else {
                    moved.complete(value);
                }
            };
            if (HandOver.isDraining(executor)) {
                move.run();
            } else {
                execute(executor, move);
            }
        });
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
                target.completeExceptionally(unwrap(error));
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
            Throwable failure = unwrap(error);
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

    /** A new future completed like {@code stage}, with its failure unwrapped. */
    static <T extends @Nullable Object> CompletableFuture<T> relay(CompletionStage<T> stage) {
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            if (error != null) {
                result.completeExceptionally(unwrap(error));
            } else {
                result.complete(value);
            }
        });
        return result;
    }
}
