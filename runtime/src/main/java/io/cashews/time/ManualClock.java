package io.cashews.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * A clock that moves only when told to, for tests: pass it to
 * {@code Cashews.builder().clock(clock)} and call {@link #advance(Duration)} to let entries expire
 * without sleeping. Safe to read and advance from several threads. Waits on it (lock waits, see
 * {@link #parkUntil} and {@link #runAt}) end when an advance reaches their deadline, never by
 * real time passing.
 */
public final class ManualClock implements CacheClock {

    // Not zero, so that code which treats 0 as "unset" is not accidentally exercised.
    private static final long ORIGIN = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(ORIGIN);
    // Parked threads and scheduled tasks, earliest deadline first; guarded by itself.
    private final PriorityQueue<Waiter> waiters = new PriorityQueue<>();
    private long nextOrder;

    /** Creates a clock standing at an arbitrary fixed origin. */
    public ManualClock() {
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    /**
     * Moves the clock forward.
     *
     * @param amount how far to move; zero is allowed
     * @throws IllegalArgumentException if {@code amount} is negative (time never goes back)
     * @throws NullPointerException if {@code amount} is null
     */
    public void advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a ManualClock cannot go back in time: " + amount);
        }
        long reached = now.addAndGet(amount.toNanos());
        List<Waiter> due = new ArrayList<>();
        synchronized (waiters) {
            while (!waiters.isEmpty() && waiters.peek().deadline - reached <= 0) {
                due.add(waiters.poll());
            }
        }
        due.forEach(Waiter::wake);
    }

    /**
     * Parks the calling thread until an {@link #advance} reaches {@code deadlineNanos}, the
     * thread is unparked or interrupted; never by real time passing.
     */
    @Override
    public void parkUntil(Object blocker, long deadlineNanos) {
        Waiter waiter = new Waiter(deadlineNanos, Thread.currentThread(), null, null);
        // Checked and queued under the queue's lock, which advance takes after moving the
        // reading: either this sees the new reading or advance sees this waiter.
        if (!enqueue(waiter)) {
            return;
        }
        try {
            LockSupport.park(blocker);
        } finally {
            synchronized (waiters) {
                waiters.remove(waiter);
            }
        }
    }

    /** Runs {@code task} on {@code executor} when an {@link #advance} reaches {@code deadlineNanos}. */
    @Override
    public void runAt(long deadlineNanos, Executor executor, Runnable task) {
        Waiter waiter = new Waiter(deadlineNanos, null, executor, task);
        if (!enqueue(waiter)) {
            waiter.wake();
        }
    }

    /**
     * Returns how many parked threads and scheduled tasks wait for a later reading, so that a
     * test can advance the clock once the code under test waits.
     *
     * @return the number of waits not yet reached by an advance
     */
    public int waiting() {
        synchronized (waiters) {
            return waiters.size();
        }
    }

    /**
     * Waits, in real time, until at least {@code count} parked threads and scheduled tasks wait
     * for a later reading: the latch a test needs before it advances the clock past code that is
     * about to wait, instead of polling {@link #waiting()}.
     *
     * @param count how many waits to wait for
     * @param timeout how long to wait at most, in real time
     * @return {@code true} once that many wait; {@code false} if the timeout passed first
     * @throws InterruptedException if the calling thread is interrupted
     */
    public boolean awaitWaiting(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (waiters) {
            while (waiters.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(waiters, left);
            }
            return true;
        }
    }

    /** Queues {@code waiter} unless its deadline is reached already; tells whether it was queued. */
    private boolean enqueue(Waiter waiter) {
        synchronized (waiters) {
            if (waiter.deadline - now.get() <= 0) {
                return false;
            }
            waiter.order = nextOrder++;
            waiters.add(waiter);
            waiters.notifyAll();
            return true;
        }
    }

    @Override
    public String toString() {
        return "ManualClock[" + Duration.ofNanos(now.get() - ORIGIN) + " since start]";
    }

    /** A parked thread or a scheduled task; the same deadlines wake in the order they were queued. */
    private static final class Waiter implements Comparable<Waiter> {
        final long deadline;
        final @Nullable Thread thread;
        final @Nullable Executor executor;
        final @Nullable Runnable task;
        long order;

        Waiter(long deadline, @Nullable Thread thread, @Nullable Executor executor, @Nullable Runnable task) {
            this.deadline = deadline;
            this.thread = thread;
            this.executor = executor;
            this.task = task;
        }

        void wake() {
            if (thread != null) {
                LockSupport.unpark(thread);
                return;
            }
            Runnable run = Objects.requireNonNull(task);
            try {
                Objects.requireNonNull(executor).execute(run);
            } catch (RuntimeException rejected) {
                // An executor that was shut down: late beats never.
                run.run();
            }
        }

        @Override
        public int compareTo(Waiter other) {
            int byDeadline = Long.compare(deadline - other.deadline, 0);
            return byDeadline != 0 ? byDeadline : Long.compare(order, other.order);
        }
    }
}
