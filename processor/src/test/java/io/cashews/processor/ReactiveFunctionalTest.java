package io.cashews.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.Command;
import io.cashews.Scope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/**
 * Reactive results through generated proxies (SPEC §15): {@code @Cache} on methods returning
 * Reactor's {@code Mono}/{@code Flux} and Mutiny's {@code Uni}/{@code Multi}, compiled against the
 * real libraries and driven by {@code StepVerifier} and Mutiny's test subscribers, on
 * {@code mem://}. A middleware records every backend command, so laziness is seen as no command
 * and no delegate call before a subscription.
 */
class ReactiveFunctionalTest {

    private static final String SOURCE = """
            package rx;

            import io.cashews.NotNullCondition;
            import io.cashews.annotations.Cache;
            import io.smallrye.mutiny.Multi;
            import io.smallrye.mutiny.Uni;
            import java.io.IOException;
            import reactor.core.publisher.Flux;
            import reactor.core.publisher.Mono;

            public interface Profiles {
                @Cache(ttl = "1m", key = "profile:{id}")
                Mono<String> profile(String id);

                @Cache(ttl = "1m", key = "nickname:{id}", condition = NotNullCondition.class)
                Mono<String> nickname(String id);

                @Cache(ttl = "1m", key = "feed:{id}")
                Flux<String> feed(String id);

                @Cache(ttl = "1m", key = "score:{id}")
                Uni<Integer> score(String id) throws IOException;

                @Cache(ttl = "1m", key = "events:{id}")
                Multi<String> events(String id);
            }
            """;

    private static final String IMPL = """
            package rx;

            import io.smallrye.mutiny.Multi;
            import io.smallrye.mutiny.Uni;
            import java.io.IOException;
            import java.util.concurrent.atomic.AtomicInteger;
            import java.util.function.Function;
            import reactor.core.publisher.Flux;
            import reactor.core.publisher.Mono;

            public class ProfilesImpl implements Profiles {
                public final AtomicInteger calls = new AtomicInteger();
                public Function<String, Mono<String>> profile = id -> Mono.just("p-" + id);
                public Function<String, Flux<String>> feed = id -> Flux.just(id + "1", id + "2", id + "3");
                public Function<String, Uni<Integer>> score = id -> Uni.createFrom().item(id.length());
                public boolean scoreThrows;
                public Function<String, Multi<String>> events = id -> Multi.createFrom().items(id + "x", id + "y");

                @Override public Mono<String> profile(String id) {
                    calls.incrementAndGet();
                    return profile.apply(id);
                }

                @Override public Mono<String> nickname(String id) {
                    calls.incrementAndGet();
                    return profile.apply(id);
                }

                @Override public Flux<String> feed(String id) {
                    calls.incrementAndGet();
                    return feed.apply(id);
                }

                @Override public Uni<Integer> score(String id) throws IOException {
                    calls.incrementAndGet();
                    if (scoreThrows) {
                        throw new IOException("no score for " + id);
                    }
                    return score.apply(id);
                }

                @Override public Multi<String> events(String id) {
                    calls.incrementAndGet();
                    return events.apply(id);
                }
            }
            """;

    private static CompiledClasses classes;

    private RecordedProxy profiles;
    private List<String> commands;
    private Cashews cache;
    private Object impl;

    @BeforeAll
    static void compile() {
        classes = RecordedProxy.compile("rx.Profiles", SOURCE, "rx.ProfilesImpl", IMPL);
    }

    @BeforeEach
    void setUp() throws Exception {
        profiles = new RecordedProxy(classes, "rx.ProfilesImpl", "rx.Profiles_Cached");
        commands = profiles.commands;
        cache = profiles.cache;
        impl = profiles.impl;
    }

    @AfterEach
    void tearDown() {
        profiles.close();
    }

    private int calls() throws Exception {
        return profiles.calls();
    }

    private void delegate(String field, Function<String, ?> answer) throws Exception {
        profiles.set(field, answer);
    }

    private <T> T invoke(String method, String id) throws Throwable {
        return profiles.invoke(method, id);
    }

    // ------------------------------------------------------------ Mono

    @Test
    void aMonoIsComputedOnceThenServedFromTheCache() throws Throwable {
        StepVerifier.create(this.<Mono<String>>invoke("profile", "a")).expectNext("p-a").verifyComplete();
        StepVerifier.create(this.<Mono<String>>invoke("profile", "a")).expectNext("p-a").verifyComplete();
        assertThat(calls()).isEqualTo(1);
        assertThat(cache.<String>get("profile:a")).isEqualTo("p-a");
    }

    @Test
    void nothingRunsBeforeAMonoIsSubscribed() throws Throwable {
        Mono<String> mono = invoke("profile", "a");
        assertThat(calls()).isZero();
        assertThat(commands).isEmpty();
        StepVerifier.create(mono).expectNext("p-a").verifyComplete();
        assertThat(calls()).isEqualTo(1);
        assertThat(commands).containsExactly("GET profile:a", "GET profile:a", "SET profile:a");
    }

    @Test
    void eachSubscriptionOfOneMonoLooksUpAgain() throws Throwable {
        Mono<String> mono = invoke("profile", "a");
        StepVerifier.create(mono).expectNext("p-a").verifyComplete();
        commands.clear();
        cache.set("profile:a", "changed", java.time.Duration.ofMinutes(1));
        commands.clear();
        StepVerifier.create(mono).expectNext("changed").verifyComplete();
        assertThat(commands).containsExactly("GET profile:a");
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void aMonoRunsWithTheScopesOfTheCallThatMadeItNotOfTheSubscriber() throws Throwable {
        Mono<String> unstored;
        try (Scope off = cache.disabling(Command.SET)) {
            unstored = invoke("profile", "a");
        }
        StepVerifier.create(unstored).expectNext("p-a").verifyComplete();
        assertThat(cache.exists("profile:a")).isFalse();

        Mono<String> stored = invoke("profile", "a");
        try (Scope off = cache.disabling(Command.SET)) {
            StepVerifier.create(stored).expectNext("p-a").verifyComplete();
        }
        assertThat(cache.<String>get("profile:a")).isEqualTo("p-a");
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void aCancelledMonoCancelsTheDelegateAndStoresNothing() throws Throwable {
        Sinks.One<String> late = Sinks.one();
        AtomicBoolean cancelled = new AtomicBoolean();
        delegate("profile", id -> late.asMono().doOnCancel(() -> cancelled.set(true)));
        StepVerifier.create(this.<Mono<String>>invoke("profile", "a")).expectSubscription().thenCancel().verify();
        assertThat(cancelled).isTrue();
        late.tryEmitValue("too late");
        assertThat(commands).doesNotContain("SET profile:a");

        delegate("profile", id -> Mono.just("fresh"));
        StepVerifier.create(this.<Mono<String>>invoke("profile", "a")).expectNext("fresh").verifyComplete();
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void aCallerThatCancelsWhileAnotherWaitsOnlyStopsWaiting() throws Throwable {
        Sinks.One<String> value = Sinks.one();
        AtomicBoolean cancelled = new AtomicBoolean();
        delegate("profile", id -> value.asMono().doOnCancel(() -> cancelled.set(true)));
        Mono<String> mono = invoke("profile", "a");
        Disposable first = mono.subscribe();
        AtomicReference<String> second = new AtomicReference<>();
        mono.subscribe(second::set);
        first.dispose();
        assertThat(cancelled).isFalse();
        value.tryEmitValue("shared");
        assertThat(second).hasValue("shared");
        assertThat(calls()).isEqualTo(1);
        assertThat(cache.<String>get("profile:a")).isEqualTo("shared");
    }

    @Test
    void whenEveryWaitingCallerCancelsTheComputationStops() throws Throwable {
        Sinks.One<String> value = Sinks.one();
        AtomicBoolean cancelled = new AtomicBoolean();
        delegate("profile", id -> value.asMono().doOnCancel(() -> cancelled.set(true)));
        Mono<String> mono = invoke("profile", "a");
        Disposable first = mono.subscribe();
        Disposable second = mono.subscribe();
        first.dispose();
        assertThat(cancelled).isFalse();
        second.dispose();
        assertThat(cancelled).isTrue();
        assertThat(commands).doesNotContain("SET profile:a");
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void aFailedMonoStoresNothing() throws Throwable {
        delegate("profile", id -> Mono.error(new IllegalStateException("down")));
        StepVerifier.create(this.<Mono<String>>invoke("profile", "a"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class).hasMessage("down"))
                .verify();
        assertThat(commands).doesNotContain("SET profile:a");
        delegate("profile", id -> Mono.just("back"));
        StepVerifier.create(this.<Mono<String>>invoke("profile", "a")).expectNext("back").verifyComplete();
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void anEmptyMonoIsStoredAsNullAndReplayedEmpty() throws Throwable {
        delegate("profile", id -> Mono.empty());
        StepVerifier.create(this.<Mono<String>>invoke("profile", "a")).verifyComplete();
        StepVerifier.create(this.<Mono<String>>invoke("profile", "a")).verifyComplete();
        assertThat(calls()).isEqualTo(1);
        assertThat(commands).contains("SET profile:a");
    }

    @Test
    void theNotNullConditionLeavesAnEmptyMonoUnstored() throws Throwable {
        delegate("profile", id -> Mono.empty());
        StepVerifier.create(this.<Mono<String>>invoke("nickname", "a")).verifyComplete();
        StepVerifier.create(this.<Mono<String>>invoke("nickname", "a")).verifyComplete();
        assertThat(calls()).isEqualTo(2);
        assertThat(commands).doesNotContain("SET nickname:a");
    }

    // ------------------------------------------------------------ Flux

    @Test
    void aFluxIsRecordedThenReplayed() throws Throwable {
        StepVerifier.create(this.<Flux<String>>invoke("feed", "a")).expectNext("a1", "a2", "a3").verifyComplete();
        StepVerifier.create(this.<Flux<String>>invoke("feed", "a")).expectNext("a1", "a2", "a3").verifyComplete();
        assertThat(calls()).isEqualTo(1);
        assertThat(cache.<Object>get("feed:a")).isEqualTo(3L);
        assertThat(cache.<String>get("feed:a:1")).isEqualTo("a2");
    }

    @Test
    void nothingRunsBeforeAFluxIsSubscribed() throws Throwable {
        Flux<String> flux = invoke("feed", "a");
        assertThat(calls()).isZero();
        assertThat(commands).isEmpty();
        StepVerifier.create(flux).expectNext("a1", "a2", "a3").verifyComplete();
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void aCancelledFluxLeavesNoMarker() throws Throwable {
        AtomicBoolean cancelled = new AtomicBoolean();
        delegate("feed", id -> Flux.just("a1", "a2", "a3").doOnCancel(() -> cancelled.set(true)));
        StepVerifier.create(this.<Flux<String>>invoke("feed", "a"), 1).expectNext("a1").thenCancel().verify();
        assertThat(cancelled).isTrue();
        assertThat(cache.<Object>get("feed:a")).isNull();
        StepVerifier.create(this.<Flux<String>>invoke("feed", "a")).expectNext("a1", "a2", "a3").verifyComplete();
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void aFailedFluxLeavesNoMarker() throws Throwable {
        delegate("feed", id -> Flux.just("a1").concatWith(Flux.error(new IllegalStateException("broke"))));
        StepVerifier.create(this.<Flux<String>>invoke("feed", "a")).expectNext("a1").expectErrorMessage("broke").verify();
        assertThat(cache.<Object>get("feed:a")).isNull();
        delegate("feed", id -> Flux.just("b1"));
        StepVerifier.create(this.<Flux<String>>invoke("feed", "a")).expectNext("b1").verifyComplete();
        assertThat(calls()).isEqualTo(2);
    }

    // ------------------------------------------------------------ Uni

    @Test
    void aUniIsComputedOnceThenServedFromTheCache() throws Throwable {
        this.<Uni<Integer>>invoke("score", "abc").subscribe().withSubscriber(UniAssertSubscriber.create())
                .awaitItem().assertItem(3);
        this.<Uni<Integer>>invoke("score", "abc").subscribe().withSubscriber(UniAssertSubscriber.create())
                .awaitItem().assertItem(3);
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void nothingRunsBeforeAUniIsSubscribed() throws Throwable {
        Uni<Integer> uni = invoke("score", "abc");
        assertThat(calls()).isZero();
        assertThat(commands).isEmpty();
        uni.subscribe().withSubscriber(UniAssertSubscriber.create()).awaitItem().assertItem(3);
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void aCancelledUniCancelsTheDelegateAndStoresNothing() throws Throwable {
        AtomicBoolean cancelled = new AtomicBoolean();
        delegate("score", id -> Uni.createFrom().<Integer>nothing().onCancellation().invoke(() -> cancelled.set(true)));
        UniAssertSubscriber<Integer> subscriber =
                this.<Uni<Integer>>invoke("score", "a").subscribe().withSubscriber(UniAssertSubscriber.create());
        subscriber.cancel();
        assertThat(cancelled).isTrue();
        assertThat(commands).doesNotContain("SET score:a");
    }

    @Test
    void aCheckedExceptionOfTheDelegateFailsTheUniAndIsNotStored() throws Throwable {
        impl.getClass().getField("scoreThrows").setBoolean(impl, true);
        Uni<Integer> uni = invoke("score", "a");
        uni.subscribe().withSubscriber(UniAssertSubscriber.create()).awaitFailure()
                .assertFailedWith(IOException.class, "no score for a");
        impl.getClass().getField("scoreThrows").setBoolean(impl, false);
        uni.subscribe().withSubscriber(UniAssertSubscriber.create()).awaitItem().assertItem(1);
        assertThat(calls()).isEqualTo(2);
    }

    // ------------------------------------------------------------ Multi

    @Test
    void aMultiIsRecordedThenReplayed() throws Throwable {
        Multi<String> first = invoke("events", "a");
        assertThat(calls()).isZero();
        assertThat(commands).isEmpty();
        first.subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE)).awaitCompletion()
                .assertItems("ax", "ay");
        this.<Multi<String>>invoke("events", "a").subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE))
                .awaitCompletion().assertItems("ax", "ay");
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void aCancelledMultiLeavesNoMarker() throws Throwable {
        AtomicBoolean cancelled = new AtomicBoolean();
        delegate("events", id -> Multi.createFrom().items("ax", "ay").onCancellation().invoke(() -> cancelled.set(true)));
        AssertSubscriber<String> subscriber =
                this.<Multi<String>>invoke("events", "a").subscribe().withSubscriber(AssertSubscriber.create(1));
        subscriber.awaitItems(1).assertItems("ax");
        subscriber.cancel();
        assertThat(cancelled).isTrue();
        assertThat(cache.<Object>get("events:a")).isNull();
    }
}
