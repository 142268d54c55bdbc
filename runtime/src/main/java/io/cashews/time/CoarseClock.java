package io.cashews.time;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link System#nanoTime()} sampled once a millisecond by one daemon thread, so that a reading
 * is a single memory load. {@code System.nanoTime()} costs about as much as a whole cache hit, and
 * a hit must check the entry's deadline; a millisecond of resolution is plenty for cache TTLs.
 */
final class CoarseClock implements CacheClock {
    static final long RESOLUTION_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    // Started on first use, never stopped: one daemon thread per JVM, asleep between samples.
    static final CoarseClock INSTANCE = new CoarseClock();

    private volatile long now = System.nanoTime();

    private CoarseClock() {
        Thread sampler = new Thread(this::sample, "cashews-clock");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (true) {
            LockSupport.parkNanos(RESOLUTION_NANOS);
            now = System.nanoTime();
        }
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public String toString() {
        return "CacheClock.coarse()";
    }
}
