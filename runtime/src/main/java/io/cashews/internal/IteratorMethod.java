package io.cashews.internal;

import io.cashews.CacheCondition;
import io.cashews.Cashews;
import io.cashews.base.ScopeSnapshot;
import io.cashews.base.ThreadScopes;
import io.cashews.codec.CachedException;
import io.cashews.codec.ValueType;
import io.cashews.time.CacheClock;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Map;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * For generated code: the iterator strategy of {@code @Cache} on a method returning a
 * {@link Stream}, an {@link Iterator} or a {@link Flow.Publisher}, built once in the proxy's
 * constructor.
 *
 * <p>Layout: element {@code n} (from 0) is stored under {@code <key>:<n>} with the method's TTL
 * at the moment it is handed to the consumer; when the source ends, the completion marker
 * {@code <key>} is stored holding the number of elements, with the TTL left to the first element
 * (so the marker never outlives it). A call finds the marker and replays the stored elements in
 * order, stopping at the count or at the first <em>missing</em> element (an element that expired
 * or was evicted); {@code null}, {@code 0}, {@code false} and empty elements are elements like any
 * other. Without the marker the delegate is called and its elements recorded again.
 *
 * <p>With {@linkplain Builder#withExceptions withExceptions}, a source that throws one of the listed
 * exceptions is a complete sequence too: the exception is stored as the last element (a
 * {@link CachedException}) with the marker, and a replay hands on the elements before it, then
 * throws it. Otherwise nothing usable is left behind by a source that throws (the exception
 * reaches the consumer unchanged), by a consumer that stops early (a stream closed or short-circuited, an iterator not
 * driven to its end, a subscription cancelled), or when the {@linkplain Builder#condition
 * condition} rejects an element: in all three cases the marker is not written, so the next call
 * computes again, overwriting the elements.
 *
 * <p>A {@link Flow.Publisher} result is cold: the marker is read, and the delegate called on a
 * miss, when a subscriber subscribes; every backend access is asynchronous and the replay emits
 * only as many elements as were requested.
 */
public final class IteratorMethod {
    private static final System.Logger LOG = System.getLogger(IteratorMethod.class.getName());
    private static final Object MISS = CacheMethod.MISS;

    private final Cashews cache;
    private final String template;
    private final long ttlNanos;
    private final Duration ttl;
    private final @Nullable CacheCondition condition;
    private final List<Class<? extends Throwable>> storedExceptions;
    /** The declared element type: element reads decode into it; a value of another type is a miss. */
    private final ValueType<?> elementType;
    private final CacheClock clock;
    private final AtomicBoolean storeFailureLogged = new AtomicBoolean();

    private IteratorMethod(Builder builder) {
        this.cache = builder.cache;
        this.template = builder.template;
        this.ttl = Duration.ofMillis(builder.ttlMillis);
        this.ttlNanos = TimeUnit.MILLISECONDS.toNanos(builder.ttlMillis);
        this.condition = builder.condition;
        this.storedExceptions = List.copyOf(builder.storedExceptions);
        this.elementType = builder.elementType;
        this.clock = cache.clock();
    }

    /**
     * Starts building the strategy of one method.
     *
     * @param cache the instance the proxy stores into
     * @param template the method's key template as written, for messages
     * @return a builder; {@link Builder#ttlMillis(long)} must be called before {@link Builder#build()}
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(Cashews cache, String template) {
        return new Builder(cache, template);
    }

    /**
     * The whole path of a method returning a {@link Stream}: replays the stored elements when the
     * completion marker is there, otherwise calls the delegate and records the elements as the
     * returned stream hands them on. Closing the returned stream closes the delegate's.
     *
     * @param key the rendered key
     * @param args the call's arguments when a condition needs them, otherwise {@code null}
     * @param loader the call to the delegate
     * @param <T> the element type
     * @param <E> the checked exception the method declares
     * @return a sequential stream of the elements
     * @throws E what the delegate threw when called, unchanged
     */
    public <T extends @Nullable Object, E extends Exception> Stream<T> stream(
            String key, @Nullable Object @Nullable [] args, Loader<? extends Stream<? extends T>, E> loader) throws E {
        // Anything but a count on the marker key (another user of the key) counts as a miss.
        long count = count(cache.get(key, MISS));
        if (count >= 0) {
            detected(key, count);
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(
                    new Replay<T>(key, count), Spliterator.ORDERED), false);
        }
        Stream<? extends T> source = Objects.requireNonNull(loader.load(),
                () -> "the delegate returned a null Stream for key " + key);
        Iterator<T> recording = new Recording<>(key, args, source.iterator());
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(recording, Spliterator.ORDERED), false)
                .onClose(source::close);
    }

    /**
     * The whole path of a method returning an {@link Iterator}: as {@link #stream}, with the
     * marker written when the consumer finds the end ({@code hasNext()} answers {@code false}).
     *
     * @param key the rendered key
     * @param args the call's arguments when a condition needs them, otherwise {@code null}
     * @param loader the call to the delegate
     * @param <T> the element type
     * @param <E> the checked exception the method declares
     * @return an iterator over the elements; {@code remove()} is not supported
     * @throws E what the delegate threw when called, unchanged
     */
    public <T extends @Nullable Object, E extends Exception> Iterator<T> iterator(
            String key, @Nullable Object @Nullable [] args, Loader<? extends Iterator<? extends T>, E> loader) throws E {
        long count = count(cache.get(key, MISS));
        if (count >= 0) {
            detected(key, count);
            return new Replay<>(key, count);
        }
        Iterator<? extends T> source = Objects.requireNonNull(loader.load(),
                () -> "the delegate returned a null Iterator for key " + key);
        return new Recording<>(key, args, source);
    }

    /**
     * The whole path of a method returning a {@link Flow.Publisher}: returns at once a cold
     * publisher that, for each subscriber, reads the marker asynchronously and either replays
     * the stored elements on demand or calls the delegate (then, not now) and records what its
     * publisher emits. A delegate that throws is reported to the subscriber through
     * {@code onError}.
     *
     * @param key the rendered key
     * @param args the call's arguments when a condition needs them, otherwise {@code null}
     * @param loader the call to the delegate
     * @param <T> the element type
     * @param <E> the checked exception the method declares
     * @return the publisher
     */
    public <T extends @Nullable Object, E extends Exception> Flow.Publisher<T> publisher(
            String key, @Nullable Object @Nullable [] args, Loader<? extends Flow.Publisher<? extends T>, E> loader) {
        return subscriber -> subscribe(key, args, loader, Objects.requireNonNull(subscriber, "subscriber"));
    }

    private <T extends @Nullable Object, E extends Exception> void subscribe(
            String key, @Nullable Object @Nullable [] args, Loader<? extends Flow.Publisher<? extends T>, E> loader,
            Flow.Subscriber<? super T> subscriber) {
        CompletableFuture<@Nullable Object> read;
        try {
            read = cache.async().get(key, MISS);
        } catch (RuntimeException e) {
            read = CompletableFuture.failedFuture(e);
        }
        // The marker may arrive on the backend's I/O thread: the delegate is called off it.
        LayerFutures.offIoThread(read, cache.executor()).whenComplete(ScopeSnapshot.capture().wrap((marker, error) -> {
            if (error != null) {
                failBeforeStart(subscriber, unwrap(error));
            } else if (count(marker) >= 0) {
                detected(key, count(marker));
                subscriber.onSubscribe(new ReplaySubscription<>(key, count(marker), subscriber));
            } else {
                Flow.Publisher<? extends T> source;
                try {
                    source = Objects.requireNonNull(loader.load(),
                            () -> "the delegate returned a null Publisher for key " + key);
                } catch (Throwable thrown) {
                    failBeforeStart(subscriber, thrown);
                    return;
                }
                source.subscribe(new RecordingSubscriber<>(key, args, subscriber));
            }
        }));
    }

    // A replay is one hit: reported with the number of stored elements as its value.
    private void detected(String key, long count) {
        if (Detection.active()) {
            Detection.report(cache, "iterator", key, template, ttl, count, Map.of());
        }
    }

    // Reactive Streams §1.9: onSubscribe comes first, even when the next signal is an error.
    private static void failBeforeStart(Flow.Subscriber<?> subscriber, Throwable error) {
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {}

            @Override
            public void cancel() {}
        });
        subscriber.onError(error);
    }

    /**
     * Returns the key template this strategy was built for.
     *
     * @return the template as written
     */
    public String template() {
        return template;
    }

    @Override
    public String toString() {
        return "IteratorMethod[" + template + ", ttl=" + ttl + "]";
    }

    // ------------------------------------------------------------ shared pieces

    /** The element count a marker holds, or -1 when the key holds something that is not a marker. */
    private static long count(@Nullable Object marker) {
        if (marker instanceof Long || marker instanceof Integer) {
            long count = ((Number) marker).longValue();
            return count < 0 ? -1 : count;
        }
        return -1;
    }

    private static String elementKey(String key, long index) {
        return key + ':' + index;
    }

    /** Whether the element may be stored; a condition that throws is the caller's bug and propagates. */
    private boolean accepts(@Nullable Object element, @Nullable Object @Nullable [] args, String key) {
        return condition == null || condition.test(element, args == null ? new Object[0] : args, key);
    }

    private boolean storesException(Throwable error) {
        for (Class<? extends Throwable> type : storedExceptions) {
            if (type.isInstance(error)) {
                return true;
            }
        }
        return false;
    }

    /** The TTL of the marker: what is left of the first element's, or null when nothing is left. */
    private @Nullable Duration markerTtl(long firstStoredAt, boolean anyElement) {
        if (!anyElement) {
            return ttl;
        }
        long left = ttlNanos - (clock.nanoTime() - firstStoredAt);
        return left <= 0 ? null : Duration.ofNanos(left);
    }

    private void storeFailed(String key, Throwable failure) {
        Level level = storeFailureLogged.compareAndSet(false, true) ? Level.WARNING : Level.DEBUG;
        LOG.log(level, () -> "could not store an element of \"" + template + "\" under " + key
                + "; the consumer still gets it", failure);
    }

    private void store(String key, @Nullable Object value, Duration storeFor) {
        try {
            cache.set(key, value, storeFor);
        } catch (RuntimeException e) {
            storeFailed(key, e);
        }
    }

    private CompletableFuture<?> storeAsync(String key, @Nullable Object value, Duration storeFor) {
        try {
            return cache.async().set(key, value, storeFor).handle((ok, error) -> {
                if (error != null) {
                    storeFailed(key, unwrap(error));
                }
                return ok;
            });
        } catch (RuntimeException e) {
            storeFailed(key, e);
            return CompletableFuture.completedFuture(null);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    // ------------------------------------------------------------ synchronous sources

    /** Hands on the source's elements, storing each first, and the marker at the end. */
    private final class Recording<T extends @Nullable Object> implements Iterator<T> {
        private final String key;
        private final @Nullable Object @Nullable [] args;
        private final Iterator<? extends T> source;
        private long index;
        private long firstStoredAt;
        // Set when an element was not stored: the sequence can no longer be replayed whole.
        private boolean gap;
        private boolean finished;

        Recording(String key, @Nullable Object @Nullable [] args, Iterator<? extends T> source) {
            this.key = key;
            this.args = args;
            this.source = source;
        }

        @Override
        public boolean hasNext() {
            boolean more;
            try {
                more = source.hasNext();
            } catch (RuntimeException | Error error) {
                failed(error);
                throw error;
            }
            if (!more && !finished) {
                finished = true;
                Duration markerTtl = markerTtl(firstStoredAt, index > 0);
                if (!gap && markerTtl != null) {
                    store(key, index, markerTtl);
                }
            }
            return more;
        }

        @Override
        public T next() {
            T element;
            try {
                element = source.next();
            } catch (NoSuchElementException end) {
                // The consumer's mistake, not the source failing.
                throw end;
            } catch (RuntimeException | Error error) {
                failed(error);
                throw error;
            }
            String elementKey = elementKey(key, index);
            if (index == 0) {
                firstStoredAt = clock.nanoTime();
            }
            if (accepts(element, args, elementKey)) {
                store(elementKey, element, ttl);
            } else {
                gap = true;
            }
            index++;
            return element;
        }

        /**
         * The source threw: without withExceptions nothing is written (no marker, so the next
         * call computes again); with it, the exception becomes the last element.
         */
        private void failed(Throwable error) {
            if (!finished && !gap && storesException(error)) {
                finished = true;
                if (index == 0) {
                    firstStoredAt = clock.nanoTime();
                }
                store(elementKey(key, index), new CachedException(error), ttl);
                Duration markerTtl = markerTtl(firstStoredAt, true);
                if (markerTtl != null) {
                    store(key, index + 1, markerTtl);
                }
            }
            finished = true;
        }
    }

    /** Reads the stored elements one by one, as the consumer asks for them. */
    private final class Replay<T extends @Nullable Object> implements Iterator<T> {
        private final String key;
        private final long count;
        private long index;
        private @Nullable Object next = MISS;
        private boolean ended;

        Replay(String key, long count) {
            this.key = key;
            this.count = count;
        }

        @Override
        public boolean hasNext() {
            if (next != MISS) {
                return true;
            }
            if (ended || index >= count) {
                ended = true;
                return false;
            }
            next = cache.getAs(elementKey(key, index), elementType, MISS);
            if (next == MISS) {
                // An element expired or was evicted: the replay ends here rather than skip it.
                ended = true;
                return false;
            }
            index++;
            if (next instanceof CachedException cached) {
                // A stored failure ends the sequence as it ended the first time.
                ended = true;
                next = MISS;
                throw cached.rethrow();
            }
            return true;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more elements under " + key);
            }
            Object element = next;
            next = MISS;
            return CacheMethod.value(element);
        }
    }

    // ------------------------------------------------------------ Flow.Publisher

    /** Passes the source's signals on, storing each element first and the marker before onComplete. */
    private final class RecordingSubscriber<T extends @Nullable Object> implements Flow.Subscriber<T> {
        private final String key;
        private final @Nullable Object @Nullable [] args;
        private final Flow.Subscriber<? super T> downstream;
        private final List<CompletableFuture<?>> writes = new ArrayList<>();
        private volatile boolean cancelled;
        // Signals are serial (Reactive Streams §1.3), so plain fields suffice between them.
        private long index;
        private long firstStoredAt;
        private boolean gap;
        // Signals arrive on the publisher's threads: the writes carry the subscribing call's scopes.
        private final ScopeSnapshot scopes = ScopeSnapshot.capture();

        RecordingSubscriber(String key, @Nullable Object @Nullable [] args, Flow.Subscriber<? super T> downstream) {
            this.key = key;
            this.args = args;
            this.downstream = downstream;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            downstream.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    subscription.request(n);
                }

                @Override
                public void cancel() {
                    cancelled = true;
                    subscription.cancel();
                }
            });
        }

        @Override
        public void onNext(T element) {
            String elementKey = elementKey(key, index);
            if (index == 0) {
                firstStoredAt = clock.nanoTime();
            }
            index++;
            boolean accepted;
            try {
                accepted = accepts(element, args, elementKey);
            } catch (RuntimeException e) {
                // A throwing condition spoils the sequence but not the consumer's elements.
                storeFailed(elementKey, e);
                accepted = false;
            }
            if (accepted) {
                ThreadScopes.Frame installed = scopes.install();
                try {
                    writes.add(storeAsync(elementKey, element, ttl));
                } finally {
                    installed.close();
                }
            } else {
                gap = true;
            }
            downstream.onNext(element);
        }

        @Override
        public void onError(Throwable error) {
            if (gap || cancelled || !storesException(error)) {
                downstream.onError(error);
                return;
            }
            if (index == 0) {
                firstStoredAt = clock.nanoTime();
            }
            ThreadScopes.Frame installed = scopes.install();
            try {
                writes.add(storeAsync(elementKey(key, index), new CachedException(error), ttl));
            } finally {
                installed.close();
            }
            Duration markerTtl = markerTtl(firstStoredAt, true);
            if (markerTtl == null) {
                downstream.onError(error);
                return;
            }
            long count = index + 1;
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                    .thenCompose(scopes.wrapFunction(ignored -> storeAsync(key, count, markerTtl)))
                    .whenComplete((ignored, storeError) -> downstream.onError(error));
        }

        @Override
        public void onComplete() {
            Duration markerTtl = markerTtl(firstStoredAt, index > 0);
            if (gap || cancelled || markerTtl == null) {
                downstream.onComplete();
                return;
            }
            long count = index;
            // The marker goes after every element is written, and the consumer hears of the end
            // after the marker, so that its next call replays.
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                    .thenCompose(scopes.wrapFunction(ignored -> storeAsync(key, count, markerTtl)))
                    .whenComplete((ignored, error) -> downstream.onComplete());
        }
    }

    /** Emits stored elements as they are requested, reading each from the backend asynchronously. */
    private final class ReplaySubscription<T extends @Nullable Object> implements Flow.Subscription {
        private final String key;
        private final long count;
        private final Flow.Subscriber<? super T> downstream;
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private volatile boolean cancelled;
        private volatile boolean done;
        private volatile @Nullable IllegalArgumentException badRequest;
        // At most one terminal signal, whichever thread gets there first.
        private final AtomicBoolean terminated = new AtomicBoolean();
        // True while one read is outstanding; reads are one at a time so elements stay in order.
        private volatile boolean reading;
        private long index;

        ReplaySubscription(String key, long count, Flow.Subscriber<? super T> downstream) {
            this.key = key;
            this.count = count;
            this.downstream = downstream;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                // Delivered by the drain loop, so it never overlaps an onNext in flight.
                badRequest = new IllegalArgumentException("request(" + n + "): the demand must be positive"
                        + " (Reactive Streams §3.9)");
                drain();
                return;
            }
            requested.getAndAccumulate(n, (current, add) -> current + add < 0 ? Long.MAX_VALUE : current + add);
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        // Only one thread runs the loop; a request or a completed read arriving meanwhile makes
        // it go round again instead of recursing (so a synchronous backend never deepens the stack).
        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            while (true) {
                while (!cancelled && !done && !reading) {
                    IllegalArgumentException bad = badRequest;
                    if (bad != null) {
                        finish(bad);
                        break;
                    }
                    if (index >= count) {
                        // The end needs no demand (Reactive Streams §1.2 allows onComplete any time).
                        complete();
                        break;
                    }
                    if (requested.get() == 0) {
                        break;
                    }
                    reading = true;
                    CompletableFuture<@Nullable Object> read = read(elementKey(key, index));
                    if (read.isDone()) {
                        accept(read);
                    } else {
                        read.whenComplete((value, error) -> {
                            accept(read);
                            drain();
                        });
                        break;
                    }
                }
                missed = wip.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        private CompletableFuture<@Nullable Object> read(String elementKey) {
            try {
                return cache.async().getAs(elementKey, elementType, MISS);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        // Every branch signals before clearing "reading": the drain loop may start the next read
        // (or end the stream) only once this read's signal is out.
        private void accept(CompletableFuture<@Nullable Object> read) {
            Object element;
            try {
                element = read.join();
            } catch (RuntimeException e) {
                finish(unwrap(e));
                reading = false;
                return;
            }
            if (cancelled) {
                reading = false;
                return;
            }
            if (element == MISS) {
                complete();
            } else if (element instanceof CachedException cached) {
                finish(cached.error());
            } else {
                index++;
                requested.decrementAndGet();
                downstream.onNext(CacheMethod.value(element));
            }
            reading = false;
        }

        private void complete() {
            if (!cancelled && terminated.compareAndSet(false, true)) {
                done = true;
                downstream.onComplete();
            }
        }

        private void finish(Throwable error) {
            if (terminated.compareAndSet(false, true)) {
                done = true;
                downstream.onError(error);
            }
        }
    }

    /** Builds an {@link IteratorMethod}; for generated code. */
    public static final class Builder {
        private final Cashews cache;
        private final String template;
        private long ttlMillis;
        private @Nullable CacheCondition condition;
        private final List<Class<? extends Throwable>> storedExceptions = new ArrayList<>();
        private ValueType<?> elementType = ValueType.ANY;

        private Builder(Cashews cache, String template) {
            this.cache = Objects.requireNonNull(cache, "cache");
            this.template = Objects.requireNonNull(template, "template");
        }

        /**
         * Sets the time to live of every stored element; required.
         *
         * @param ttlMillis milliseconds, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code ttlMillis} is not positive
         */
        public Builder ttlMillis(long ttlMillis) {
            if (ttlMillis <= 0) {
                throw new IllegalArgumentException("ttl of \"" + template + "\" must be positive, got "
                        + ttlMillis + " ms");
            }
            this.ttlMillis = ttlMillis;
            return this;
        }

        /**
         * Stores an element only when {@code condition} accepts it (called with the element, the
         * arguments and the element's key); a rejected element means the sequence is not
         * replayable, so no marker is written for that run.
         *
         * @param condition the condition
         * @return this builder
         * @throws NullPointerException if {@code condition} is null
         */
        public Builder condition(CacheCondition condition) {
            this.condition = Objects.requireNonNull(condition, "condition");
            return this;
        }

        /**
         * Lets a source that throws one of these exceptions complete a replayable sequence: the
         * exception is stored after the elements before it, and replays throw it at that point.
         *
         * @param types the exception types
         * @return this builder
         */
        @SafeVarargs
        public final Builder withExceptions(Class<? extends Throwable>... types) {
            storedExceptions.addAll(List.of(types));
            return this;
        }

        /**
         * Sets the declared element type (generated code passes it): stored elements are decoded
         * into it ({@code serializer=json}) and an element of another type ends the replay.
         *
         * @param type the type; default {@link ValueType#ANY}
         * @return this builder
         */
        public Builder valueType(ValueType<?> type) {
            this.elementType = Objects.requireNonNull(type, "type");
            return this;
        }

        /**
         * Builds the strategy.
         *
         * @return the strategy, safe to share between threads
         * @throws IllegalStateException if {@link #ttlMillis(long)} was not called
         */
        public IteratorMethod build() {
            if (ttlMillis == 0) {
                throw new IllegalStateException("ttlMillis(...) was not set for \"" + template + "\"");
            }
            return new IteratorMethod(this);
        }
    }
}
