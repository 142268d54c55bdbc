package io.cashews.internal;

import io.cashews.CacheCondition;
import io.cashews.Cashews;
import io.cashews.Exist;
import io.cashews.codec.ValueType;
import io.cashews.time.CacheClock;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * What the recording and replaying halves of {@link IteratorMethod} share: the element layout
 * ({@code <key>:<n>} and the count marker under {@code <key>}), the store policy (TTL, condition,
 * stored exceptions, declared element type) and the writes, which never fail the consumer.
 */
final class ElementStore {
    private static final System.Logger LOG = System.getLogger(IteratorMethod.class.getName());
    static final Object MISS = CacheMethod.MISS;

    final Cashews cache;
    final String template;
    final Duration ttl;
    private final long ttlNanos;
    private final @Nullable CacheCondition condition;
    private final List<Class<? extends Throwable>> storedExceptions;
    /** The declared element type: element reads decode into it; a value of another type is a miss. */
    final ValueType<?> elementType;
    /**
     * How the marker is read: any count, checked against the elements' fingerprint (when their
     * type has one), so that a sequence stored by another shape is recomputed from its start
     * rather than cut short at its first element.
     */
    final ValueType<?> markerType;
    final CacheClock clock;
    // The strategy's events; a stored marker is the one PUT of a sequence (its elements are parts of that result).
    final EventSite events;
    private final AtomicBoolean storeFailureLogged = new AtomicBoolean();

    ElementStore(Cashews cache, String template, long ttlMillis, @Nullable CacheCondition condition,
            List<Class<? extends Throwable>> storedExceptions, ValueType<?> elementType) {
        this.cache = cache;
        this.template = template;
        this.ttl = Duration.ofMillis(ttlMillis);
        this.ttlNanos = TimeUnit.MILLISECONDS.toNanos(ttlMillis);
        this.condition = condition;
        this.storedExceptions = List.copyOf(storedExceptions);
        this.elementType = elementType;
        this.markerType = elementType.fingerprint() == 0 ? ValueType.ANY : ValueType.ANY.fingerprint(elementType.fingerprint());
        this.clock = cache.clock();
        this.events = new EventSite(cache, "iterator", template);
    }

    /** The element count a marker holds, or -1 when the key holds something that is not a marker. */
    static long count(@Nullable Object marker) {
        if (marker instanceof Long || marker instanceof Integer) {
            long count = ((Number) marker).longValue();
            return count < 0 ? -1 : count;
        }
        return -1;
    }

    static String elementKey(String key, long index) {
        return key + ':' + index;
    }

    /** Whether the element may be stored; a condition that throws is the caller's bug and propagates. */
    boolean accepts(@Nullable Object element, @Nullable Object @Nullable [] args, String key) {
        return condition == null || condition.test(element, args == null ? new Object[0] : args, key);
    }

    boolean storesException(Throwable error) {
        for (Class<? extends Throwable> type : storedExceptions) {
            if (type.isInstance(error)) {
                return true;
            }
        }
        return false;
    }

    /** The TTL of the marker: what is left of the first element's, or null when nothing is left. */
    @Nullable Duration markerTtl(long firstStoredAt, boolean anyElement) {
        if (!anyElement) {
            return ttl;
        }
        long left = ttlNanos - (clock.nanoTime() - firstStoredAt);
        return left <= 0 ? null : Duration.ofNanos(left);
    }

    void storeFailed(String key, Throwable failure) {
        Level level = storeFailureLogged.compareAndSet(false, true) ? Level.WARNING : Level.DEBUG;
        LOG.log(level, () -> "could not store an element of \"" + template + "\" under " + key
                + "; the consumer still gets it", failure);
    }

    /**
     * Stores an element, a stored exception or a marker, fingerprinted as the elements' type says;
     * a failure is logged, never thrown.
     *
     * @return whether the backend stored it
     */
    boolean store(String key, @Nullable Object value, Duration storeFor) {
        try {
            return cache.strategyStore().set(key, elementType.seal(value), storeFor, Exist.ANY);
        } catch (RuntimeException e) {
            storeFailed(key, e);
            return false;
        }
    }

    /** Stores the marker that ends a sequence of {@code count} elements: the sequence's PUT. */
    void storeMarker(String key, long count, Duration storeFor) {
        events.put(key, store(key, count, storeFor));
    }

    /** {@link #store} without blocking. */
    CompletableFuture<Boolean> storeAsync(String key, @Nullable Object value, Duration storeFor) {
        try {
            return cache.strategyStore().setAsync(key, elementType.seal(value), storeFor, Exist.ANY).handle((ok, error) -> {
                if (error != null) {
                    storeFailed(key, Futures.unwrap(error));
                    return false;
                }
                return ok;
            });
        } catch (RuntimeException e) {
            storeFailed(key, e);
            return CompletableFuture.completedFuture(false);
        }
    }

    /** {@link #storeMarker} without blocking. */
    CompletableFuture<Boolean> storeMarkerAsync(String key, long count, Duration storeFor) {
        return storeAsync(key, count, storeFor).thenApply(stored -> {
            events.put(key, stored);
            return stored;
        });
    }
}
