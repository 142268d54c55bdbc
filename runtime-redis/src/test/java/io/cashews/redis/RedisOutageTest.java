package io.cashews.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.CacheBackendInteractionException;
import io.cashews.Cashews;
import io.cashews.internal.CacheMethod;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis killed under load and started again: with {@code suppress=true} no caller sees an
 * exception, every result is the delegate's, and caching resumes by itself.
 */
class RedisOutageTest {

    private static final int KEYS = 20;

    private RedisProcess redis;
    private Cashews cache;
    private CacheMethod method;
    private final AtomicLong delegateCalls = new AtomicLong();

    @BeforeEach
    void start() {
        redis = RedisProcess.launch();
        cache = new Cashews();
        cache.setup(redis.url() + "?socket_timeout=0.5&socket_connect_timeout=0.3");
        method = CacheMethod.builder(cache, "outage:{n}").ttlMillis(60_000).build();
    }

    @AfterEach
    void stop() {
        cache.close();
        redis.kill();
    }

    // What a generated proxy does for `@Cache(ttl = "1m", key = "outage:{n}") String value(int n)`.
    private String call(int n) {
        String key = "outage:" + n;
        return method.call(key, null, () -> {
            delegateCalls.incrementAndGet();
            return "value-" + n;
        });
    }

    @Test
    void callersNeverNoticeAKilledRedisAndCachingResumes() throws Exception {
        for (int n = 0; n < KEYS; n++) {
            call(n);
        }
        long warm = delegateCalls.get();
        for (int n = 0; n < KEYS; n++) {
            assertThat(call(n)).isEqualTo("value-" + n);
        }
        assertThat(delegateCalls.get()).as("cached before the outage").isEqualTo(warm);

        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        // One permit per finished call: waiting for calls is waiting for events, not for time.
        Semaphore calls = new Semaphore(0);
        AtomicLong slowest = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch started = new CountDownLatch(4);
        List<Future<?>> loops = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int offset = t;
            loops.add(pool.submit(() -> {
                started.countDown();
                int i = offset;
                while (running.get()) {
                    int n = i++ % KEYS;
                    long begin = System.nanoTime();
                    try {
                        String result = call(n);
                        if (!result.equals("value-" + n)) {
                            wrong.add(result);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                    slowest.accumulateAndGet(System.nanoTime() - begin, Math::max);
                    calls.release();
                }
            }));
        }
        started.await();
        waitForCalls(calls, 200);

        redis.kill();
        long beforeOutage = delegateCalls.get();
        waitForCalls(calls, 500);
        assertThat(delegateCalls.get()).as("the delegate answers while Redis is down").isGreaterThan(beforeOutage);

        redis.start();
        // Caching resumes once the connection is back: a round of calls without the delegate.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        boolean resumed = false;
        while (!resumed && System.nanoTime() < deadline) {
            long before = delegateCalls.get();
            waitForCalls(calls, 400);
            resumed = delegateCalls.get() == before;
        }
        running.set(false);
        for (Future<?> loop : loops) {
            loop.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(failures).as("exceptions seen by callers").isEmpty();
        assertThat(wrong).as("results that are not the delegate's").isEmpty();
        assertThat(resumed).as("caching resumed after the restart").isTrue();
        // Fail fast: no call waited for more than the command timeout (plus scheduling slack).
        assertThat(TimeUnit.NANOSECONDS.toMillis(slowest.get())).isLessThan(1_500);
    }

    @Test
    void withSuppressFalseTheFailureReachesTheCaller() throws IOException {
        try (Cashews strict = new Cashews()) {
            strict.setup(redis.url() + "?suppress=false&socket_timeout=0.5");
            strict.set("k", "v");
            redis.kill();
            assertThatThrownBy(() -> strict.get("k"))
                    .isInstanceOf(CacheBackendInteractionException.class).hasMessageContaining("get");
            redis.start();
        }
    }

    @Test
    void suppressedBitReadsGiveNoAnswerRatherThanZeros() throws IOException {
        try (Cashews lenient = new Cashews()) {
            lenient.setup(redis.url() + "?socket_timeout=0.5");
            lenient.incrBits("bloom", 1, 1, 3);
            redis.kill();
            try {
                // zeros would read as "certainly not in the filter"; an empty answer lets a Bloom
                // layer ask its delegate instead
                assertThat(lenient.getBits("bloom", 1, 3)).isEmpty();
            } finally {
                redis.start();
            }
        }
    }

    // Returns after `more` further calls, or after 20 s if the loops stall: the assertions that
    // follow judge the outcome, as they did with the counter this replaces.
    private static void waitForCalls(Semaphore calls, int more) throws InterruptedException {
        calls.drainPermits();
        calls.tryAcquire(more, 20, TimeUnit.SECONDS);
    }
}
