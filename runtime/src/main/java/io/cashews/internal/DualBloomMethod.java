package io.cashews.internal;

import io.cashews.Cashews;
import io.cashews.base.ScopeSnapshot;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * For generated code: {@code @DualBloom}, a pair of Bloom filters in front of a yes/no lookup that
 * learns from the delegate's answers, as one {@link Decorator} layer. The "true" filter holds the
 * elements the delegate answered {@code true} for, the "false" filter those it answered
 * {@code false} (or {@code null}) for; the element is the layer's rendered key, hashed with the
 * suffix {@code "true"} or {@code "false"} for the two filters.
 *
 * <ul>
 *   <li>Neither filter has the element: the delegate answers, and the element is added to the
 *       filter of its answer.</li>
 *   <li>Only the "true" filter has it: {@code true} without calling the delegate.</li>
 *   <li>Only the "false" filter has it: {@code false} without calling the delegate.</li>
 *   <li>Both have it (a false positive in one of them): the delegate answers, nothing is added.</li>
 *   <li>The bits cannot be read ({@code getBits} disabled, or a backend failure): the delegate
 *       answers, nothing is added.</li>
 * </ul>
 * So an answer from the filters is wrong only when one filter gives a false positive for an
 * element the other never saw; both answers are otherwise trusted, and the delegate is asked
 * about each element about once.
 */
public final class DualBloomMethod implements Decorator {
    private final Cashews cache;
    private final BloomFilter filter;
    private final String yesKey;
    private final String noKey;
    private final EventSite events;

    /**
     * Creates the layer.
     *
     * @param cache the instance holding the filters
     * @param keyBase the filters' key base, such as {@code dual_bloom:com.example.Users.exists};
     *     the filters are {@code <keyBase>:<m>:true} and {@code <keyBase>:<m>:false}
     * @param capacity the capacity of each filter
     * @param falsePositivesPercent the false-positive rate of each filter, in percent
     * @throws IllegalArgumentException if the numbers give no usable filter
     */
    public DualBloomMethod(Cashews cache, String keyBase, long capacity, double falsePositivesPercent) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.filter = new BloomFilter(keyBase, capacity, falsePositivesPercent);
        this.yesKey = filter.key() + ":true";
        this.noKey = filter.key() + ":false";
        this.events = new EventSite(cache, "bloom", filter.key());
    }

    @Override
    public <T extends @Nullable Object, E extends Exception> T call(
            String key, @Nullable Object @Nullable [] args, Loader<T, E> inner) throws E {
        long[] yesIndexes = filter.indexes(key + "true");
        long[] noIndexes = filter.indexes(key + "false");
        long[] yesBits = BloomMethod.Bits.readBits(cache, yesKey, yesIndexes);
        long[] noBits = yesBits.length == 0 ? yesBits : BloomMethod.Bits.readBits(cache, noKey, noIndexes);
        if (yesBits.length == 0 || noBits.length == 0) {
            return inner.load();
        }
        boolean yes = BloomFilter.allSet(yesBits);
        boolean no = BloomFilter.allSet(noBits);
        if (yes != no) {
            return BloomMethod.answered(events, key, yes);
        }
        T result = inner.load();
        if (!yes) {
            boolean truthy = BloomMethod.Bits.truthy(result);
            BloomMethod.Bits.addBits(cache, truthy ? yesKey : noKey, truthy ? yesIndexes : noIndexes);
        }
        return result;
    }

    @Override
    public <T extends @Nullable Object> CompletableFuture<T> callAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> inner) {
        long[] yesIndexes = filter.indexes(key + "true");
        long[] noIndexes = filter.indexes(key + "false");
        CompletableFuture<long[]> yesRead = BloomMethod.Bits.readBitsAsync(cache, yesKey, yesIndexes);
        CompletableFuture<long[]> noRead = BloomMethod.Bits.readBitsAsync(cache, noKey, noIndexes);
        // The bits may arrive on the backend's I/O thread: the inner layers start off it, with the
        // caller's scopes.
        ScopeSnapshot scopes = ScopeSnapshot.capture();
        CompletableFuture<long[][]> read = yesRead.thenCombine(noRead,
                (yesBits, noBits) -> new long[][] {yesBits, noBits});
        return Futures.offIoThread(read, cache.executor())
                .thenCompose(scopes.wrapFunction(bits -> {
                    if (bits[0].length == 0 || bits[1].length == 0) {
                        return BloomMethod.Bits.load(inner);
                    }
                    boolean yes = BloomFilter.allSet(bits[0]);
                    boolean no = BloomFilter.allSet(bits[1]);
                    if (yes != no) {
                        return CompletableFuture.completedFuture(BloomMethod.<T>answered(events, key, yes));
                    }
                    CompletableFuture<T> result = BloomMethod.Bits.load(inner);
                    if (yes) {
                        return result;
                    }
                    return result.thenCompose(scopes.wrapFunction(value -> {
                        boolean truthy = BloomMethod.Bits.truthy(value);
                        return BloomMethod.Bits.addBitsAsync(cache, truthy ? yesKey : noKey,
                                truthy ? yesIndexes : noIndexes).thenApply(ignored -> value);
                    }));
                }));
    }

    @Override
    public String toString() {
        return "DualBloomMethod[" + filter + "]";
    }
}
