package io.cashews.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How a layer built {@code cancellable} (the layers of a Reactor {@code Mono}'s or a Mutiny
 * {@code Uni}'s method) passes its caller's cancellation inward: the future a layer returns
 * belongs to one subscription, and when that subscription is cancelled the work the layer started
 * for it, the next layer's future or the delegate's, is cancelled too, so that nothing is computed
 * or stored for nobody. Work a layer starts for itself (an early or hit refresh) is never linked,
 * and work shared by several callers is linked through {@link SingleFlight}, which cancels it only
 * once every caller has left. Without {@code cancellable} every method here does nothing more than
 * the plain path, so {@code CompletableFuture} methods keep a delegate's future that others may
 * share uncancelled.
 */
final class Cancellation {
    private Cancellation() {}

    /** Cancels {@code inner} when {@code outer} is (or already was) cancelled, if {@code cancellable}. */
    static void pass(boolean cancellable, CompletableFuture<?> outer, CompletableFuture<?> inner) {
        if (cancellable) {
            Futures.cancels(outer, inner);
        }
    }

    /**
     * Starts {@code inner} for the computation whose future is {@code owner}, as
     * {@link Futures#start} does. With {@code cancellable}, nothing starts when {@code owner} is
     * cancelled already (the future returned fails with a {@link CancellationException}), and a
     * later cancellation of {@code owner} cancels the stage {@code inner} returned.
     */
    static <T extends @Nullable Object> CompletableFuture<T> start(
            boolean cancellable, CompletableFuture<?> owner, AsyncLoader<T> inner) {
        if (!cancellable) {
            return Futures.start(inner::load);
        }
        return Futures.start(linked(owner, inner)::load);
    }

    /**
     * {@code body}'s future for a layer that shares nothing between callers and calls its inner
     * loader at most once per call (a lock, a rate limit, a circuit breaker): with
     * {@code cancellable}, the future returned is the caller's own, and its cancellation cancels
     * whatever {@code inner} started for this call, or keeps it from starting, and cancels the
     * future {@code body} returned. {@code body} gets the loader to call.
     */
    static <T extends @Nullable Object> CompletableFuture<T> call(boolean cancellable, AsyncLoader<T> inner,
            Function<AsyncLoader<T>, CompletableFuture<T>> body) {
        if (!cancellable) {
            return body.apply(inner);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<T> work = Futures.guard(() -> body.apply(linked(result, inner)));
        Futures.relay(work, result);
        // The body may stop its own work (a lock wait) when its future is cancelled.
        Futures.cancels(result, work);
        return result;
    }

    /**
     * Whether a computation finished for nobody: its caller's future was cancelled, so what it
     * produced, value or exception, must not be stored.
     */
    static boolean abandoned(boolean cancellable, CompletableFuture<?> owner) {
        return cancellable && owner.isCancelled();
    }

    // The loader that starts nothing for a cancelled owner and cancels what it started with it.
    private static <T extends @Nullable Object> AsyncLoader<T> linked(CompletableFuture<?> owner, AsyncLoader<T> inner) {
        return () -> {
            if (owner.isCancelled()) {
                return CompletableFuture.failedFuture(new CancellationException("the caller cancelled"));
            }
            CompletionStage<T> stage = inner.load();
            if (stage instanceof CompletableFuture<T> started) {
                Futures.cancels(owner, started);
            }
            return stage;
        };
    }
}
