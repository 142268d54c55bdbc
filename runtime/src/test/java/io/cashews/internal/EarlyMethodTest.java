package io.cashews.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.codec.Stamped;
import io.cashews.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code @Early}: stale values are served while one background recompute runs. */
class EarlyMethodTest {
    private static final long TTL = Duration.ofMinutes(9).toMillis();

    private final ManualClock clock = new ManualClock();
    private final AtomicInteger computations = new AtomicInteger();
    /** Background work (refreshes, and the memory backend's own maintenance) waits here until the test runs it. */
    private final ConcurrentLinkedQueue<Runnable> background = new ConcurrentLinkedQueue<>();
    private Cashews cache;

    @BeforeEach
    void setUp() {
        cache = Cashews.builder().clock(clock).executor(background::add).build();
        cache.setup("mem://");
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    private EarlyMethod early() {
        return EarlyMethod.builder(cache, "early:v2:k").ttlMillis(TTL).build();
    }

    /** Runs the queued background work; returns how many recomputes it made. */
    private int runBackground() {
        int before = computations.get();
        for (Runnable task = background.poll(); task != null; task = background.poll()) {
            task.run();
        }
        return computations.get() - before;
    }

    @Test
    void aFreshValueIsServedWithoutRecomputing() {
        EarlyMethod method = early();
        assertThat(method.call("early:v2:k", null, computations::incrementAndGet)).isEqualTo(1);
        clock.advance(Duration.ofMinutes(2));
        assertThat(method.call("early:v2:k", null, computations::incrementAndGet)).isEqualTo(1);
        assertThat(runBackground()).isZero();
        assertThat(cache.<Object>get("early:v2:k")).isInstanceOf(Stamped.class);
    }

    @Test
    void aStaleValueIsServedWhileOneBackgroundRecomputeRuns() {
        EarlyMethod method = early();
        method.call("early:v2:k", null, computations::incrementAndGet);
        clock.advance(Duration.ofMinutes(4)); // earlyTtl defaults to a third of 9 minutes
        assertThat(method.call("early:v2:k", null, computations::incrementAndGet)).isEqualTo(1);
        assertThat(method.call("early:v2:k", null, computations::incrementAndGet)).isEqualTo(1);
        assertThat(cache.exists("early:v2:k:lock")).isTrue();
        assertThat(runBackground()).isEqualTo(1);
        assertThat(cache.exists("early:v2:k:lock")).isFalse();
        assertThat(method.call("early:v2:k", null, computations::incrementAndGet)).isEqualTo(2);
    }

    @Test
    void tenConcurrentCallersOnAStaleEntryCauseExactlyOneRecompute() throws Exception {
        EarlyMethod method = early();
        method.call("early:v2:k", null, computations::incrementAndGet);
        clock.advance(Duration.ofMinutes(4));
        ExecutorService callers = Executors.newFixedThreadPool(10);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                results.add(callers.submit(() -> {
                    start.await();
                    return method.call("early:v2:k", null, computations::incrementAndGet);
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(runBackground()).isEqualTo(1);
        assertThat(computations).hasValue(2);
    }

    @Test
    void asyncCallsServeStaleValuesToo() {
        EarlyMethod method = early();
        AsyncLoader<Integer> loader = () -> CompletableFuture.completedFuture(computations.incrementAndGet());
        assertThat(method.callAsync("early:v2:k", null, loader).join()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(4));
        assertThat(method.callAsync("early:v2:k", null, loader).join()).isEqualTo(1);
        assertThat(method.callAsync("early:v2:k", null, loader).join()).isEqualTo(1);
        assertThat(runBackground()).isEqualTo(1);
        assertThat(method.callAsync("early:v2:k", null, loader).join()).isEqualTo(2);
    }

    @Test
    void aLockHeldByAnotherProcessSuppressesTheRecomputeUntilItExpires() {
        EarlyMethod method = early();
        method.call("early:v2:k", null, computations::incrementAndGet);
        clock.advance(Duration.ofMinutes(4));
        cache.set("early:v2:k:lock", "1", Duration.ofMinutes(3));
        assertThat(method.call("early:v2:k", null, computations::incrementAndGet)).isEqualTo(1);
        assertThat(runBackground()).isZero();
        clock.advance(Duration.ofMinutes(3));
        assertThat(method.call("early:v2:k", null, computations::incrementAndGet)).isEqualTo(1);
        assertThat(runBackground()).isEqualTo(1);
    }

    @Test
    void twoProcessesSharingTheBackendRecomputeOncePerWindow() {
        // Two layers on one backend stand for two JVMs: only the backend lock is shared.
        EarlyMethod first = early();
        EarlyMethod second = early();
        first.call("early:v2:k", null, computations::incrementAndGet);
        clock.advance(Duration.ofMinutes(4));
        assertThat(first.call("early:v2:k", null, computations::incrementAndGet)).isEqualTo(1);
        assertThat(second.call("early:v2:k", null, computations::incrementAndGet)).isEqualTo(1);
        assertThat(runBackground()).isEqualTo(1);
    }

    @Test
    void concurrentColdMissesShareOneComputationWithProtect() throws Exception {
        EarlyMethod method = early();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            @SuppressWarnings("unchecked")
            AtomicReference<Thread>[] threads = new AtomicReference[8];
            for (int i = 0; i < 8; i++) {
                AtomicReference<Thread> thread = new AtomicReference<>();
                threads[i] = thread;
                results.add(callers.submit(() -> {
                    thread.set(Thread.currentThread());
                    return method.call("early:v2:k", null, () -> {
                        release.await();
                        return computations.incrementAndGet();
                    });
                }));
            }
            // Every caller is parked: one inside the computation, the others waiting for it.
            Blocked.await(threads);
            release.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(computations).hasValue(1);
    }

    @Test
    void anExpiredEntryIsComputedInTheCaller() {
        EarlyMethod method = early();
        method.call("early:v2:k", null, computations::incrementAndGet);
        clock.advance(Duration.ofMinutes(10));
        assertThat(method.call("early:v2:k", null, computations::incrementAndGet)).isEqualTo(2);
        assertThat(runBackground()).isZero();
    }
}
