package io.cashews.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.internal.LockedMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 20, D4 on a real Redis: callers contending for one {@code @Locked} key never run their
 * bodies at the same time. Under contention a holder often releases between another caller's
 * refused {@code SET NX} and its {@code EXISTS}; that used to count towards "locks unavailable"
 * and let the caller in unlocked.
 */
class RedisLockContentionTest {

    private static final String URL = TestRedis.url(12);
    private static final int THREADS = 8;
    private static final int CALLS = 300;

    private ExecutorService threads;

    @BeforeEach
    void open() {
        threads = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "&client_side=true"})
    void contendingLockedCallsNeverOverlap(String options) throws Exception {
        try (Cashews cache = new Cashews()) {
            // A lock that cannot be reached fails open by design (suppress=true): on a loaded
            // machine the default one-second socket_timeout let calls time out and run unlocked,
            // which this test would count as overlaps. It is about contention, not outages.
            cache.setup(URL + "?socket_timeout=30" + options);
            // The shared server may have been restarted by an earlier test: begin once it answers.
            Events.await("Redis answers", () -> {
                try {
                    cache.ping();
                    return true;
                } catch (RuntimeException notYet) {
                    return false;
                }
            });
            cache.clear();
            LockedMethod method = LockedMethod.builder(cache, "job:{name}").ttlMillis(10_000).build();
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                runs.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < CALLS; i++) {
                        method.call("job:one", null, () -> {
                            if (inside.incrementAndGet() > 1) {
                                overlaps.incrementAndGet();
                            }
                            // A short body, so that releases and retries interleave.
                            long until = System.nanoTime() + 20_000;
                            while (System.nanoTime() < until) {
                                Thread.onSpinWait();
                            }
                            inside.decrementAndGet();
                            return null;
                        });
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get(120, TimeUnit.SECONDS);
            }
            assertThat(overlaps).as("bodies that ran beside another of " + THREADS * CALLS).hasValue(0);
            assertThat(cache.isLocked("job:one")).isFalse();
        }
    }
}
