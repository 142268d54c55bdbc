package io.cashews.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import io.cashews.CircuitBreakerOpenException;
import io.cashews.RateLimitException;
import io.cashews.backend.CasContention;
import io.cashews.internal.CacheMethod;
import io.cashews.internal.CircuitBreakerMethod;
import io.cashews.internal.RateLimitMethod;
import io.cashews.spi.Backend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one Redis share the state behind the strategies: counters, sliding windows,
 * bit fields and locks, so a rate limit, a circuit breaker or a stampede lock holds across
 * processes.
 */
class SharedStateTest {

    private static final String URL = TestRedis.url(5);
    private Cashews first;
    private Cashews second;

    @BeforeEach
    void open() {
        first = Cashews.create(URL + "?suppress=false");
        second = Cashews.create(URL + "?suppress=false");
        first.clear();
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    @Test
    void countersWindowsAndBitsAreShared() {
        assertThat(first.incr("rate:user", 1, Duration.ofMinutes(1))).isEqualTo(1);
        assertThat(second.incr("rate:user", 1, Duration.ofMinutes(1))).isEqualTo(2);
        assertThat(first.sliceIncr("window", 0, 1_000, 2, Duration.ofMinutes(1))).isEqualTo(1);
        assertThat(second.sliceIncr("window", 0, 1_001, 2, Duration.ofMinutes(1))).isEqualTo(2);
        assertThat(first.sliceIncr("window", 0, 1_002, 2, Duration.ofMinutes(1))).isEqualTo(3);
        first.incrBits("bloom", 1, 1, 7, 99);
        assertThat(second.getBits("bloom", 1, 7, 8, 99)).containsExactly(1, 0, 1);
    }

    @Test
    void aLockTakenByOneInstanceHoldsForTheOther() {
        assertThat(first.setLock("lock:job", "first", Duration.ofSeconds(30))).isTrue();
        assertThat(second.setLock("lock:job", "second", Duration.ofSeconds(30))).isFalse();
        assertThat(second.unlock("lock:job", "second")).isFalse();
        assertThat(first.unlock("lock:job", "first")).isTrue();
        assertThat(second.setLock("lock:job", "second", Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void aRateLimitCountsTheCallsOfBothInstances() {
        RateLimitMethod onFirst = RateLimitMethod.builder(first, "limit:{user}").limit(3).periodMillis(60_000).build();
        RateLimitMethod onSecond = RateLimitMethod.builder(second, "limit:{user}").limit(3).periodMillis(60_000).build();
        AtomicInteger calls = new AtomicInteger();
        assertThat(onFirst.call("limit:ann", null, calls::incrementAndGet)).isEqualTo(1);
        assertThat(onSecond.call("limit:ann", null, calls::incrementAndGet)).isEqualTo(2);
        assertThat(onFirst.call("limit:ann", null, calls::incrementAndGet)).isEqualTo(3);
        assertThatThrownBy(() -> onSecond.call("limit:ann", null, calls::incrementAndGet))
                .isInstanceOf(RateLimitException.class);
        assertThat(onFirst.call("limit:bob", null, calls::incrementAndGet)).isEqualTo(4);
    }

    @Test
    void aBreakerOpenedByOneInstanceRefusesCallsOnTheOther() {
        CircuitBreakerMethod onFirst = CircuitBreakerMethod.builder(first, "breaker:{api}")
                .errorsRate(50).periodMillis(60_000).ttlMillis(60_000).minCalls(2).build();
        CircuitBreakerMethod onSecond = CircuitBreakerMethod.builder(second, "breaker:{api}")
                .errorsRate(50).periodMillis(60_000).ttlMillis(60_000).minCalls(2).build();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> onFirst.call("breaker:pay", null, () -> {
                throw new IllegalStateException("remote down");
            })).isInstanceOf(IllegalStateException.class);
        }
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> onSecond.call("breaker:pay", null, calls::incrementAndGet))
                .isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(calls).hasValue(0);
    }

    @Test
    void stampedeOverTwoInstancesCallsTheDelegateOnce() throws Exception {
        CacheMethod onFirst = CacheMethod.builder(first, "report:{id}").ttlMillis(60_000).lock(true).build();
        CacheMethod onSecond = CacheMethod.builder(second, "report:{id}").ttlMillis(60_000).lock(true).build();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            CacheMethod method = i % 2 == 0 ? onFirst : onSecond;
            results.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return method.call("report:1", null, () -> {
                    calls.incrementAndGet();
                    return "report";
                });
            }));
        }
        go.countDown();
        for (CompletableFuture<String> result : results) {
            assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo("report");
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    void compareAndSetIncrementsFromTwoInstancesLoseNothing() throws Exception {
        List<Backend> both = List.of(first.backends().get(""), second.backends().get(""));
        assertThat(CasContention.run("cas:counter", both, 8, 250)).isEqualTo(2_000L);
    }

    @Test
    void atomicCommandsOfOneInstanceAreSeenByTheOther() {
        Backend mine = first.backends().get("");
        Backend theirs = second.backends().get("");
        assertThat(mine.getAndSet("k", "one", Duration.ofMinutes(1), false)).isNull();
        assertThat(theirs.getAndSet("k", "two", null, true)).isEqualTo("one");
        assertThat(mine.compareAndSet("k", "one", "x", null, false)).isFalse();
        assertThat(mine.compareAndSet("k", "two", "three", null, true)).isTrue();
        assertThat(theirs.getExpireMillis("k")).isBetween(1L, 60_000L);
        assertThat(theirs.deleteIfEquals("k", "two")).isFalse();
        assertThat(theirs.getAndDelete("k")).isEqualTo("three");
        assertThat(mine.getAndDelete("k")).isNull();
    }
}
