package io.cashews.time;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** For tests: moves a {@link ManualClock} once the code under test waits on it, instead of sleeping. */
public final class ClockWaits {
    private ClockWaits() {}

    /**
     * Waits (bounded, in real time) until at least {@code count} threads or tasks wait on
     * {@code clock}.
     *
     * @param clock the clock
     * @param count how many waits to expect
     * @throws AssertionError if they never come
     */
    public static void awaitWaiting(ManualClock clock, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (clock.waiting() < count) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("nothing waited on " + clock);
            }
            Thread.onSpinWait();
        }
    }

    /**
     * On another thread: once something waits on {@code clock}, advances it by {@code amount}.
     *
     * @param clock the clock
     * @param amount how far to advance
     * @return completes after the advance, or fails if nothing waited
     */
    public static CompletableFuture<Void> advanceWhenWaiting(ManualClock clock, Duration amount) {
        return CompletableFuture.runAsync(() -> {
            awaitWaiting(clock, 1);
            clock.advance(amount);
        }, runnable -> new Thread(runnable, "clock-advancer").start());
    }
}
