package io.cashews.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.annotations.Cache;
import io.cashews.annotations.Failover;
import io.cashews.annotations.Locked;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A proxy of {@code Mono}/{@code Flux} methods (SPEC §15) on a real Redis, whose replies complete
 * on Lettuce's threads: values stored by one instance are read by another, nothing runs before a
 * subscription, and a subscription cancelled while the delegate works cancels it and stores
 * nothing, also through a stack of {@code @Failover} over {@code @Locked} over {@code @Cache}, whose
 * lock is Redis's. The Reactor here is the one Lettuce brings; the generated proxy is compiled by the
 * processor with this module's tests.
 */
class RedisReactiveTest {

    private static final String URL = TestRedis.url(5);
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** The proxied interface. */
    public interface Profiles {
        @Cache(ttl = "1m", key = "rx:profile:{id}")
        Mono<Profile> profile(String id);

        @Cache(ttl = "1m", key = "rx:feed:{id}")
        Flux<String> feed(String id);

        @Failover(ttl = "1h", key = "rx:quote:{id}")
        @Locked(ttl = "1m", key = "rx:quote:{id}")
        @Cache(ttl = "1m", key = "rx:quote:{id}")
        Mono<Profile> quote(String id);
    }

    /** A stored value, through the default (JDK) serializer and its allow-list. */
    public record Profile(String id, String name) implements Serializable {}

    static final class Delegate implements Profiles {
        final AtomicInteger calls = new AtomicInteger();
        volatile Function<String, Mono<Profile>> profile = id -> Mono.just(new Profile(id, "name of " + id));
        volatile Function<String, Mono<Profile>> quote = id -> Mono.just(new Profile(id, "quote of " + id));

        @Override
        public Mono<Profile> profile(String id) {
            calls.incrementAndGet();
            return profile.apply(id);
        }

        @Override
        public Mono<Profile> quote(String id) {
            calls.incrementAndGet();
            return quote.apply(id);
        }

        @Override
        public Flux<String> feed(String id) {
            calls.incrementAndGet();
            return Flux.just(id + "-1", id + "-2", id + "-3");
        }
    }

    private Cashews cache;
    private Cashews other;
    private final Delegate delegate = new Delegate();
    private Profiles proxy;

    @BeforeEach
    void open() {
        cache = Cashews.create(URL + "?suppress=false&socket_timeout=10");
        other = Cashews.create(URL + "?suppress=false&socket_timeout=10");
        cache.clear();
        proxy = new RedisReactiveTest_Profiles_Cached(delegate, cache);
    }

    @AfterEach
    void close() {
        cache.close();
        other.close();
    }

    @Test
    void aMonoIsComputedOnceAndReadBackByAnotherInstance() {
        Mono<Profile> mono = proxy.profile("a");
        assertThat(delegate.calls).hasValue(0);
        assertThat(cache.exists("rx:profile:a")).isFalse();
        assertThat(mono.block(WAIT)).isEqualTo(new Profile("a", "name of a"));
        assertThat(proxy.profile("a").block(WAIT)).isEqualTo(new Profile("a", "name of a"));
        assertThat(delegate.calls).hasValue(1);

        Delegate elsewhere = new Delegate();
        Profiles second = new RedisReactiveTest_Profiles_Cached(elsewhere, other);
        assertThat(second.profile("a").block(WAIT)).isEqualTo(new Profile("a", "name of a"));
        assertThat(elsewhere.calls).hasValue(0);
    }

    @Test
    void aSubscriptionCancelledWhileTheDelegateWorksCancelsItAndStoresNothing() throws InterruptedException {
        Sinks.One<Profile> pending = Sinks.one();
        CountDownLatch requested = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        // The request comes once the proxy's future holds the subscription, so it can cancel it
        // (doOnSubscribe would fire before that, a moment in which a cancel cannot reach it).
        delegate.profile = id -> pending.asMono()
                .doOnRequest(n -> requested.countDown())
                .doOnCancel(cancelled::countDown);
        Disposable subscription = proxy.profile("c").subscribe();
        // The delegate is subscribed after Redis answered the lookup, on another thread; the
        // cancellation reaches it there once that thread has handed its stage on.
        assertThat(requested.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        subscription.dispose();
        assertThat(cancelled.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        pending.tryEmitValue(new Profile("c", "late"));
        assertThat(cache.exists("rx:profile:c")).isFalse();
        delegate.profile = id -> Mono.just(new Profile(id, "fresh"));
        assertThat(proxy.profile("c").block(WAIT)).isEqualTo(new Profile("c", "fresh"));
        assertThat(delegate.calls).hasValue(2);
    }

    @Test
    void aFailedMonoStoresNothing() {
        delegate.profile = id -> Mono.error(new IllegalStateException("down"));
        assertThat(proxy.profile("f").onErrorResume(e -> Mono.just(new Profile("f", e.getMessage()))).block(WAIT))
                .isEqualTo(new Profile("f", "down"));
        assertThat(cache.exists("rx:profile:f")).isFalse();
    }

    @Test
    void aFluxIsReplayedFromRedis() {
        assertThat(proxy.feed("x").collectList().block(WAIT)).containsExactly("x-1", "x-2", "x-3");
        assertThat(proxy.feed("x").collectList().block(WAIT)).containsExactly("x-1", "x-2", "x-3");
        assertThat(delegate.calls).hasValue(1);
        assertThat(other.<Long>get("rx:feed:x")).isEqualTo(3L);
    }

    @Test
    void aStackedMonoIsLockedCachedAndFailsOverAcrossInstances() {
        Mono<Profile> mono = proxy.quote("q");
        assertThat(delegate.calls).hasValue(0);
        assertThat(mono.block(WAIT)).isEqualTo(new Profile("q", "quote of q"));
        assertThat(mono.block(WAIT)).isEqualTo(new Profile("q", "quote of q"));
        assertThat(delegate.calls).hasValue(1);

        Delegate elsewhere = new Delegate();
        elsewhere.quote = id -> Mono.error(new IllegalStateException("upstream down"));
        Profiles second = new RedisReactiveTest_Profiles_Cached(elsewhere, other);
        assertThat(second.quote("q").block(WAIT)).isEqualTo(new Profile("q", "quote of q"));
        assertThat(elsewhere.calls).hasValue(0);
        other.delete("rx:quote:q");
        // The cache is gone: the delegate fails, and @Failover answers with what it stored.
        assertThat(second.quote("q").block(WAIT)).isEqualTo(new Profile("q", "quote of q"));
        assertThat(elsewhere.calls).hasValue(1);
    }

    @Test
    void aStackedMonoCancelledWhileHoldingTheLockCancelsTheDelegateStoresNothingAndReleasesTheLock()
            throws InterruptedException {
        Sinks.One<Profile> pending = Sinks.one();
        CountDownLatch requested = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        delegate.quote = id -> pending.asMono()
                .doOnRequest(n -> requested.countDown())
                .doOnCancel(cancelled::countDown);
        Disposable subscription = proxy.quote("z").subscribe();
        assertThat(requested.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        subscription.dispose();
        assertThat(cancelled.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        pending.tryEmitValue(new Profile("z", "late"));
        assertThat(cache.exists("rx:quote:z")).isFalse();
        assertThat(cache.exists("fail:rx:quote:z")).isFalse();
        // Another instance takes the lock (released, or it would wait out the lock's minute) and computes.
        Delegate elsewhere = new Delegate();
        Profiles second = new RedisReactiveTest_Profiles_Cached(elsewhere, other);
        assertThat(second.quote("z").block(WAIT)).isEqualTo(new Profile("z", "quote of z"));
        assertThat(elsewhere.calls).hasValue(1);
        assertThat(delegate.calls).hasValue(1);
    }
}
