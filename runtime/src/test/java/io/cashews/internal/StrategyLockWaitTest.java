package io.cashews.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import io.cashews.LockedException;
import io.cashews.Scope;
import io.cashews.TransactionMode;
import io.cashews.base.LockWait;
import io.cashews.time.ClockWaits;
import io.cashews.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The strategies' lock waits ({@code @Cache(lock = true)}, {@code @Locked}) share the facade's loop:
 * they wait on the instance's clock, end once the lock's own TTL has passed, and are woken by a
 * release in this JVM.
 */
// A regression would wait forever: fail instead.
@Timeout(30)
class StrategyLockWaitTest {
    private static final long TTL_MILLIS = 1_000;
    private static final Duration FOREIGN = Duration.ofMinutes(10);

    private final ManualClock clock = new ManualClock();
    private final AtomicInteger calls = new AtomicInteger();
    private ExecutorService executor;
    private Cashews cache;

    @BeforeEach
    void setUp() {
        executor = Executors.newCachedThreadPool();
        cache = Cashews.builder().clock(clock).executor(executor).build();
        cache.setup("mem://");
    }

    @AfterEach
    void tearDown() {
        cache.close();
        executor.shutdownNow();
    }

    private CacheMethod cacheMethod() {
        return CacheMethod.builder(cache, "test:{id}").ttlMillis(TTL_MILLIS).lock(true).build();
    }

    private LockedMethod lockedMethod() {
        return LockedMethod.builder(cache, "locked:{id}").ttlMillis(TTL_MILLIS).build();
    }

    private String counted(String value) {
        calls.incrementAndGet();
        return value;
    }

    @Test
    void strategyWaitEndsOnceTheLocksTtlHasPassed() throws Exception {
        // Held by someone with a longer TTL than the method's (another process): before, the
        // caller waited for as long as that lock lived, or forever if it was renewed.
        assertThat(cache.setLock("lock:k", "other", FOREIGN)).isTrue();
        CompletableFuture<Void> advanced = ClockWaits.advanceWhenWaiting(clock, Duration.ofMillis(TTL_MILLIS));

        assertThatThrownBy(() -> cacheMethod().load("k", null, () -> counted("v")))
                .isInstanceOf(LockedException.class)
                .hasMessageContaining("lock:k")
                .hasMessageContaining("1000 ms");
        advanced.get(5, TimeUnit.SECONDS);
        assertThat(calls).hasValue(0);
        assertThat(cache.unlock("lock:k", "other")).as("the holder's lock is untouched").isTrue();
    }

    @Test
    void asyncStrategyWaitEndsOnceTheLocksTtlHasPassed() {
        assertThat(cache.setLock("lock:k", "other", FOREIGN)).isTrue();
        CompletableFuture<String> waiting = cacheMethod().callAsync("k", null,
                () -> CompletableFuture.completedFuture(counted("v")));
        ClockWaits.awaitWaiting(clock, 1);
        assertThat(waiting).isNotDone();

        clock.advance(Duration.ofMillis(TTL_MILLIS));
        assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(LockedException.class);
        assertThat(calls).hasValue(0);
        assertThat(cache.unlock("lock:k", "other")).isTrue();
    }

    @Test
    void lockedWaitEndsOnceTheLocksTtlHasPassed() throws Exception {
        assertThat(cache.setLock("job", "other", FOREIGN)).isTrue();
        CompletableFuture<Void> advanced = ClockWaits.advanceWhenWaiting(clock, Duration.ofMillis(TTL_MILLIS));

        assertThatThrownBy(() -> lockedMethod().call("job", null, () -> counted("ran")))
                .isInstanceOf(LockedException.class)
                .hasMessageContaining("'job'")
                .hasMessageContaining("1000 ms");
        advanced.get(5, TimeUnit.SECONDS);
        assertThat(calls).hasValue(0);
        assertThat(cache.unlock("job", "other")).isTrue();
    }

    @Test
    void asyncLockedWaitEndsOnceTheLocksTtlHasPassed() {
        assertThat(cache.setLock("job", "other", FOREIGN)).isTrue();
        CompletableFuture<String> waiting = lockedMethod().callAsync("job", null,
                () -> CompletableFuture.completedFuture(counted("ran")));
        ClockWaits.awaitWaiting(clock, 1);
        assertThat(waiting).isNotDone();

        clock.advance(Duration.ofMillis(TTL_MILLIS - 1));
        ClockWaits.awaitWaiting(clock, 1);
        assertThat(waiting).as("within the TTL it still waits").isNotDone();
        clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(LockedException.class);
        assertThat(calls).hasValue(0);
        assertThat(cache.unlock("job", "other")).isTrue();
    }

    @Test
    void theHoldersReleaseWakesAStrategyWaiterWithoutTheClockMoving() throws Exception {
        Scope holder = cache.lock("lock:k", FOREIGN);
        Future<String> waiter = executor.submit(() -> cacheMethod().load("k", null, () -> counted("computed")));
        ClockWaits.awaitWaiting(clock, 1);
        assertThat(waiter.isDone()).isFalse();

        holder.close();
        assertThat(waiter.get(5, TimeUnit.SECONDS)).isEqualTo("computed");
        assertThat(calls).hasValue(1);
        assertThat(cache.isLocked("lock:k")).isFalse();
    }

    @Test
    void theHoldersReleaseWakesAnAsyncLockedWaiter() throws Exception {
        Scope holder = cache.lock("job", FOREIGN);
        CompletableFuture<String> waiting = lockedMethod().callAsync("job", null,
                () -> CompletableFuture.completedFuture(counted("ran")));
        ClockWaits.awaitWaiting(clock, 1);
        assertThat(waiting).isNotDone();

        holder.close();
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo("ran");
        assertThat(cache.isLocked("job")).isFalse();
    }

    @Test
    void aFacadeHolderAndAStrategyExcludeEachOther() throws Exception {
        LockedMethod notWaiting = LockedMethod.builder(cache, "locked:{id}").ttlMillis(TTL_MILLIS).waitForLock(false).build();
        try (Scope held = cache.lock("job", FOREIGN)) {
            assertThatThrownBy(() -> notWaiting.call("job", null, () -> counted("ran")))
                    .isInstanceOf(LockedException.class);
            assertThat(cache.isLocked("job")).as("the strategy never releases the facade's lock").isTrue();
        }
        CompletableFuture<Void> advanced = ClockWaits.advanceWhenWaiting(clock, Duration.ofMillis(100));
        assertThat(notWaiting.call("job", null, () -> {
            // Inside the strategy's lock, the facade's bounded wait gives up.
            assertThatThrownBy(() -> cache.lock("job", FOREIGN, Duration.ofMillis(100))).isInstanceOf(LockedException.class);
            return counted("ran");
        })).isEqualTo("ran");
        advanced.get(5, TimeUnit.SECONDS);
        assertThat(cache.isLocked("job")).isFalse();
    }

    @Test
    void oneTokenSourceServesTheFacadeTheStrategiesAndTransactions() throws Exception {
        // The memory backend keeps a lock's value as the key's value: read what each holder wrote.
        List<String> tokens = new ArrayList<>();
        try (Scope facade = cache.lock("facade", FOREIGN)) {
            tokens.add(cache.get("facade"));
        }
        try (Scope async = cache.async().lock("async", FOREIGN).get(5, TimeUnit.SECONDS)) {
            tokens.add(cache.get("async"));
        }
        cacheMethod().load("k", null, () -> tokens.add(cache.get("lock:k")) ? "v" : "never");
        lockedMethod().call("job", null, () -> tokens.add(cache.get("job")));
        cache.transaction(TransactionMode.LOCKED, null, () -> {
            cache.set("written", 1);
            return tokens.add(cache.get(":tx_lock:written"));
        });

        assertThat(tokens).hasSize(5).doesNotContainNull().doesNotHaveDuplicates();
        String process = LockWait.newToken().split(":")[0];
        assertThat(tokens).allSatisfy(token -> assertThat(token).startsWith(process + ":"));
    }

    @Test
    void lockValuesAreUniqueAcrossThreadsAndUsers() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        CompletableFuture<?>[] all = new CompletableFuture<?>[8];
        for (int t = 0; t < all.length; t++) {
            all[t] = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 1_000; i++) {
                    seen.add(LockWait.newToken());
                }
            }, executor);
        }
        CompletableFuture.allOf(all).get(10, TimeUnit.SECONDS);
        assertThat(seen).hasSize(8_000);
    }
}
