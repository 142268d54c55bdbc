package io.cashews.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Waits for an event instead of a pause: until caller threads are parked (waiting on a lock, a latch, a shared computation). */
final class Blocked {
    private Blocked() {}

    /** Waits (bounded) until every recorded thread exists and is parked. */
    @SafeVarargs
    static void await(AtomicReference<Thread>... callers) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!parked(callers)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("callers never blocked");
            }
            Thread.onSpinWait();
        }
    }

    private static boolean parked(AtomicReference<Thread>[] callers) {
        for (AtomicReference<Thread> caller : callers) {
            Thread thread = caller.get();
            if (thread == null) {
                return false;
            }
            Thread.State state = thread.getState();
            if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
                return false;
            }
        }
        return true;
    }
}
