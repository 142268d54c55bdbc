package io.cashews.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.RateLimitException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * Every strategy, alone and stacked, on methods returning a Reactor {@code Mono} or a Mutiny
 * {@code Uni} (SPEC §15), through generated proxies on {@code mem://}: lazy (no backend command
 * and no delegate call before a subscription), a miss then a hit where the strategy stores, a
 * failed subscription that stores nothing, and a cancelled one that cancels the delegate's
 * subscription and stores nothing. A middleware records every backend command.
 */
class ReactiveStackFunctionalTest {

    private static final String SOURCE = """
            package rs;

            import io.cashews.annotations.*;
            import io.smallrye.mutiny.Uni;
            import java.io.IOException;
            import reactor.core.publisher.Mono;

            public interface Quotes {
                @Failover(ttl = "1h", key = "failover:{id}")
                Mono<String> failover(String id);

                @Early(ttl = "1h", key = "early:{id}")
                Mono<String> early(String id);

                @Soft(ttl = "1h", key = "soft:{id}")
                Mono<String> soft(String id);

                @Hit(ttl = "1h", cacheHits = 5, key = "hit:{id}")
                Mono<String> hit(String id);

                @Locked(ttl = "1m", key = "locked:{id}")
                Mono<String> locked(String id);

                @RateLimit(limit = 100, period = "1m", key = "rate:{id}")
                Mono<String> rate(String id);

                @SliceRateLimit(limit = 100, period = "1m", key = "slice:{id}")
                Mono<String> slice(String id);

                @CircuitBreaker(errorsRate = 90, period = "1m", ttl = "10s", minCalls = 100, key = "breaker:{id}")
                Mono<String> breaker(String id);

                @CacheTransaction
                Mono<String> transaction(String id);

                @Invalidate("early:{id}")
                Mono<String> invalidate(String id);

                @Failover(ttl = "1h", key = "fe:{id}")
                @Early(ttl = "1h", key = "ee:{id}")
                Mono<String> failoverEarly(String id);

                @Failover(ttl = "1h", key = "flc:{id}")
                @Locked(ttl = "1m", key = "fll:{id}")
                @Cache(ttl = "1h", key = "flcc:{id}")
                Mono<String> failoverLockedCache(String id);

                @Locked(ttl = "1m", key = "lc:{id}")
                @Cache(ttl = "1h", key = "lcc:{id}")
                Mono<String> lockedCache(String id);

                @RateLimit(limit = 1, period = "1m", key = "rl:{id}")
                @Cache(ttl = "1h", key = "rlc:{id}")
                Mono<String> limitedCache(String id);

                @Failover(ttl = "1h", key = "uf:{id}")
                @Hit(ttl = "1h", cacheHits = 3, key = "uh:{id}")
                Uni<String> uni(String id) throws IOException;
            }
            """;

    private static final String IMPL = """
            package rs;

            import io.smallrye.mutiny.Uni;
            import java.io.IOException;
            import java.util.concurrent.atomic.AtomicInteger;
            import java.util.function.Function;
            import reactor.core.publisher.Mono;

            public class QuotesImpl implements Quotes {
                public final AtomicInteger calls = new AtomicInteger();
                public Function<String, Mono<String>> answer = id -> Mono.just("q-" + id);
                public Function<String, Uni<String>> uniAnswer = id -> Uni.createFrom().item("u-" + id);
                public boolean uniThrows;

                private Mono<String> answer(String id) {
                    calls.incrementAndGet();
                    return answer.apply(id);
                }

                @Override public Mono<String> failover(String id) { return answer(id); }
                @Override public Mono<String> early(String id) { return answer(id); }
                @Override public Mono<String> soft(String id) { return answer(id); }
                @Override public Mono<String> hit(String id) { return answer(id); }
                @Override public Mono<String> locked(String id) { return answer(id); }
                @Override public Mono<String> rate(String id) { return answer(id); }
                @Override public Mono<String> slice(String id) { return answer(id); }
                @Override public Mono<String> breaker(String id) { return answer(id); }
                @Override public Mono<String> transaction(String id) { return answer(id); }
                @Override public Mono<String> invalidate(String id) { return answer(id); }
                @Override public Mono<String> failoverEarly(String id) { return answer(id); }
                @Override public Mono<String> failoverLockedCache(String id) { return answer(id); }
                @Override public Mono<String> lockedCache(String id) { return answer(id); }
                @Override public Mono<String> limitedCache(String id) { return answer(id); }

                @Override public Uni<String> uni(String id) throws IOException {
                    calls.incrementAndGet();
                    if (uniThrows) {
                        throw new IOException("no quote for " + id);
                    }
                    return uniAnswer.apply(id);
                }
            }
            """;

    /** The methods whose strategies store the result (a second subscription is served). */
    private static final List<String> SERVED = List.of("early", "soft", "hit", "failoverEarly", "failoverLockedCache",
            "lockedCache");

    private static CompiledClasses classes;

    private RecordedProxy quotes;
    private List<String> commands;
    private Cashews cache;
    private Object impl;

    @BeforeAll
    static void compile() {
        classes = RecordedProxy.compile("rs.Quotes", SOURCE, "rs.QuotesImpl", IMPL);
    }

    @BeforeEach
    void setUp() throws Exception {
        quotes = new RecordedProxy(classes, "rs.QuotesImpl", "rs.Quotes_Cached");
        commands = quotes.commands;
        cache = quotes.cache;
        impl = quotes.impl;
    }

    @AfterEach
    void tearDown() {
        quotes.close();
    }

    private int calls() throws Exception {
        return quotes.calls();
    }

    private void answer(Function<String, Mono<String>> answer) throws Exception {
        quotes.set("answer", answer);
    }

    private void uniAnswer(Function<String, Uni<String>> answer) throws Exception {
        quotes.set("uniAnswer", answer);
    }

    private <T> T invoke(String method, String id) throws Throwable {
        return quotes.invoke(method, id);
    }

    private List<String> sets() {
        return quotes.sets();
    }

    // ------------------------------------------------------------ every strategy

    @ParameterizedTest
    @ValueSource(strings = {"failover", "early", "soft", "hit", "locked", "rate", "slice", "breaker", "transaction",
            "invalidate", "failoverEarly", "failoverLockedCache", "lockedCache", "limitedCache"})
    void nothingRunsBeforeASubscriptionThenAMissComputes(String method) throws Throwable {
        Mono<String> mono = invoke(method, "a");
        assertThat(calls()).isZero();
        assertThat(commands).isEmpty();
        StepVerifier.create(mono).expectNext("q-a").verifyComplete();
        assertThat(calls()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"early", "soft", "hit", "failoverEarly", "failoverLockedCache", "lockedCache"})
    void aStoringStrategyServesTheSecondSubscription(String method) throws Throwable {
        Mono<String> mono = invoke(method, "a");
        StepVerifier.create(mono).expectNext("q-a").verifyComplete();
        answer(id -> Mono.just("changed"));
        StepVerifier.create(mono).expectNext("q-a").verifyComplete();
        StepVerifier.create(this.<Mono<String>>invoke(method, "a")).expectNext("q-a").verifyComplete();
        assertThat(calls()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"failover", "locked", "rate", "slice", "breaker", "transaction", "invalidate"})
    void aPassingStrategyComputesEverySubscription(String method) throws Throwable {
        Mono<String> mono = invoke(method, "a");
        StepVerifier.create(mono).expectNext("q-a").verifyComplete();
        answer(id -> Mono.just("changed"));
        StepVerifier.create(mono).expectNext("changed").verifyComplete();
        assertThat(calls()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"failover", "early", "soft", "hit", "locked", "rate", "slice", "breaker", "transaction",
            "invalidate", "failoverEarly", "failoverLockedCache", "lockedCache", "limitedCache"})
    void aFailedSubscriptionStoresNothing(String method) throws Throwable {
        answer(id -> Mono.error(new IllegalStateException("down")));
        StepVerifier.create(this.<Mono<String>>invoke(method, "a"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class).hasMessage("down"))
                .verify();
        assertThat(sets()).isEmpty();
        if (SERVED.contains(method)) {
            answer(id -> Mono.just("back"));
            StepVerifier.create(this.<Mono<String>>invoke(method, "a")).expectNext("back").verifyComplete();
            assertThat(calls()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"failover", "early", "soft", "hit", "locked", "rate", "slice", "breaker", "transaction",
            "invalidate", "failoverEarly", "failoverLockedCache", "lockedCache", "limitedCache"})
    void aCancelledSubscriptionCancelsTheDelegateAndStoresNothing(String method) throws Throwable {
        cache.set("early:a", "kept", Duration.ofMinutes(1));
        commands.clear();
        Sinks.One<String> late = Sinks.one();
        AtomicBoolean cancelled = new AtomicBoolean();
        answer(id -> late.asMono().doOnCancel(() -> cancelled.set(true)));
        StepVerifier.create(this.<Mono<String>>invoke(method, "b")).expectSubscription().thenCancel().verify();
        assertThat(cancelled).isTrue();
        late.tryEmitValue("too late");
        assertThat(sets()).isEmpty();
        // @Invalidate("early:{id}") deletes only after a call that succeeded.
        assertThat(commands).noneMatch(c -> c.startsWith("DELETE") || c.startsWith("DEL "));
        assertThat(cache.<String>get("early:a")).isEqualTo("kept");

        answer(id -> Mono.just("fresh"));
        // The cancelled call took limitedCache's only permit (rate limits count calls, not results).
        String next = method.equals("limitedCache") ? "c" : "b";
        StepVerifier.create(this.<Mono<String>>invoke(method, next)).expectNext("fresh").verifyComplete();
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void aSubscriberCancelledWhileWaitingForTheLockNeverCallsTheDelegate() throws Throwable {
        Sinks.One<String> value = Sinks.one();
        answer(id -> value.asMono());
        Disposable holder = this.<Mono<String>>invoke("locked", "a").subscribe();
        assertThat(calls()).isEqualTo(1);
        Disposable waiter = this.<Mono<String>>invoke("locked", "a").subscribe();
        waiter.dispose();
        value.tryEmitValue("held");
        assertThat(holder.isDisposed()).isTrue();
        answer(id -> Mono.just("next"));
        StepVerifier.create(this.<Mono<String>>invoke("locked", "a")).expectNext("next").verifyComplete();
        assertThat(calls()).isEqualTo(2);
    }

    // ------------------------------------------------------------ strategy by strategy

    @Test
    void failoverServesTheStoredValueWhenALaterSubscriptionFails() throws Throwable {
        StepVerifier.create(this.<Mono<String>>invoke("failover", "a")).expectNext("q-a").verifyComplete();
        answer(id -> Mono.error(new IllegalStateException("upstream down")));
        StepVerifier.create(this.<Mono<String>>invoke("failover", "a")).expectNext("q-a").verifyComplete();
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void failoverOverAnEarlyCacheStoresOnlyWhatTheDelegateComputedInThatSubscription() throws Throwable {
        Mono<String> mono = invoke("failoverEarly", "a");
        StepVerifier.create(mono).expectNext("q-a").verifyComplete();
        assertThat(sets()).containsExactlyInAnyOrder("SET early:v2:ee:a", "SET fail:fe:a");
        commands.clear();
        // Served by @Early: the same Mono subscribed again computes nothing, so @Failover stores nothing.
        StepVerifier.create(mono).expectNext("q-a").verifyComplete();
        assertThat(sets()).isEmpty();
        cache.delete("early:v2:ee:a");
        answer(id -> Mono.error(new IllegalStateException("upstream down")));
        StepVerifier.create(mono).expectNext("q-a").verifyComplete();
    }

    @Test
    void twoSubscribersOfALockedCacheShareOneComputation() throws Throwable {
        Sinks.One<String> value = Sinks.one();
        answer(id -> value.asMono());
        Mono<String> mono = invoke("lockedCache", "a");
        AtomicReference<String> first = new AtomicReference<>();
        mono.subscribe(first::set);
        // The second waits for the lock, then finds the value the first stored.
        CompletableFuture<String> second = mono.toFuture();
        assertThat(calls()).isEqualTo(1);
        value.tryEmitValue("once");
        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo("once");
        assertThat(first).hasValue("once");
        assertThat(calls()).isEqualTo(1);
        assertThat(cache.<String>get("lcc:a")).isEqualTo("once");
    }

    @ParameterizedTest
    @ValueSource(strings = {"early", "soft", "failoverEarly"})
    void aSharedMissIsCancelledOnlyWhenEverySubscriberHasLeft(String method) throws Throwable {
        Sinks.One<String> value = Sinks.one();
        AtomicBoolean cancelled = new AtomicBoolean();
        answer(id -> value.asMono().doOnCancel(() -> cancelled.set(true)));
        Mono<String> mono = invoke(method, "a");
        Disposable first = mono.subscribe();
        AtomicReference<String> second = new AtomicReference<>();
        Disposable waiting = mono.subscribe(second::set);
        first.dispose();
        assertThat(cancelled).isFalse();
        value.tryEmitValue("shared");
        assertThat(second).hasValue("shared");
        assertThat(calls()).isEqualTo(1);
        assertThat(sets()).isNotEmpty();

        Sinks.One<String> next = Sinks.one();
        answer(id -> next.asMono().doOnCancel(() -> cancelled.set(true)));
        Mono<String> other = invoke(method, "b");
        Disposable third = other.subscribe();
        Disposable fourth = other.subscribe();
        third.dispose();
        assertThat(cancelled).isFalse();
        fourth.dispose();
        assertThat(cancelled).isTrue();
        next.tryEmitValue("late");
        assertThat(sets()).noneMatch(set -> set.endsWith(":b"));
        assertThat(calls()).isEqualTo(2);
        assertThat(waiting.isDisposed()).isTrue();
    }

    @Test
    void aRateLimitRejectionIsTheMonosError() throws Throwable {
        StepVerifier.create(this.<Mono<String>>invoke("limitedCache", "a")).expectNext("q-a").verifyComplete();
        StepVerifier.create(this.<Mono<String>>invoke("limitedCache", "a"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RateLimitException.class))
                .verify();
        assertThat(calls()).isEqualTo(1);
    }

    // ------------------------------------------------------------ Uni

    @Test
    void aUniStackIsLazyStoresOnceAndFailsOverToTheStoredValue() throws Throwable {
        Uni<String> uni = invoke("uni", "a");
        assertThat(calls()).isZero();
        assertThat(commands).isEmpty();
        uni.subscribe().withSubscriber(UniAssertSubscriber.create()).awaitItem().assertItem("u-a");
        List<String> stored = sets();
        uni.subscribe().withSubscriber(UniAssertSubscriber.create()).awaitItem().assertItem("u-a");
        assertThat(calls()).isEqualTo(1);
        assertThat(stored).hasSize(2).contains("SET fail:uf:a");
        for (String set : stored) {
            if (!set.equals("SET fail:uf:a")) {
                cache.delete(set.substring("SET ".length()));
            }
        }
        impl.getClass().getField("uniThrows").setBoolean(impl, true);
        uni.subscribe().withSubscriber(UniAssertSubscriber.create()).awaitItem().assertItem("u-a");
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void aCancelledUniStackCancelsTheDelegateAndStoresNothing() throws Throwable {
        AtomicBoolean cancelled = new AtomicBoolean();
        uniAnswer(id -> Uni.createFrom().<String>nothing().onCancellation().invoke(() -> cancelled.set(true)));
        UniAssertSubscriber<String> subscriber =
                this.<Uni<String>>invoke("uni", "a").subscribe().withSubscriber(UniAssertSubscriber.create());
        subscriber.cancel();
        assertThat(cancelled).isTrue();
        assertThat(sets()).isEmpty();
        impl.getClass().getField("uniThrows").setBoolean(impl, true);
        this.<Uni<String>>invoke("uni", "a").subscribe().withSubscriber(UniAssertSubscriber.create()).awaitFailure()
                .assertFailedWith(IOException.class, "no quote for a");
    }
}
