package io.cashews.internal;

import io.cashews.CacheCondition;
import io.cashews.CacheEvent;
import io.cashews.Cashews;
import io.cashews.base.ScopeSnapshot;
import io.cashews.codec.ValueType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
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
 * {@link io.cashews.codec.CachedException}) with the marker, and a replay hands on the elements before it, then
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
    private static final Object MISS = ElementStore.MISS;

    private final ElementStore elements;
    private final Cashews cache;
    private final String template;
    private final EventSite events;

    private IteratorMethod(Builder builder) {
        this.elements = new ElementStore(builder.cache, builder.template, builder.ttlMillis, builder.condition,
                builder.storedExceptions, builder.elementType);
        this.cache = builder.cache;
        this.template = builder.template;
        this.events = elements.events;
    }

    /** Calls the delegate for its stream, iterator or publisher: one LOAD event (the elements come later). */
    private <S, E extends Exception> S load(String key, Loader<S, E> loader) throws E {
        long began = events.start();
        S source;
        try {
            source = loader.load();
        } catch (Throwable failure) {
            events.load(key, began, false);
            throw failure;
        }
        events.load(key, began, source != null);
        return source;
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
        long count = ElementStore.count(cache.strategyStore().getAs(key, elements.markerType, MISS));
        if (count >= 0) {
            detected(key, count);
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(
                    new ReplayIterator<T>(elements, key, count), Spliterator.ORDERED), false);
        }
        events.report(CacheEvent.Kind.MISS, key);
        Stream<? extends T> source = Objects.requireNonNull(load(key, loader),
                () -> "the delegate returned a null Stream for key " + key);
        Iterator<T> recording = new RecordingIterator<>(elements, key, args, source.iterator());
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
        long count = ElementStore.count(cache.strategyStore().getAs(key, elements.markerType, MISS));
        if (count >= 0) {
            detected(key, count);
            return new ReplayIterator<>(elements, key, count);
        }
        events.report(CacheEvent.Kind.MISS, key);
        Iterator<? extends T> source = Objects.requireNonNull(load(key, loader),
                () -> "the delegate returned a null Iterator for key " + key);
        return new RecordingIterator<>(elements, key, args, source);
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
            read = cache.strategyStore().getAsAsync(key, elements.markerType, MISS);
        } catch (RuntimeException e) {
            read = CompletableFuture.failedFuture(e);
        }
        // The marker may arrive on the backend's I/O thread: the delegate is called off it.
        Futures.offIoThread(read, cache.executor()).whenComplete(ScopeSnapshot.capture().wrap((marker, error) -> {
            if (error != null) {
                failBeforeStart(subscriber, Futures.unwrap(error));
            } else if (ElementStore.count(marker) >= 0) {
                detected(key, ElementStore.count(marker));
                subscriber.onSubscribe(new ReplaySubscription<>(elements, key, ElementStore.count(marker), subscriber));
            } else {
                events.report(CacheEvent.Kind.MISS, key);
                Flow.Publisher<? extends T> source;
                try {
                    source = Objects.requireNonNull(load(key, loader),
                            () -> "the delegate returned a null Publisher for key " + key);
                } catch (Throwable thrown) {
                    failBeforeStart(subscriber, thrown);
                    return;
                }
                source.subscribe(new RecordingSubscriber<>(elements, key, args, subscriber));
            }
        }));
    }

    // A replay is one hit: reported with the number of stored elements as its value.
    private void detected(String key, long count) {
        events.report(CacheEvent.Kind.HIT, key);
        if (Detection.active()) {
            Detection.report(cache, "iterator", key, template, elements.ttl, count, Map.of());
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
        return "IteratorMethod[" + template + ", ttl=" + elements.ttl + "]";
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
