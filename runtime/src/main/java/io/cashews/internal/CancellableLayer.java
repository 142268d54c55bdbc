package io.cashews.internal;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * For generated code: a layer of a {@code Mono}'s or {@code Uni}'s method whose strategy shares
 * nothing between callers and calls its inner layer at most once per call ({@code @Invalidate},
 * {@code @CacheTransaction}, {@code @Bloom}, {@code @BloomAdd}, {@code @DualBloom}). The future
 * {@link #callAsync} returns belongs to the caller's subscription: cancelling it cancels what the
 * inner layer started for the call (the next layer's future, or the delegate's subscription), or
 * keeps it from starting, so that the strategy's own work after a success (deleting keys,
 * committing, setting bits) never runs for a cancelled call. The synchronous path is the layer's
 * own.
 */
public final class CancellableLayer implements Decorator {
    private final Decorator layer;

    private CancellableLayer(Decorator layer) {
        this.layer = layer;
    }

    /**
     * Wraps one layer.
     *
     * @param layer a layer that shares no computation between callers
     * @return the layer, cancellable through its asynchronous path
     * @throws NullPointerException if {@code layer} is null
     */
    public static CancellableLayer of(Decorator layer) {
        return new CancellableLayer(Objects.requireNonNull(layer, "layer"));
    }

    @Override
    public <T extends @Nullable Object, E extends Exception> T call(
            String key, @Nullable Object @Nullable [] args, Loader<T, E> inner) throws E {
        return layer.call(key, args, inner);
    }

    @Override
    public <T extends @Nullable Object> CompletableFuture<T> callAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> inner) {
        return Cancellation.call(true, inner, linked -> layer.callAsync(key, args, linked));
    }

    @Override
    public String toString() {
        return "CancellableLayer[" + layer + "]";
    }
}
