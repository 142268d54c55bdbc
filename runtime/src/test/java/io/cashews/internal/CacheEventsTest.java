package io.cashews.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.CacheEvent;
import io.cashews.CacheEvent.Kind;
import io.cashews.CacheEventListener;
import io.cashews.Cashews;
import io.cashews.CircuitBreakerOpenException;
import io.cashews.RateLimitException;
import io.cashews.Scope;
import io.cashews.codec.ValueType;
import io.cashews.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SPEC §14: what each strategy and facade command reports to cache event listeners. */
class CacheEventsTest {
    private final ManualClock clock = new ManualClock();
    private final ConcurrentLinkedQueue<Runnable> background = new ConcurrentLinkedQueue<>();
    private final List<CacheEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger computations = new AtomicInteger();
    private Cashews cache;

    @BeforeEach
    void setUp() {
        cache = Cashews.builder().clock(clock).executor(background::add).listener(events::add).build();
        cache.setup("mem://");
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    private void runBackground() {
        for (Runnable task = background.poll(); task != null; task = background.poll()) {
            task.run();
        }
    }

    /** The events as "KIND strategy template outcome" lines, facade events included. */
    private List<String> seen() {
        List<String> lines = new ArrayList<>();
        for (CacheEvent e : events) {
            lines.add(e.kind() + " " + e.strategy() + " " + e.template() + (e.outcome() == null ? "" : " " + e.outcome()));
        }
        return lines;
    }

    private CacheMethod simple() {
        return CacheMethod.of(cache, "user:{id}", 60_000, ValueType.ANY);
    }

    private Integer cached(CacheMethod method, String key) {
        return method.call(key, null, computations::incrementAndGet);
    }

    @Test
    void oneMissThenTwoHitsReportMissLoadPutHitHit() {
        CacheMethod method = simple();
        cached(method, "user:1");
        cached(method, "user:1");
        cached(method, "user:1");
        assertThat(seen()).containsExactly(
                "MISS simple user:{id}", "LOAD simple user:{id} success", "PUT simple user:{id}",
                "HIT simple user:{id}", "HIT simple user:{id}");
        CacheEvent load = events.get(1);
        assertThat(load.key()).isEqualTo("user:1");
        assertThat(load.backend()).isEqualTo("mem");
        assertThat(load.durationNanos()).isGreaterThanOrEqualTo(0);
        assertThat(load.success()).isTrue();
        assertThat(events.get(0).durationNanos()).isEqualTo(-1);
    }

    @Test
    void theLoadDurationComesFromTheInstanceClock() {
        CacheMethod method = simple();
        method.call("user:2", null, () -> {
            clock.advance(Duration.ofMillis(250));
            return 2;
        });
        assertThat(events.get(1).kind()).isEqualTo(Kind.LOAD);
        assertThat(events.get(1).durationNanos()).isEqualTo(Duration.ofMillis(250).toNanos());
    }

    @Test
    void aFailingDelegateIsAFailedLoadAndNoPut() {
        CacheMethod method = simple();
        assertThatThrownBy(() -> method.<Integer, IOException>call("user:3", null, () -> {
            throw new IOException("down");
        })).isInstanceOf(IOException.class);
        assertThat(seen()).containsExactly("MISS simple user:{id}", "LOAD simple user:{id} failure");
        assertThat(events.get(1).success()).isFalse();
    }

    @Test
    void asyncCallsReportAsSyncOnes() {
        CacheMethod method = simple();
        AsyncLoader<Integer> loader = () -> CompletableFuture.completedFuture(computations.incrementAndGet());
        method.callAsync("user:4", null, loader).join();
        method.callAsync("user:4", null, loader).join();
        method.callAsync("user:4", null, loader).join();
        assertThat(seen()).containsExactly(
                "MISS simple user:{id}", "LOAD simple user:{id} success", "PUT simple user:{id}",
                "HIT simple user:{id}", "HIT simple user:{id}");
    }

    @Test
    void facadeCommandsReportWithoutTemplateAndStrategiesRaiseNoFacadeEvents() {
        cache.set("a", 1);
        cache.get("a");
        cache.get("b");
        cache.delete("a");
        cache.delete("a");
        assertThat(seen()).containsExactly("PUT facade null", "HIT facade null", "MISS facade null",
                "REMOVE facade null removed", "REMOVE facade null absent");
        events.clear();
        cached(simple(), "user:5");
        assertThat(events).allSatisfy(e -> assertThat(e.strategy()).isEqualTo("simple"));
    }

    @Test
    void asyncFacadeCommandsReportToo() {
        cache.async().set("a", 1).join();
        cache.async().get("a").join();
        cache.async().get("b", "default").join();
        cache.async().delete("a").join();
        assertThat(seen()).containsExactly("PUT facade null", "HIT facade null", "MISS facade null",
                "REMOVE facade null removed");
    }

    @Test
    void aStoredNullIsAHitAndGetOrSetReportsItsLoad() {
        cache.set("n", null);
        events.clear();
        assertThat(cache.<Object>get("n", "default")).isNull();
        assertThat(cache.getOrSet("g", () -> 7, Duration.ofMinutes(1))).isEqualTo(7);
        assertThat(cache.getOrSet("g", () -> 8, Duration.ofMinutes(1))).isEqualTo(7);
        assertThat(seen()).containsExactly("HIT facade null", "MISS facade null", "LOAD facade null success",
                "PUT facade null", "HIT facade null");
    }

    @Test
    void manyAndRawReadsReportEachKeyAndRawWritesTheirPut() {
        cache.set("a", 1);
        cache.set("n", null);
        events.clear();
        assertThat(cache.getMany("a", "missing", "n")).containsExactly(1, null, null);
        assertThat(cache.setRaw("r", "text")).isTrue();
        assertThat(cache.<Object>getRaw("r")).isEqualTo("text");
        assertThat(cache.<Object>getRaw("nothing")).isNull();
        assertThat(seen()).containsExactly("HIT facade null", "MISS facade null", "HIT facade null",
                "PUT facade null", "HIT facade null", "MISS facade null");
        assertThat(events).extracting(CacheEvent::key).containsExactly("a", "missing", "n", "r", "r", "nothing");
    }

    @Test
    void asyncManyAndRawCommandsReportAsSyncOnes() {
        cache.set("a", 1);
        events.clear();
        cache.async().getMany("a", "missing").join();
        cache.async().setRaw("r", "text").join();
        cache.async().getRaw("r").join();
        cache.async().getRaw("nothing").join();
        assertThat(seen()).containsExactly("HIT facade null", "MISS facade null", "PUT facade null",
                "HIT facade null", "MISS facade null");
    }

    @Test
    void deleteMatchReportsOneRemovalPerDeletedKeyUnderItsPattern() {
        cache.set("p:1", 1);
        cache.set("p:2", 2);
        cache.set("q:1", 3);
        events.clear();
        assertThat(cache.deleteMatch("p:*")).isEqualTo(2);
        assertThat(cache.async().deleteMatch("q:*").join()).isEqualTo(1);
        assertThat(cache.deleteMatch("none:*")).isZero();
        assertThat(seen()).containsExactly("REMOVE facade null removed", "REMOVE facade null removed",
                "REMOVE facade null removed");
        assertThat(events).extracting(CacheEvent::key).containsExactly("p:*", "p:*", "q:*");
    }

    @Test
    void aGetOrSetWhoseLoaderFailsReportsAFailedLoadAndNoPut() {
        assertThatThrownBy(() -> cache.getOrSet("f", () -> {
            clock.advance(Duration.ofMillis(40));
            throw new IllegalStateException("down");
        }, Duration.ofMinutes(1))).hasMessageContaining("down");
        CompletableFuture<Object> failed = new CompletableFuture<>();
        CompletableFuture<Object> async = cache.async().getOrSet("g", () -> failed, Duration.ofMinutes(1));
        assertThat(seen()).containsExactly("MISS facade null", "LOAD facade null failure", "MISS facade null");
        failed.completeExceptionally(new IOException("down"));
        assertThatThrownBy(async::join).hasRootCauseInstanceOf(IOException.class);
        assertThat(seen()).containsExactly("MISS facade null", "LOAD facade null failure", "MISS facade null",
                "LOAD facade null failure");
        assertThat(events.get(1).durationNanos()).isEqualTo(Duration.ofMillis(40).toNanos());
        assertThat(cache.exists("f") || cache.exists("g")).isFalse();
    }

    @Test
    void aGetOrSetWhoseLoaderSucceededButWhoseStoreFailedReportsNoFailedLoad() {
        List<CacheEvent> seenHere = new CopyOnWriteArrayList<>();
        try (Cashews failing = Cashews.builder().clock(clock).executor(Runnable::run).listener(seenHere::add).build()) {
            failing.setup("mem://", (command, backend, args, next) -> {
                if (command == io.cashews.Command.SET) {
                    throw new IllegalStateException("store down");
                }
                return next.call(args);
            });
            assertThatThrownBy(() -> failing.getOrSet("s", () -> 1, Duration.ofMinutes(1))).hasMessageContaining("store down");
            CompletableFuture<Object> async = failing.async().getOrSet("a", () -> CompletableFuture.completedFuture(2),
                    Duration.ofMinutes(1));
            assertThatThrownBy(async::join).hasRootCauseMessage("store down");
            List<String> loads = new ArrayList<>();
            for (CacheEvent e : seenHere) {
                if (e.kind() == Kind.LOAD) {
                    loads.add(e.key() + " " + e.outcome());
                }
            }
            assertThat(loads).containsExactly("s " + CacheEvent.SUCCESS, "a " + CacheEvent.SUCCESS);
        }
    }

    @Test
    void anAsyncGetOrSetWhoseLoaderThrowsReportsOneFailedLoad() {
        CompletableFuture<Object> async = cache.async().getOrSet("t", () -> {
            throw new IllegalStateException("no stage");
        }, Duration.ofMinutes(1));
        assertThatThrownBy(async::join).hasRootCauseMessage("no stage");
        assertThat(seen()).containsExactly("MISS facade null", "LOAD facade null failure");
    }

    @Test
    void aStoredSequenceIsOnePutAndItsReplayOneHit() {
        IteratorMethod method = IteratorMethod.builder(cache, "seq:{id}").ttlMillis(60_000).build();
        java.util.Iterator<Integer> first = method.iterator("seq:1", null, () -> List.of(1, 2, 3).iterator());
        first.forEachRemaining(element -> { });
        java.util.Iterator<Integer> replay = method.iterator("seq:1", null, () -> List.of(9).iterator());
        List<Integer> replayed = new ArrayList<>();
        replay.forEachRemaining(replayed::add);
        assertThat(replayed).containsExactly(1, 2, 3);
        assertThat(seen()).containsExactly("MISS iterator seq:{id}", "LOAD iterator seq:{id} success",
                "PUT iterator seq:{id}", "HIT iterator seq:{id}");
    }

    @Test
    void aPublishedSequenceIsOnePutOnceItCompletes() {
        IteratorMethod method = IteratorMethod.builder(cache, "pub:{id}").ttlMillis(60_000).build();
        List<Integer> received = new CopyOnWriteArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        method.<Integer, RuntimeException>publisher("pub:1", null, () -> sequence(1, 2)).subscribe(new java.util.concurrent.Flow.Subscriber<Integer>() {
            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Integer item) {
                received.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
                done.set(true);
            }

            @Override
            public void onComplete() {
                done.set(true);
            }
        });
        while (!done.get()) {
            runBackground();
        }
        assertThat(received).containsExactly(1, 2);
        assertThat(seen()).containsExactly("MISS iterator pub:{id}", "LOAD iterator pub:{id} success",
                "PUT iterator pub:{id}");
    }

    // A publisher that emits its items on the subscriber's demand, on the requesting thread.
    private static java.util.concurrent.Flow.Publisher<Integer> sequence(Integer... items) {
        return subscriber -> subscriber.onSubscribe(new java.util.concurrent.Flow.Subscription() {
            private int next;
            private boolean over;

            @Override
            public void request(long n) {
                for (long i = 0; i < n && next < items.length; i++) {
                    subscriber.onNext(items[next++]);
                }
                if (next == items.length && !over) {
                    over = true;
                    subscriber.onComplete();
                }
            }

            @Override
            public void cancel() {
                over = true;
            }
        });
    }

    @Test
    void earlyServesStaleReportsItAndTheRefresh() {
        EarlyMethod method = EarlyMethod.builder(cache, "early:{id}").ttlMillis(Duration.ofMinutes(9).toMillis()).build();
        method.call("early:1", null, computations::incrementAndGet);
        clock.advance(Duration.ofMinutes(4));
        method.call("early:1", null, computations::incrementAndGet);
        runBackground();
        assertThat(seen()).containsExactly(
                "MISS early early:{id}", "LOAD early early:{id} success", "PUT early early:{id}",
                "HIT early early:{id}", "STALE_SERVED early early:{id}",
                "LOAD early early:{id} success", "PUT early early:{id}", "REFRESH early early:{id} success");
    }

    @Test
    void softServesTheOldValueWhenTheRecomputeFails() throws IOException {
        SoftMethod method = SoftMethod.builder(cache, "soft:{id}").ttlMillis(90_000).build();
        method.call("soft:1", null, computations::incrementAndGet);
        clock.advance(Duration.ofSeconds(31));
        assertThat(method.<Integer, IOException>call("soft:1", null, () -> {
            throw new IOException("down");
        })).isEqualTo(1);
        assertThat(seen()).containsExactly(
                "MISS soft soft:{id}", "LOAD soft soft:{id} success", "PUT soft soft:{id}",
                "MISS soft soft:{id}", "LOAD soft soft:{id} failure", "STALE_SERVED soft soft:{id}");
    }

    @Test
    void failoverServesTheStoredValueAfterAFailure() throws IOException {
        FailoverMethod method = FailoverMethod.builder(cache, "fail:{id}").ttlMillis(60_000).build();
        method.<Integer, IOException>call("fail:1", null, computations::incrementAndGet);
        assertThat(method.<Integer, IOException>call("fail:1", null, () -> {
            throw new IOException("down");
        })).isEqualTo(1);
        assertThat(seen()).containsExactly("LOAD failover fail:{id} success", "PUT failover fail:{id}",
                "LOAD failover fail:{id} failure", "STALE_SERVED failover fail:{id}");
    }

    @Test
    void rateLimitsReportRefusals() {
        RateLimitMethod limit = RateLimitMethod.builder(cache, "rate_limit:{id}").limit(1).periodMillis(1_000).build();
        limit.call("rate_limit:1", null, computations::incrementAndGet);
        assertThatThrownBy(() -> limit.call("rate_limit:1", null, computations::incrementAndGet))
                .isInstanceOf(RateLimitException.class);
        SliceRateLimitMethod slice = SliceRateLimitMethod.builder(cache, "slice:{id}").limit(1).periodMillis(1_000)
                .build();
        slice.call("slice:1", null, computations::incrementAndGet);
        assertThatThrownBy(() -> slice.call("slice:1", null, computations::incrementAndGet))
                .isInstanceOf(RateLimitException.class);
        assertThat(limit.callAsync("rate_limit:1", null, () -> CompletableFuture.completedFuture(0)))
                .failsWithin(Duration.ofSeconds(10));
        assertThat(seen()).containsExactly("REJECTED rate_limit rate_limit:{id}",
                "REJECTED slice_rate_limit slice:{id}", "REJECTED rate_limit rate_limit:{id}");
    }

    @Test
    void theBreakerReportsOpenHalfOpenAndClosed() throws IOException {
        AtomicBoolean refuse = new AtomicBoolean(false);
        CircuitBreakerMethod breaker = CircuitBreakerMethod.builder(cache, "cb:{id}").errorsRate(100)
                .periodMillis(10_000).ttlMillis(2_000).halfOpenTtlMillis(5_000).minCalls(1)
                .halfOpenCoin(refuse::get).build();
        assertThatThrownBy(() -> breaker.<String, IOException>call("cb:1", null, () -> {
            throw new IOException("down");
        })).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> breaker.<String, IOException>call("cb:1", null, () -> "ok"))
                .isInstanceOf(CircuitBreakerOpenException.class);
        clock.advance(Duration.ofMillis(2_000));
        assertThat(breaker.<String, IOException>call("cb:1", null, () -> "ok")).isEqualTo("ok");
        clock.advance(Duration.ofMillis(3_000));
        assertThat(breaker.<String, IOException>call("cb:1", null, () -> "ok")).isEqualTo("ok");
        assertThat(seen()).containsExactly("BREAKER_STATE circuit_breaker cb:{id} open",
                "REJECTED circuit_breaker cb:{id}", "BREAKER_STATE circuit_breaker cb:{id} half_open",
                "BREAKER_STATE circuit_breaker cb:{id} closed");
    }

    @Test
    void aBloomNegativeIsARefusal() {
        BloomFilter filter = new BloomFilter("bloom:t.T.f", 100, 1);
        new BloomAddMethod(cache, filter).call("present", null, () -> "stored");
        BloomMethod check = new BloomMethod(cache, filter, false);
        assertThat(check.<Boolean, RuntimeException>call("absent", null, () -> true)).isFalse();
        assertThat(check.<Boolean, RuntimeException>call("present", null, () -> false)).isTrue();
        // The filter's key (its base and size) is the layer's bounded template.
        assertThat(seen()).containsExactly("REJECTED bloom " + filter.key(), "HIT bloom " + filter.key());
        assertThat(filter.key()).startsWith("bloom:t.T.f:");
    }

    @Test
    void aLockHeldElsewhereIsARefusalWithoutWaitingAndAnAcquiredWaitOtherwise() {
        assertThat(cache.setLock("locked:a", "someone-else", Duration.ofMinutes(1))).isTrue();
        LockedMethod refusing = LockedMethod.builder(cache, "locked:{name}").ttlMillis(60_000).waitForLock(false)
                .build();
        assertThatThrownBy(() -> refusing.call("locked:a", null, computations::incrementAndGet))
                .isInstanceOf(io.cashews.LockedException.class);
        LockedMethod waiting = LockedMethod.builder(cache, "locked:{name}").ttlMillis(60_000).waitForLock(true)
                .build();
        assertThat(waiting.call("locked:b", null, computations::incrementAndGet)).isEqualTo(1);
        assertThat(seen()).containsExactly("REJECTED locked locked:{name}", "LOCK_WAIT locked locked:{name} acquired");
        assertThat(events.get(1).durationNanos()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aThrowingListenerIsLoggedOnceAndNeverBreaksTheCall() {
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger(CacheEventListener.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try (Scope ignored = cache.addListener(event -> {
            throw new IllegalStateException("broken listener");
        })) {
            CacheMethod method = simple();
            assertThat(cached(method, "user:6")).isEqualTo(1);
            assertThat(cached(method, "user:6")).isEqualTo(1);
        } finally {
            logger.removeHandler(handler);
        }
        // Five events, each thrown on: one WARNING, the rest below it; the other listener saw all.
        assertThat(logged).filteredOn(r -> r.getLevel() == java.util.logging.Level.WARNING).hasSize(1);
        assertThat(logged.get(0).getThrown()).hasMessage("broken listener");
        assertThat(events).hasSize(4);
    }

    @Test
    void closingTheScopeRemovesTheListener() {
        List<CacheEvent> mine = new ArrayList<>();
        Scope scope = cache.addListener(mine::add);
        cache.get("x");
        scope.close();
        scope.close();
        cache.get("x");
        assertThat(mine).hasSize(1);
        assertThat(events).hasSize(2);
        assertThat(cache.hasListeners()).isTrue();
    }

    @Test
    void withoutListenersNothingIsReported() {
        Cashews plain = Cashews.builder().clock(clock).executor(Runnable::run).build();
        plain.setup("mem://");
        try {
            assertThat(plain.hasListeners()).isFalse();
            CacheMethod method = CacheMethod.of(plain, "user:{id}", 60_000, ValueType.ANY);
            assertThat(method.call("user:7", null, computations::incrementAndGet)).isEqualTo(1);
            List<CacheEvent> late = new ArrayList<>();
            try (Scope ignored = plain.addListener(late::add)) {
                assertThat(method.call("user:7", null, computations::incrementAndGet)).isEqualTo(1);
            }
            assertThat(late).extracting(CacheEvent::kind).containsExactly(Kind.HIT);
        } finally {
            plain.close();
        }
    }
}
