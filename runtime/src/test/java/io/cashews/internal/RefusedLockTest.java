package io.cashews.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import io.cashews.Command;
import io.cashews.LockedException;
import io.cashews.Middleware;
import io.cashews.time.ManualClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 20, D4: a lock refused by {@code setLock} and free again by the time {@code isLocked}
 * looks (another caller took it and released it in between) is someone's lock, not a sign that
 * locks are unavailable: {@code @Locked} and {@code @Cache(lock = true)} wait for it instead of
 * running unlocked after three such answers in a row. A middleware plays the other caller: before
 * each of the first {@code races} {@code setLock} calls it takes the lock, and it releases it
 * before the answer comes back, which is the race 8 contending threads hit on Redis.
 */
@Timeout(30)
class RefusedLockTest {
    private static final String KEY = "locked:job";
    private static final Duration RACER_TTL = Duration.ofMinutes(1);

    private final ManualClock clock = new ManualClock();
    private final AtomicInteger races = new AtomicInteger();
    private ExecutorService executor;
    private Cashews cache;

    @BeforeEach
    void setUp() {
        executor = Executors.newCachedThreadPool();
        cache = Cashews.builder().clock(clock).executor(executor).build();
        Middleware racer = (command, backend, args, next) -> {
            if (command != Command.SET_LOCK || races.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
                return next.call(args);
            }
            String lock = (String) args[0];
            backend.setLock(lock, "racer", RACER_TTL);
            Object answer = next.call(args);
            if (answer instanceof CompletableFuture<?> pending) {
                return pending.whenComplete((refused, error) -> backend.unlock(lock, "racer"));
            }
            backend.unlock(lock, "racer");
            return answer;
        };
        cache.setup("mem://", "", Map.of(), racer);
    }

    @AfterEach
    void tearDown() {
        cache.close();
        executor.shutdownNow();
    }

    // Moves the clock while the call under test waits on it, until the call is done.
    private <T> T driven(Future<T> call) throws Exception {
        while (!call.isDone()) {
            if (clock.waiting() > 0) {
                clock.advance(Duration.ofMillis(1));
            }
            Thread.onSpinWait();
        }
        return call.get(5, TimeUnit.SECONDS);
    }

    private LockedMethod.Builder locked() {
        return LockedMethod.builder(cache, "locked:{name}").ttlMillis(60_000).checkIntervalMillis(1);
    }

    private Supplier<String> lockState(String lock) {
        return () -> cache.isLocked(lock) ? "ran locked" : "ran unlocked";
    }

    @Test
    void lockedWaitsForARefusedLockInsteadOfRunningUnlocked() throws Exception {
        LockedMethod method = locked().build();
        races.set(5);

        Future<String> call = executor.submit(() -> method.call(KEY, null, () -> lockState(KEY).get()));

        assertThat(driven(call)).isEqualTo("ran locked");
        assertThat(races).hasValue(0);
        assertThat(cache.isLocked(KEY)).isFalse();
    }

    @Test
    void asyncLockedWaitsForARefusedLockInsteadOfRunningUnlocked() throws Exception {
        LockedMethod method = locked().build();
        races.set(5);

        CompletableFuture<String> call = method.callAsync(KEY, null,
                () -> CompletableFuture.completedFuture(lockState(KEY).get()));

        assertThat(driven(call)).isEqualTo("ran locked");
        assertThat(races).hasValue(0);
    }

    @Test
    void lockedWithoutWaitingFailsOnARefusedLockInsteadOfRunningUnlocked() {
        LockedMethod method = locked().waitForLock(false).build();
        races.set(3);

        assertThatThrownBy(() -> method.call(KEY, null, () -> lockState(KEY).get()))
                .isInstanceOf(LockedException.class);
        races.set(3);
        assertThat(method.callAsync(KEY, null, () -> CompletableFuture.completedFuture(lockState(KEY).get())))
                .failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingRootCause()
                .isInstanceOf(LockedException.class);
    }

    @Test
    void cacheLockWaitsForARefusedLockInsteadOfComputingUnlocked() throws Exception {
        CacheMethod method = CacheMethod.builder(cache, "test:{id}").ttlMillis(60_000).lock(true).build();
        races.set(5);

        Future<Object> call = executor.submit(() -> method.load("k", null, () -> lockState("lock:k").get()));

        assertThat(driven(call)).isEqualTo("ran locked");
        assertThat(races).hasValue(0);
    }

    @Test
    void asyncCacheLockWaitsForARefusedLockInsteadOfComputingUnlocked() throws Exception {
        CacheMethod method = CacheMethod.builder(cache, "test:{id}").ttlMillis(60_000).lock(true).build();
        races.set(5);

        CompletableFuture<String> call = method.callAsync("k", null,
                () -> CompletableFuture.completedFuture(lockState("lock:k").get()));

        assertThat(driven(call)).isEqualTo("ran locked");
        assertThat(races).hasValue(0);
    }
}
