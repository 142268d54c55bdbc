package io.cashews.base;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.time.ManualClock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class LockWaitTest {

    /**
     * What hung {@code RedisTransactionContractTest.fourConcurrentTransactions[LOCKED]} now and
     * then: the holder released while the waiter's attempt was itself waiting for Redis' answer,
     * which took the unpark meant for the pause; the waiter then paused on a manual clock that
     * nobody advanced, for ever. A release during an attempt now makes the next attempt start at
     * once.
     */
    @Test
    void aReleaseWhoseWakeTheAttemptSwallowedStillEndsThePause() throws Exception {
        ManualClock clock = new ManualClock();
        LockWait wait = new LockWait(clock, Runnable::run, TimeUnit.SECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(1),
                TimeUnit.HOURS.toNanos(1));
        AtomicInteger attempts = new AtomicInteger();
        ExecutorService waiter = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<String> got = CompletableFuture.supplyAsync(() -> wait.await("lock:swallowed", () -> {
                int attempt = attempts.incrementAndGet();
                if (attempt == 2) {
                    // the holder releases while this attempt waits for its answer, and the
                    // waiting takes the park permit the release gave (as a future's get does)
                    LockWait.released("lock:swallowed");
                    LockSupport.parkNanos(1);
                }
                return attempt >= 3 ? "taken" : null;
            }, ending -> new IllegalStateException(ending.name())), waiter);

            // no clock advance: only the release may end the wait
            assertThat(got.get(10, TimeUnit.SECONDS)).isEqualTo("taken");
            assertThat(attempts).hasValue(3);
        } finally {
            waiter.shutdownNow();
        }
    }
}
