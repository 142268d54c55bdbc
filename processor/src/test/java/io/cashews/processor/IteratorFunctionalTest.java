package io.cashews.processor;

import static io.cashews.processor.CompiledClasses.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import io.cashews.Cashews;
import io.cashews.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The iterator strategy through generated proxies: {@code @Cache} on methods returning
 * {@code Stream}, {@code Iterator} and {@code Flow.Publisher}, on {@code mem://} with a manual clock.
 */
class IteratorFunctionalTest {

    private static final String SOURCE = """
            package it;

            import io.cashews.annotations.Cache;
            import java.io.IOException;
            import java.util.Iterator;
            import java.util.concurrent.Flow;
            import java.util.stream.Stream;

            public interface Lines {
                @Cache(ttl = "1m", key = "lines:{name}")
                Stream<String> lines(String name) throws IOException;

                // Elements of several types: declared as Object, or replays would treat them as misses.
                @Cache(ttl = "1m", key = "numbers:{name}")
                Iterator<Object> numbers(String name);

                @Cache(ttl = "1m", key = "events:{name}")
                Flow.Publisher<Object> events(String name);

                @Cache(ttl = "1m", key = "kept:{name}", condition = io.cashews.NotNullCondition.class)
                Stream<String> kept(String name);

                @Cache(ttl = "1m", key = "failing:{name}", withExceptions = IllegalStateException.class)
                Iterator<Object> failing(String name);

                @Cache(ttl = "1m", key = "failingEvents:{name}", withExceptions = IllegalStateException.class)
                Flow.Publisher<Object> failingEvents(String name);
            }
            """;

    /** The delegate: each call produces the next "generation" of the configured elements. */
    private static final String IMPL = """
            package it;

            import java.io.IOException;
            import java.util.ArrayList;
            import java.util.Arrays;
            import java.util.Iterator;
            import java.util.List;
            import java.util.concurrent.Flow;
            import java.util.Spliterators;
            import java.util.stream.Stream;
            import java.util.stream.StreamSupport;

            public class LinesImpl implements Lines {
                public int calls;
                public int closed;
                public List<Object> elements = new ArrayList<>(Arrays.asList("a", "b", "c"));
                // Index at which the source throws, or -1.
                public int failAt = -1;

                private List<Object> generation() {
                    calls++;
                    List<Object> out = new ArrayList<>();
                    for (Object e : elements) {
                        out.add(e instanceof String s && !s.isEmpty() ? s + calls : e);
                    }
                    return out;
                }

                private <T> Iterator<T> source(List<Object> values) {
                    return new Iterator<T>() {
                        int i;
                        @Override public boolean hasNext() {
                            if (i == failAt) {
                                throw new IllegalStateException("source broke at " + i);
                            }
                            return i < values.size();
                        }
                        @SuppressWarnings("unchecked")
                        @Override public T next() { return (T) values.get(i++); }
                    };
                }

                @Override public Stream<String> lines(String name) throws IOException {
                    if (name.equals("io")) {
                        calls++;
                        throw new IOException("cannot open " + name);
                    }
                    Iterator<String> it = source(generation());
                    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, 0), false)
                            .onClose(() -> closed++);
                }

                @Override public Iterator<Object> numbers(String name) {
                    return source(generation());
                }

                @Override public Flow.Publisher<Object> events(String name) {
                    List<Object> values = generation();
                    int fail = failAt;
                    return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
                        int i;
                        boolean done;
                        @Override public void request(long n) {
                            long emitted = 0;
                            while (!done) {
                                if (i == fail) {
                                    done = true;
                                    subscriber.onError(new IllegalStateException("publisher broke"));
                                    return;
                                }
                                if (i == values.size()) {
                                    done = true;
                                    subscriber.onComplete();
                                    return;
                                }
                                if (emitted++ == n) {
                                    return;
                                }
                                subscriber.onNext(values.get(i++));
                            }
                        }
                        @Override public void cancel() { done = true; }
                    });
                }

                @Override public Iterator<Object> failing(String name) {
                    return source(generation());
                }

                @Override public Flow.Publisher<Object> failingEvents(String name) {
                    return events(name);
                }

                @Override public Stream<String> kept(String name) {
                    calls++;
                    return Stream.of("x", null, "z").map(s -> s == null ? null : s + calls);
                }
            }
            """;

    private static CompiledClasses classes;

    private ManualClock clock;
    private Cashews cache;
    private Object impl;
    private Object proxy;

    @BeforeAll
    static void compile() {
        Compilation compilation = Compilations.compile(
                Compilations.source("it.Lines", SOURCE),
                Compilations.source("it.LinesImpl", IMPL));
        Compilations.assertCleanSuccess(compilation);
        classes = new CompiledClasses(compilation);
    }

    @BeforeEach
    void setUp() throws Exception {
        clock = new ManualClock();
        cache = Cashews.builder().clock(clock).build();
        cache.setup("mem://");
        impl = classes.create("it.LinesImpl");
        proxy = classes.create("it.Lines_Cached", impl, cache);
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    private int calls() throws Exception {
        return impl.getClass().getField("calls").getInt(impl);
    }

    private void set(String field, Object value) throws Exception {
        impl.getClass().getField(field).set(impl, value);
    }

    @SuppressWarnings("unchecked")
    private Stream<String> lines(String name) throws Throwable {
        return (Stream<String>) call(proxy, "lines", name);
    }

    @SuppressWarnings("unchecked")
    private Iterator<Object> numbers(String name) throws Throwable {
        return (Iterator<Object>) call(proxy, "numbers", name);
    }

    @SuppressWarnings("unchecked")
    private Flow.Publisher<Object> events(String name) throws Throwable {
        return (Flow.Publisher<Object>) call(proxy, "events", name);
    }

    private static List<Object> drain(Iterator<Object> iterator) {
        List<Object> out = new ArrayList<>();
        iterator.forEachRemaining(out::add);
        return out;
    }

    // ------------------------------------------------------------ Stream

    @Test
    void streamIsReplayedAfterAFullRun() throws Throwable {
        try (Stream<String> first = lines("f")) {
            assertThat(first).containsExactly("a1", "b1", "c1");
        }
        assertThat(cache.<Object>get("lines:f")).isEqualTo(3L);
        assertThat(cache.<Object>get("lines:f:0")).isEqualTo("a1");
        try (Stream<String> second = lines("f")) {
            assertThat(second).containsExactly("a1", "b1", "c1");
        }
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void closingTheProxyStreamClosesTheDelegates() throws Throwable {
        try (Stream<String> stream = lines("f")) {
            assertThat(stream.count()).isEqualTo(3);
        }
        assertThat(impl.getClass().getField("closed").getInt(impl)).isEqualTo(1);
    }

    @Test
    void partiallyConsumedStreamLeavesNoMarker() throws Throwable {
        try (Stream<String> first = lines("f")) {
            assertThat(first.limit(2)).containsExactly("a1", "b1");
        }
        assertThat(cache.exists("lines:f")).isFalse();
        try (Stream<String> second = lines("f")) {
            assertThat(second).containsExactly("a2", "b2", "c2");
        }
        try (Stream<String> third = lines("f")) {
            assertThat(third).containsExactly("a2", "b2", "c2");
        }
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void failingStreamLeavesNoMarkerAndTheErrorReachesTheConsumer() throws Throwable {
        set("failAt", 2);
        assertThatThrownBy(() -> {
            try (Stream<String> first = lines("f")) {
                first.forEach(x -> { });
            }
        }).isInstanceOf(IllegalStateException.class).hasMessage("source broke at 2");
        assertThat(cache.exists("lines:f")).isFalse();
        set("failAt", -1);
        try (Stream<String> second = lines("f")) {
            assertThat(second).containsExactly("a2", "b2", "c2");
        }
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void checkedExceptionOfTheDelegatePassesThroughUnchanged() throws Throwable {
        assertThatThrownBy(() -> lines("io")).isInstanceOf(IOException.class).hasMessage("cannot open io");
        assertThat(cache.exists("lines:io")).isFalse();
    }

    @Test
    void replayStopsAtTheFirstMissingElement() throws Throwable {
        set("elements", new ArrayList<>(Arrays.asList("a", "b", "c", "d")));
        try (Stream<String> first = lines("f")) {
            assertThat(first).hasSize(4);
        }
        cache.delete("lines:f:2");
        try (Stream<String> replay = lines("f")) {
            assertThat(replay).containsExactly("a1", "b1");
        }
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void everythingExpiresWithTheFirstElement() throws Throwable {
        try (Stream<String> first = lines("f")) {
            first.forEach(x -> clock.advance(Duration.ofSeconds(10)));
        }
        // The marker was written 30 s after the first element: it has 30 s left, not 60.
        assertThat(cache.getExpire("lines:f")).isEqualTo(30);
        clock.advance(Duration.ofSeconds(31));
        try (Stream<String> second = lines("f")) {
            assertThat(second).containsExactly("a2", "b2", "c2");
        }
    }

    @Test
    void emptySequenceIsReplayedAsEmpty() throws Throwable {
        set("elements", new ArrayList<>());
        try (Stream<String> first = lines("f")) {
            assertThat(first).isEmpty();
        }
        try (Stream<String> second = lines("f")) {
            assertThat(second).isEmpty();
        }
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void rejectedElementMeansTheRunIsNotReplayable() throws Throwable {
        @SuppressWarnings("unchecked")
        Stream<String> first = (Stream<String>) call(proxy, "kept", "k");
        assertThat(first).containsExactly("x1", null, "z1");
        assertThat(cache.exists("kept:k")).isFalse();
        @SuppressWarnings("unchecked")
        Stream<String> second = (Stream<String>) call(proxy, "kept", "k");
        assertThat(second).containsExactly("x2", null, "z2");
    }

    // ------------------------------------------------------------ Iterator

    @Test
    void iteratorIsReplayedWithFalsyAndNullElements() throws Throwable {
        set("elements", new ArrayList<>(Arrays.asList(0, null, false, "", "x")));
        assertThat(drain(numbers("n"))).containsExactly(0, null, false, "", "x1");
        assertThat(drain(numbers("n"))).containsExactly(0, null, false, "", "x1");
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void iteratorNotDrivenToItsEndLeavesNoMarker() throws Throwable {
        Iterator<Object> first = numbers("n");
        first.next();
        first.next();
        first.next();
        // Every element was handed out, but nobody asked whether there is a fourth.
        assertThat(cache.exists("numbers:n")).isFalse();
        assertThat(drain(numbers("n"))).containsExactly("a2", "b2", "c2");
        assertThat(drain(numbers("n"))).containsExactly("a2", "b2", "c2");
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void failingIteratorLeavesNoMarker() throws Throwable {
        set("failAt", 1);
        Iterator<Object> first = numbers("n");
        assertThat(first.next()).isEqualTo("a1");
        assertThatThrownBy(first::hasNext).hasMessage("source broke at 1");
        assertThat(cache.exists("numbers:n")).isFalse();
        set("failAt", -1);
        assertThat(drain(numbers("n"))).containsExactly("a2", "b2", "c2");
    }

    @Test
    void iteratorReplayStopsAtTheFirstMissingElement() throws Throwable {
        drain(numbers("n"));
        cache.delete("numbers:n:1");
        assertThat(drain(numbers("n"))).containsExactly("a1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void withExceptionsAListedFailureIsReplayedWhereItHappened() throws Throwable {
        set("failAt", 2);
        Iterator<Object> first = (Iterator<Object>) call(proxy, "failing", "f");
        assertThat(first.next()).isEqualTo("a1");
        assertThat(first.next()).isEqualTo("b1");
        assertThatThrownBy(first::hasNext).isInstanceOf(IllegalStateException.class).hasMessage("source broke at 2");
        assertThat(cache.<Object>get("failing:f")).isEqualTo(3L);

        Iterator<Object> replay = (Iterator<Object>) call(proxy, "failing", "f");
        assertThat(replay.next()).isEqualTo("a1");
        assertThat(replay.next()).isEqualTo("b1");
        assertThatThrownBy(replay::hasNext).isInstanceOf(IllegalStateException.class)
                .hasMessage("source broke at 2");
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void withExceptionsAnUnlistedFailureLeavesNoMarker() throws Throwable {
        set("failAt", 1);
        Iterator<Object> first = numbers("n");
        first.next();
        assertThatThrownBy(first::hasNext).isInstanceOf(IllegalStateException.class);
        assertThat(cache.exists("numbers:n")).isFalse();
    }

    // ------------------------------------------------------------ Flow.Publisher

    /** A subscriber that requests as the test says and records every signal. */
    private static final class Probe implements Flow.Subscriber<Object> {
        final List<Object> items = new ArrayList<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        Flow.Subscription subscription;
        int subscribed;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscribed++;
        }

        @Override
        public void onNext(Object item) {
            items.add(item);
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }
    }

    private Probe subscribe(Flow.Publisher<Object> publisher) {
        Probe probe = new Probe();
        publisher.subscribe(probe);
        assertThat(probe.subscribed).isEqualTo(1);
        return probe;
    }

    @Test
    void publisherIsReplayedOnDemand() throws Throwable {
        set("elements", new ArrayList<>(Arrays.asList("a", 0, null, "d")));
        Probe first = subscribe(events("e"));
        first.subscription.request(Long.MAX_VALUE);
        first.done.get(5, TimeUnit.SECONDS);
        assertThat(first.items).containsExactly("a1", 0, null, "d1");

        Probe replay = subscribe(events("e"));
        replay.subscription.request(1);
        assertThat(replay.items).containsExactly("a1");
        replay.subscription.request(2);
        assertThat(replay.items).containsExactly("a1", 0, null);
        assertThat(replay.done).isNotDone();
        replay.subscription.request(5);
        replay.done.get(5, TimeUnit.SECONDS);
        assertThat(replay.items).containsExactly("a1", 0, null, "d1");
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void publisherIsColdAndCallsTheDelegateOnlyWhenSubscribed() throws Throwable {
        Flow.Publisher<Object> publisher = events("e");
        assertThat(calls()).isZero();
        Probe probe = subscribe(publisher);
        assertThat(calls()).isEqualTo(1);
        probe.subscription.request(10);
        probe.done.get(5, TimeUnit.SECONDS);
    }

    @Test
    void cancelledSubscriptionLeavesNoMarker() throws Throwable {
        Probe first = subscribe(events("e"));
        first.subscription.request(2);
        first.subscription.cancel();
        assertThat(first.items).containsExactly("a1", "b1");
        assertThat(cache.exists("events:e")).isFalse();
        Probe second = subscribe(events("e"));
        second.subscription.request(10);
        second.done.get(5, TimeUnit.SECONDS);
        assertThat(second.items).containsExactly("a2", "b2", "c2");
    }

    @Test
    void failingPublisherLeavesNoMarker() throws Throwable {
        set("failAt", 2);
        Probe first = subscribe(events("e"));
        first.subscription.request(10);
        assertThat(first.done).isCompletedExceptionally();
        assertThat(first.items).containsExactly("a1", "b1");
        assertThat(cache.exists("events:e")).isFalse();
    }

    @Test
    void withExceptionsAPublisherFailureIsReplayed() throws Throwable {
        set("failAt", 1);
        @SuppressWarnings("unchecked")
        Flow.Publisher<Object> publisher = (Flow.Publisher<Object>) call(proxy, "failingEvents", "e");
        Probe first = subscribe(publisher);
        first.subscription.request(10);
        assertThat(first.done).isCompletedExceptionally();
        Probe replay = subscribe(publisher);
        replay.subscription.request(10);
        assertThat(replay.items).containsExactly("a1");
        assertThatThrownBy(() -> replay.done.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("publisher broke");
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void publisherReplayStopsAtTheFirstMissingElement() throws Throwable {
        Probe first = subscribe(events("e"));
        first.subscription.request(10);
        first.done.get(5, TimeUnit.SECONDS);
        cache.delete("events:e:1");
        Probe replay = subscribe(events("e"));
        replay.subscription.request(10);
        replay.done.get(5, TimeUnit.SECONDS);
        assertThat(replay.items).containsExactly("a1");
    }

    @Test
    void nonPositiveDemandOnAReplayIsAnError() throws Throwable {
        Probe first = subscribe(events("e"));
        first.subscription.request(10);
        first.done.get(5, TimeUnit.SECONDS);
        Probe replay = subscribe(events("e"));
        replay.subscription.request(0);
        assertThat(replay.done).isCompletedExceptionally();
        assertThat(replay.items).isEmpty();
    }
}
