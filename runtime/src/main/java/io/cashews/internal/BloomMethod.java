package io.cashews.internal;

import io.cashews.CacheBackendInteractionException;
import io.cashews.CacheEvent;
import io.cashews.Cashews;
import io.cashews.base.ScopeSnapshot;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * For generated code: {@code @Bloom} on a method answering "is this element known?", one
 * {@link Decorator} layer. The element is the layer's rendered key; its {@code k} bits are read
 * from the filter in the backend ({@link BloomFilter}).
 *
 * <ul>
 *   <li>Some bit is 0: the element was never added, so the answer is {@code false} and the
 *       delegate is not called.</li>
 *   <li>Every bit is 1: the element was probably added. With {@code checkFalsePositive} (the
 *       default) the delegate decides; without it the answer is {@code true}.</li>
 *   <li>The bits cannot be read ({@code getBits} disabled, or a backend failure): the delegate
 *       decides.</li>
 * </ul>
 * Elements are added through the sibling method annotated {@code @BloomAdd} ({@link BloomAddMethod}).
 */
public final class BloomMethod implements Decorator {
    private final Cashews cache;
    private final BloomFilter filter;
    private final boolean checkFalsePositive;
    private final EventSite events;

    /**
     * Creates the layer.
     *
     * @param cache the instance holding the filter
     * @param filter the filter's geometry and key
     * @param checkFalsePositive whether a positive answer is confirmed by the delegate
     */
    public BloomMethod(Cashews cache, BloomFilter filter, boolean checkFalsePositive) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.filter = Objects.requireNonNull(filter, "filter");
        this.checkFalsePositive = checkFalsePositive;
        // The filter's key is the layer's bounded name: its template.
        this.events = new EventSite(cache, "bloom", filter.key());
    }

    /** An answer the filter gave without the delegate: false is a refused call, true a hit. */
    static <T extends @Nullable Object> T answered(EventSite events, String key, boolean answer) {
        events.report(answer ? CacheEvent.Kind.HIT : CacheEvent.Kind.REJECTED, key);
        return CacheMethod.value(answer);
    }

    @Override
    public <T extends @Nullable Object, E extends Exception> T call(
            String key, @Nullable Object @Nullable [] args, Loader<T, E> inner) throws E {
        long[] bits = Bits.readBits(cache, filter.key(), filter.indexes(key));
        if (bits.length == 0) {
            return inner.load();
        }
        if (!BloomFilter.allSet(bits)) {
            return answered(events, key, false);
        }
        return checkFalsePositive ? inner.load() : answered(events, key, true);
    }

    @Override
    public <T extends @Nullable Object> CompletableFuture<T> callAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> inner) {
        // The bits may arrive on the backend's I/O thread: the inner layers start off it, with the
        // caller's scopes.
        ScopeSnapshot scopes = ScopeSnapshot.capture();
        CompletableFuture<long[]> read = Bits.readBitsAsync(cache, filter.key(), filter.indexes(key));
        return Futures.offIoThread(read, cache.executor()).thenCompose(scopes.wrapFunction(bits -> {
            if (bits.length == 0 || (BloomFilter.allSet(bits) && checkFalsePositive)) {
                return Bits.load(inner);
            }
            return CompletableFuture.completedFuture(BloomMethod.<T>answered(events, key, BloomFilter.allSet(bits)));
        }));
    }

    @Override
    public String toString() {
        return "BloomMethod[" + filter + (checkFalsePositive ? ", checkFalsePositive" : "") + "]";
    }

    /** Small helpers the Bloom layers share. */
    static final class Bits {
        private static final System.Logger LOG = System.getLogger(BloomMethod.class.getName());
        private static final long[] NO_ANSWER = new long[0];

        private Bits() {}

        /** Calls an async loader, turning a throw or a null stage into a failed future. */
        static <T extends @Nullable Object> CompletableFuture<T> load(AsyncLoader<T> loader) {
            CompletionStage<T> stage;
            try {
                stage = loader.load();
            } catch (Throwable thrown) {
                return CompletableFuture.failedFuture(thrown);
            }
            if (stage == null) {
                return CompletableFuture.failedFuture(new NullPointerException("the delegate returned a null"
                        + " CompletionStage"));
            }
            return stage.toCompletableFuture();
        }

        /**
         * Reads a filter's bits; a backend failure reads as "no answer" (an empty array), so the
         * delegate decides: a filter that cannot be read must not turn every answer into false.
         */
        static long[] readBits(Cashews cache, String key, long[] indexes) {
            try {
                return cache.getBits(key, 1, indexes);
            } catch (CacheBackendInteractionException e) {
                LOG.log(Level.DEBUG, () -> "cannot read Bloom filter " + key + "; asking the delegate", e);
                return NO_ANSWER;
            }
        }

        /** {@link #readBits} for the asynchronous path; never completes exceptionally for a backend failure. */
        static CompletableFuture<long[]> readBitsAsync(Cashews cache, String key, long[] indexes) {
            CompletableFuture<long[]> read;
            try {
                read = cache.async().getBits(key, 1, indexes);
            } catch (RuntimeException e) {
                read = CompletableFuture.failedFuture(e);
            }
            return read.handle((bits, error) -> {
                if (error == null) {
                    return bits;
                }
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                if (cause instanceof CacheBackendInteractionException) {
                    LOG.log(Level.DEBUG, () -> "cannot read Bloom filter " + key + "; asking the delegate", cause);
                    return NO_ANSWER;
                }
                throw error instanceof CompletionException completion ? completion : new CompletionException(cause);
            });
        }

        /**
         * Sets an element's bits after the delegate succeeded; a backend failure is logged, never
         * turned into a failure of the call that did succeed.
         */
        static void addBits(Cashews cache, String key, long[] indexes) {
            try {
                cache.incrBits(key, 1, 1, indexes);
            } catch (CacheBackendInteractionException e) {
                LOG.log(Level.WARNING, () -> "cannot add to Bloom filter " + key, e);
            }
        }

        /** {@link #addBits} for the asynchronous path: completes when the bits are set or the write failed. */
        static CompletableFuture<@Nullable Void> addBitsAsync(Cashews cache, String key, long[] indexes) {
            CompletableFuture<long[]> write;
            try {
                write = cache.async().incrBits(key, 1, 1, indexes);
            } catch (RuntimeException e) {
                write = CompletableFuture.failedFuture(e);
            }
            return write.handle((bits, error) -> {
                if (error != null) {
                    LOG.log(Level.WARNING, () -> "cannot add to Bloom filter " + key, error);
                }
                return null;
            });
        }

        /** cashews' truthiness of a result: {@code true}, or any non-null value that is not a Boolean. */
        static boolean truthy(@Nullable Object result) {
            return result instanceof Boolean b ? b : result != null;
        }
    }
}
