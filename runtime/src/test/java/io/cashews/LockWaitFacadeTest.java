package io.cashews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.time.ClockWaits;
import io.cashews.time.ManualClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Cashews#lock} and its asynchronous form wait on the instance's clock, with and without a bound. */
// A regression would wait forever: fail instead.
@Timeout(30)
class LockWaitFacadeTest {
    private static final Duration HOLD = Duration.ofMinutes(1);

    private final ManualClock clock = new ManualClock();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private Cashews cache;

    @BeforeEach
    void setUp() {
        cache = Cashews.builder().clock(clock).executor(threads).build();
        cache.setup("mem://");
    }

    @AfterEach
    void tearDown() {
        cache.close();
        threads.shutdownNow();
    }

    @Test
    void aBoundedWaitEndsWithLockedExceptionOnceItsTimeoutPassed() throws Exception {
        assertThat(cache.setLock("k", "holder", HOLD)).isTrue();
        CompletableFuture<Void> advanced = ClockWaits.advanceWhenWaiting(clock, Duration.ofMillis(100));

        assertThatThrownBy(() -> cache.lock("k", HOLD, Duration.ofMillis(100)))
                .isInstanceOf(LockedException.class)
                .hasMessageContaining("'k'")
                .hasMessageContaining("still held");
        advanced.get(5, TimeUnit.SECONDS);
        // The waiter gave up without touching the holder's lock.
        assertThat(cache.isLocked("k")).isTrue();
        assertThat(cache.unlock("k", "holder")).isTrue();
    }

    @Test
    void aBoundedWaitGoesOnUntilItsTimeout() throws Exception {
        assertThat(cache.setLock("k", "holder", HOLD)).isTrue();
        Future<Scope> waiter = threads.submit(() -> cache.lock("k", HOLD, Duration.ofSeconds(1)));
        ClockWaits.awaitWaiting(clock, 1);
        clock.advance(Duration.ofMillis(999));
        ClockWaits.awaitWaiting(clock, 1);
        assertThat(waiter.isDone()).as("still within its timeout").isFalse();

        cache.unlock("k", "holder");
        try (Scope held = waiter.get(5, TimeUnit.SECONDS)) {
            assertThat(cache.isLocked("k")).isTrue();
        }
        assertThat(cache.isLocked("k")).isFalse();
    }

    @Test
    void anAsyncBoundedWaitFailsWithLockedExceptionOnceItsTimeoutPassed() {
        assertThat(cache.setLock("k", "holder", HOLD)).isTrue();
        CompletableFuture<Scope> waiting = cache.async().lock("k", HOLD, Duration.ofMillis(100));
        ClockWaits.awaitWaiting(clock, 1);
        assertThat(waiting).isNotDone();

        clock.advance(Duration.ofMillis(100));
        assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(LockedException.class);
        assertThat(cache.unlock("k", "holder")).isTrue();
    }

    @Test
    void theHoldersReleaseWakesAWaiterWithoutTheClockMoving() throws Exception {
        Scope holder = cache.lock("k", HOLD);
        Future<Scope> waiter = threads.submit(() -> cache.lock("k", HOLD));
        ClockWaits.awaitWaiting(clock, 1);
        assertThat(waiter.isDone()).isFalse();

        holder.close();
        try (Scope held = waiter.get(5, TimeUnit.SECONDS)) {
            assertThat(cache.isLocked("k")).isTrue();
        }
        assertThat(cache.isLocked("k")).isFalse();
    }

    @Test
    void theHoldersReleaseWakesAnAsyncWaiterWithoutTheClockMoving() throws Exception {
        Scope holder = cache.lock("k", HOLD);
        CompletableFuture<Scope> waiting = cache.async().lock("k", HOLD);
        ClockWaits.awaitWaiting(clock, 1);
        assertThat(waiting).isNotDone();

        holder.close();
        try (Scope held = waiting.get(5, TimeUnit.SECONDS)) {
            assertThat(cache.isLocked("k")).isTrue();
        }
        assertThat(cache.isLocked("k")).isFalse();
    }

    @Test
    void anUnlockThroughTheFacadeWakesAWaiter() throws Exception {
        assertThat(cache.setLock("k", "holder", HOLD)).isTrue();
        Future<Scope> waiter = threads.submit(() -> cache.lock("k", HOLD));
        ClockWaits.awaitWaiting(clock, 1);

        assertThat(cache.async().unlock("k", "holder").get(5, TimeUnit.SECONDS)).isTrue();
        waiter.get(5, TimeUnit.SECONDS).close();
        assertThat(cache.isLocked("k")).isFalse();
    }

    @Test
    void anUnboundedWaitFollowsTheClockUntilTheHoldersLockExpires() throws Exception {
        assertThat(cache.setLock("k", "crashed", Duration.ofSeconds(5))).isTrue();
        Future<Scope> waiter = threads.submit(() -> cache.lock("k", HOLD));
        ClockWaits.awaitWaiting(clock, 1);

        clock.advance(Duration.ofSeconds(5));
        waiter.get(5, TimeUnit.SECONDS).close();
        assertThat(cache.isLocked("k")).isFalse();
    }

    @Test
    void closingAnExpiredLocksScopeNeverReleasesTheNextHolders() {
        Scope first = cache.lock("k", Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        try (Scope second = cache.lock("k", HOLD, Duration.ofSeconds(1))) {
            first.close();
            assertThat(cache.isLocked("k")).as("the second holder's lock").isTrue();
        }
        assertThat(cache.isLocked("k")).isFalse();
    }

    @Test
    void anInterruptedBoundedWaitGivesLockedExceptionAndKeepsTheFlag() {
        assertThat(cache.setLock("k", "holder", HOLD)).isTrue();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> cache.lock("k", HOLD, Duration.ofSeconds(1)))
                    .isInstanceOf(LockedException.class)
                    .hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(cache.unlock("k", "holder")).isTrue();
    }

    @Test
    void aWaitTimeoutMustBePositive() {
        assertThatThrownBy(() -> cache.lock("k", HOLD, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.async().lock("k", HOLD, Duration.ofMillis(-1)).join())
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(cache.isLocked("k")).isFalse();
    }

    @Test
    void aDisabledLockCommandReturnsAnEmptyScopeWithABoundToo() {
        try (Scope off = cache.disabling(Command.LOCK)) {
            assertThat(cache.setLock("k", "holder", HOLD)).isTrue();
            cache.lock("k", HOLD, Duration.ofMillis(1)).close();
        }
        assertThat(cache.unlock("k", "holder")).isTrue();
    }
}
