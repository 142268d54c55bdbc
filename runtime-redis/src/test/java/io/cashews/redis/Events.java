package io.cashews.redis;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting for something a server pushes (invalidations, tracking, topology): an event, not a pause. */
final class Events {

    private Events() {
    }

    /**
     * Waits until a condition holds.
     *
     * @param what names the event in the failure message
     * @param condition checked every millisecond
     * @throws AssertionError after 60 s, generous because a loaded machine may be slow to deliver,
     *     but the event must come
     */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            // Park instead of spinning: the event loops that deliver the event need the CPU.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
