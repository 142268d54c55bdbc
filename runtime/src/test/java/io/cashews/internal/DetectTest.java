package io.cashews.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.Detect;
import io.cashews.DetectCall;
import io.cashews.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every strategy reports the hits it serves to the detect scopes of the calling thread. */
@SuppressWarnings("try") // scopes are opened for their effect
class DetectTest {

    private final ManualClock clock = new ManualClock();
    private final ConcurrentLinkedQueue<Runnable> background = new ConcurrentLinkedQueue<>();
    private final Cashews cache = Cashews.builder().clock(clock).executor(background::add).build();

    {
        cache.setup("mem://");
    }

    @AfterEach
    void close() {
        cache.close();
    }

    private static DetectCall only(Detect detect, String key) {
        List<DetectCall> calls = detect.calls().get(key);
        assertThat(calls).as("hits of " + key).hasSize(1);
        return calls.get(0);
    }

    @Test
    void aCacheHitIsReportedWithItsFieldsAndAComputationIsNot() {
        CacheMethod method = CacheMethod.builder(cache, "user:{id}").ttlMillis(60_000).build();
        try (Detect detect = cache.detect()) {
            assertThat(method.<String, RuntimeException>call("user:1", null, () -> "ann")).isEqualTo("ann");
            assertThat(detect.calls()).isEmpty();
            assertThat(method.<String, RuntimeException>call("user:1", null, () -> "other")).isEqualTo("ann");

            DetectCall call = only(detect, "user:1");
            assertThat(call.strategy()).isEqualTo("simple");
            assertThat(call.template()).isEqualTo("user:{id}");
            assertThat(call.ttl()).isEqualTo(Duration.ofMinutes(1));
            assertThat(call.value()).isEqualTo("ann");
        }
    }

    @Test
    void nestedScopesAllReceiveAHitAndClosedOnesNoMore() {
        CacheMethod method = CacheMethod.builder(cache, "k").ttlMillis(60_000).build();
        cache.set("k", "v");
        try (Detect outer = cache.detect()) {
            try (Detect inner = cache.detect()) {
                method.lookup("k");
                assertThat(inner.calls()).containsOnlyKeys("k");
            }
            method.lookup("k");
            assertThat(outer.calls().get("k")).hasSize(2);
        }
        assertThat(Detection.active()).isFalse();
    }

    @Test
    void anotherInstancesHitsAreNotRecorded() {
        try (Cashews other = Cashews.create("mem://")) {
            other.set("k", "v");
            CacheMethod method = CacheMethod.builder(other, "k").ttlMillis(60_000).build();
            try (Detect detect = cache.detect()) {
                method.lookup("k");
                assertThat(detect.calls()).isEmpty();
            }
        }
    }

    @Test
    void failoverReportsTheStoredValueItServesAndTheException() throws Exception {
        FailoverMethod failover = FailoverMethod.builder(cache, "fail:k").ttlMillis(60_000).build();
        failover.<String, IOException>call("fail:k", null, null, () -> "stored");
        IOException down = new IOException("down");
        try (Detect detect = cache.detect()) {
            assertThat(failover.<String, IOException>call("fail:k", null, null, () -> {
                throw down;
            })).isEqualTo("stored");
            DetectCall call = only(detect, "fail:k");
            assertThat(call.strategy()).isEqualTo("failover");
            assertThat(call.detail("exc")).isSameAs(down);
        }
    }

    @Test
    void hitReportsItsHitCount() {
        HitMethod hit = HitMethod.builder(cache, "hit:k").ttlMillis(60_000).cacheHits(3).build();
        hit.<String, RuntimeException>call("hit:k", null, () -> "v");
        try (Detect detect = cache.detect()) {
            hit.<String, RuntimeException>call("hit:k", null, () -> "v2");
            DetectCall call = only(detect, "hit:k");
            assertThat(call.strategy()).isEqualTo("hit");
            assertThat(call.detail("cache_hits")).isEqualTo(3);
        }
    }

    @Test
    void earlyReportsWhetherTheValueWasStale() {
        EarlyMethod early = EarlyMethod.builder(cache, "early:v2:k").ttlMillis(90_000).build();
        early.<String, RuntimeException>call("early:v2:k", null, () -> "v");
        try (Detect detect = cache.detect()) {
            early.<String, RuntimeException>call("early:v2:k", null, () -> "v2");
            clock.advance(Duration.ofSeconds(31));
            early.<String, RuntimeException>call("early:v2:k", null, () -> "v2");
            List<DetectCall> calls = detect.calls().get("early:v2:k");
            assertThat(calls).extracting(DetectCall::strategy).containsExactly("early", "early");
            assertThat(calls).extracting(c -> c.detail("stale")).containsExactly(false, true);
            assertThat(calls.get(0).detail("early_ttl")).isEqualTo(Duration.ofSeconds(30));
            assertThat(calls.get(0).detail("early_expire_at")).isInstanceOf(Long.class);
        }
    }

    @Test
    void softReportsItsSoftTtl() {
        SoftMethod soft = SoftMethod.builder(cache, "soft:k").ttlMillis(90_000).build();
        soft.<String, RuntimeException>call("soft:k", null, () -> "v");
        try (Detect detect = cache.detect()) {
            soft.<String, RuntimeException>call("soft:k", null, () -> "v2");
            DetectCall call = only(detect, "soft:k");
            assertThat(call.strategy()).isEqualTo("soft");
            assertThat(call.detail("soft_ttl")).isEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    void anIteratorReplayIsOneHitWithTheElementCount() {
        IteratorMethod method = IteratorMethod.builder(cache, "lines").ttlMillis(60_000).build();
        assertThat(method.<String, RuntimeException>stream("lines", null, () -> java.util.stream.Stream.of("a", "b")).toList())
                .containsExactly("a", "b");
        try (Detect detect = cache.detect()) {
            assertThat(method.<String, RuntimeException>stream("lines", null, () -> java.util.stream.Stream.of("x")).toList())
                    .containsExactly("a", "b");
            DetectCall call = only(detect, "lines");
            assertThat(call.strategy()).isEqualTo("iterator");
            assertThat(call.value()).isEqualTo(2L);
        }
    }

    @Test
    void anAsyncHitIsReported() throws Exception {
        CacheMethod method = CacheMethod.builder(cache, "k").ttlMillis(60_000).build();
        cache.set("k", "v");
        try (Detect detect = cache.detect()) {
            assertThat(method.<String>callAsync("k", null, () -> java.util.concurrent.CompletableFuture.completedFuture("x"))
                    .get(5, TimeUnit.SECONDS)).isEqualTo("v");
            assertThat(only(detect, "k").value()).isEqualTo("v");
        }
        assertThat(Detection.active()).isFalse();
    }
}
