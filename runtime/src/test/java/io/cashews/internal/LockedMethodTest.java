package io.cashews.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import io.cashews.Command;
import io.cashews.LockedException;
import io.cashews.Scope;
import io.cashews.time.ManualClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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

@SuppressWarnings("try")
class LockedMethodTest {
    private static final String KEY = "locked:job";

    private final ManualClock clock = new ManualClock();
    private ExecutorService executor;
    private Cashews cache;

    @BeforeEach
    void setUp() {
        executor = Executors.newFixedThreadPool(4);
        cache = Cashews.builder().clock(clock).executor(executor).build();
        cache.setup("mem://");
    }

    @AfterEach
    void tearDown() {
        cache.close();
        executor.shutdownNow();
    }

    private LockedMethod.Builder locked() {
        return LockedMethod.builder(cache, "locked:{name}").ttlMillis(60_000).checkIntervalMillis(1);
    }

    @Test
    void holdsTheLockDuringTheCallAndReleasesIt() {
        LockedMethod method = locked().build();
        String result = method.call(KEY, null, () -> cache.isLocked(KEY) ? "held" : "free");

        assertThat(result).isEqualTo("held");
        assertThat(cache.isLocked(KEY)).isFalse();
    }

    @Test
    void releasesTheLockWhenTheCallThrows() {
        LockedMethod method = locked().build();
        assertThatThrownBy(() -> method.call(KEY, null, () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(cache.isLocked(KEY)).isFalse();
    }

    @Test
    void notWaitingFailsWhileAnotherHoldsTheLock() {
        LockedMethod method = locked().waitForLock(false).build();
        assertThat(cache.setLock(KEY, "someone", Duration.ofSeconds(10))).isTrue();

        assertThatThrownBy(() -> method.call(KEY, null, () -> "ran")).isInstanceOf(LockedException.class)
                .hasMessageContaining(KEY);
        assertThatThrownBy(() -> method.callAsync(KEY, null, () -> CompletableFuture.completedFuture("ran")).join())
                .hasCauseInstanceOf(LockedException.class);
        // The failed attempt must not release the holder's lock.
        assertThat(cache.isLocked(KEY)).isTrue();
        cache.unlock(KEY, "someone");
        assertThat(method.call(KEY, null, () -> "ran")).isEqualTo("ran");
    }

    @Test
    void aLockLeftBehindExpiresAfterItsTtl() {
        LockedMethod method = locked().waitForLock(false).build();
        cache.setLock(KEY, "crashed", Duration.ofMillis(60_000));
        clock.advance(Duration.ofMillis(60_000));

        assertThat(method.call(KEY, null, () -> "ran")).isEqualTo("ran");
    }

    @Test
    void aWaitingCallerRunsAfterTheHolderFinishes() throws Exception {
        LockedMethod method = locked().build();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        Future<String> first = executor.submit(() -> method.call(KEY, null, () -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            inside.countDown();
            release.await(5, TimeUnit.SECONDS);
            running.decrementAndGet();
            return "first";
        }));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        AtomicReference<Thread> secondThread = new AtomicReference<>();
        Future<String> second = executor.submit(() -> {
            secondThread.set(Thread.currentThread());
            return method.call(KEY, null, () -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                running.decrementAndGet();
                return "second";
            });
        });
        Blocked.await(secondThread); // the second caller is polling the held lock
        assertThat(second.isDone()).isFalse();
        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("second");
        assertThat(maxRunning).hasValue(1);
    }

    @Test
    void anAsyncWaiterCompletesOnceTheLockIsFree() throws Exception {
        LockedMethod method = locked().build();
        cache.setLock(KEY, "holder", Duration.ofSeconds(60));
        AtomicInteger ran = new AtomicInteger();

        CompletableFuture<String> waiting = method.callAsync(KEY, null, () -> {
            ran.incrementAndGet();
            return CompletableFuture.completedFuture("ran");
        });
        assertThat(waiting).isNotDone();
        assertThat(ran).hasValue(0);
        cache.unlock(KEY, "holder");

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo("ran");
        assertThat(cache.isLocked(KEY)).isFalse();
    }

    @Test
    void asyncHoldsTheLockUntilItsStageCompletes() throws Exception {
        LockedMethod method = locked().build();
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletableFuture<String> result = method.callAsync(KEY, null, () -> work);
        assertThat(cache.isLocked(KEY)).isTrue();
        work.complete("done");

        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(cache.isLocked(KEY)).isFalse();
    }

    @Test
    void disabledLocksRunTheCallUnlocked() {
        LockedMethod method = locked().waitForLock(false).build();
        cache.setLock(KEY, "someone", Duration.ofSeconds(10));
        try (Scope off = cache.disabling(Command.SET_LOCK)) {
            assertThat(method.call(KEY, null, () -> "ran")).isEqualTo("ran");
            assertThat(method.callAsync(KEY, null, () -> CompletableFuture.completedFuture("ran")).join())
                    .isEqualTo("ran");
        }
    }

    @Test
    void aRouteSetUpDisabledRunsTheCallUnlocked() {
        try (Cashews off = Cashews.builder().clock(clock).executor(executor).build()) {
            off.setup("mem://?enable=false");
            LockedMethod method = LockedMethod.builder(off, "locked:{name}").ttlMillis(1_000).waitForLock(false).build();
            assertThat(method.call(KEY, null, () -> "ran")).isEqualTo("ran");
            assertThat(method.callAsync(KEY, null, () -> CompletableFuture.completedFuture("ran")).join())
                    .isEqualTo("ran");
        }
    }
}
