package io.cashews.time;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link System#nanoTime()} sampled once a millisecond by one daemon thread, so that a reading
 * is a single memory load. {@code System.nanoTime()} costs about as much as a whole cache hit, and
 * a hit must check the entry's deadline; a millisecond of resolution is plenty for cache TTLs.
 *
 * <p>The sampler only runs while the clock is being read: after a burst of samples it parks and
 * publishes {@link #ASLEEP} instead of a reading. The first reader to see that takes an exact
 * {@code System.nanoTime()}, publishes it and wakes the sampler, so an idle JVM pays nothing and a
 * reading is never staler than one resolution step, whatever the clock did while nobody looked.
 * A reader never writes while the sampler is awake, so the hit path stays one load and one
 * compare, without a shared write that would bounce a cache line between cores.
 */
final class CoarseClock implements CacheClock {
    static final long RESOLUTION_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    // At most about 100 ms of samples per wake-up: a busy cache wakes the sampler (a futex call)
    // ten times a second at most. A sampler woken after a long sleep (a periodic purge, one read
    // now and then) starts again with one sample, so occasional reads cost a wake-up each, not a
    // full burst of samples nobody reads.
    static final int DEFAULT_BURST = 100;

    // Woken sooner than this after parking: readers are busy, so the next burst doubles.
    static final long BUSY_NANOS = 10 * RESOLUTION_NANOS;

    // Never a real reading: System.nanoTime() would have to run for 292 years to reach it.
    static final long ASLEEP = Long.MIN_VALUE;

    // Started on first use, never stopped: one daemon thread per JVM, parked while nobody reads.
    static final CoarseClock INSTANCE = new CoarseClock(DEFAULT_BURST, "cashews-clock");

    private final int maxBurst;
    private final Thread sampler;
    // A reading, or ASLEEP. Written by the sampler while it runs; while it is parked, only under
    // this object's monitor, by the reader that wakes it. The monitor is taken only on those rare
    // transitions, never on the hit path.
    private volatile long now;

    // burst: the most samples taken per wake-up.
    CoarseClock(int burst, String threadName) {
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, got " + burst);
        }
        this.maxBurst = burst;
        this.now = System.nanoTime();
        this.sampler = new Thread(this::sample, threadName);
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        int burst = maxBurst;
        while (true) {
            for (int i = 0; i < burst; i++) {
                LockSupport.parkNanos(RESOLUTION_NANOS);
                long reading = System.nanoTime();
                // The waking reader may have published a reading taken after ours: keep the later.
                if (reading - now > 0) {
                    now = reading;
                }
            }
            long parked = System.nanoTime();
            synchronized (this) {
                now = ASLEEP;
            }
            // Parks until a reader swaps ASLEEP for a reading and unparks; a spurious return with
            // ASLEEP still published parks again. An unpark that came first is kept as the
            // thread's permit, so no wake-up is lost.
            while (now == ASLEEP) {
                LockSupport.park(this);
            }
            burst = System.nanoTime() - parked < BUSY_NANOS ? Math.min(burst * 2, maxBurst) : 1;
        }
    }

    @Override
    public long nanoTime() {
        long reading = now;
        return reading != ASLEEP ? reading : wake();
    }

    // Off the hit path: the first read after an idle spell.
    private synchronized long wake() {
        long reading = now;
        if (reading == ASLEEP) {
            reading = System.nanoTime();
            now = reading;
            LockSupport.unpark(sampler);
        }
        // Otherwise another reader woke it first, with a reading taken before the sampler's next.
        return reading;
    }

    /** Tells whether the sampler is parked for want of readers; for tests. */
    boolean asleep() {
        return now == ASLEEP;
    }

    @Override
    public String toString() {
        return "CacheClock.coarse()";
    }
}
