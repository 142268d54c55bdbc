package io.cashews.time;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A monotonic time source for expiry and timing. Only differences between two readings mean
 * anything; the origin is arbitrary, as with {@link System#nanoTime()}.
 */
@FunctionalInterface
public interface CacheClock {

    /**
     * Returns the current reading of this clock.
     *
     * @return nanoseconds since an arbitrary, fixed origin; never decreases
     */
    long nanoTime();

    /**
     * Parks the calling thread until this clock reads at least {@code deadlineNanos}, the thread
     * is {@linkplain LockSupport#unpark unparked} or interrupted, or spuriously, as
     * {@link LockSupport#parkNanos(Object, long)} may; callers re-check their condition in a loop.
     * Lock waits park here, so that a {@link ManualClock} moves them by being advanced.
     *
     * @param blocker what the thread waits for, for thread dumps
     * @param deadlineNanos the reading to wait for
     */
    default void parkUntil(Object blocker, long deadlineNanos) {
        long left = deadlineNanos - nanoTime();
        if (left > 0) {
            LockSupport.parkNanos(blocker, left);
        }
    }

    /**
     * Runs {@code task} on {@code executor} once this clock reads at least {@code deadlineNanos},
     * without blocking a thread meanwhile. Asynchronous lock waits schedule their next attempt
     * here.
     *
     * @param deadlineNanos the reading to wait for; a past one runs the task at once
     * @param executor where the task runs
     * @param task the task
     */
    default void runAt(long deadlineNanos, Executor executor, Runnable task) {
        long left = deadlineNanos - nanoTime();
        if (left > 0) {
            CompletableFuture.delayedExecutor(left, TimeUnit.NANOSECONDS, executor).execute(task);
        } else {
            executor.execute(task);
        }
    }

    /**
     * Returns the clock backed by {@link System#nanoTime()}, read on every call.
     *
     * @return the shared system clock
     */
    static CacheClock system() {
        return SystemClock.INSTANCE;
    }

    /**
     * Returns the default clock of a {@code Cashews} instance: {@link System#nanoTime()} sampled
     * about once a millisecond by a daemon thread, so that reading it costs a memory load instead
     * of a system timer read on every cache hit. Expiry decided with it may therefore happen up to
     * about a millisecond (more if the machine is overloaded) late, never early.
     *
     * @return the shared coarse clock
     */
    static CacheClock coarse() {
        return CoarseClock.INSTANCE;
    }
}
