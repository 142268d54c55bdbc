package io.cashews.internal;

import io.cashews.Cashews;
import io.cashews.base.ScopeSnapshot;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * For generated code: {@code @BloomAdd}, the method that adds elements to the filter of its
 * {@code @Bloom} sibling, as one {@link Decorator} layer. It calls the delegate first; when the
 * delegate returns normally with a truthy result ({@code true}, or any non-null value other than
 * {@code false}) the element's bits are set, so a failed or refused addition never makes the
 * filter answer "probably there". The delegate's result is returned as is, even when the bits
 * cannot be written (a backend failure is logged).
 */
public final class BloomAddMethod implements Decorator {
    private final Cashews cache;
    private final BloomFilter filter;

    /**
     * Creates the layer.
     *
     * @param cache the instance holding the filter
     * @param filter the filter of the {@code @Bloom} sibling (same key base, capacity and rate)
     */
    public BloomAddMethod(Cashews cache, BloomFilter filter) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.filter = Objects.requireNonNull(filter, "filter");
    }

    @Override
    public <T extends @Nullable Object, E extends Exception> T call(
            String key, @Nullable Object @Nullable [] args, Loader<T, E> inner) throws E {
        T result = inner.load();
        if (BloomMethod.Bits.truthy(result)) {
            BloomMethod.Bits.addBits(cache, filter.key(), filter.indexes(key));
        }
        return result;
    }

    @Override
    public <T extends @Nullable Object> CompletableFuture<T> callAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> inner) {
        // Continuations may run on other threads: they carry the caller's scopes to the bit writes.
        ScopeSnapshot scopes = ScopeSnapshot.capture();
        return BloomMethod.Bits.load(inner).thenCompose(scopes.wrapFunction(result -> {
            if (!BloomMethod.Bits.truthy(result)) {
                return CompletableFuture.completedFuture(result);
            }
            // The caller hears of success once the bits are set, so its next lookup sees them.
            return BloomMethod.Bits.addBitsAsync(cache, filter.key(), filter.indexes(key)).thenApply(done -> result);
        }));
    }

    @Override
    public String toString() {
        return "BloomAddMethod[" + filter + "]";
    }
}
