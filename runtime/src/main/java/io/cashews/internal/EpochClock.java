package io.cashews.internal;

import io.cashews.time.CacheClock;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Epoch milliseconds that follow an instance's {@link CacheClock}: the wall time when a clock was
 * first seen here, moved on by that clock's readings since. Sliding windows, breaker periods and
 * stored deadlines ({@code @Early}'s stale time, {@code @Soft}'s soft time) need wall time because
 * they are shared with other processes through the backend; reading it through the instance
 * clock keeps them testable with a {@code ManualClock}. Every strategy on
 * one clock shares one anchor, so that two proxies on one instance agree on "now" to the
 * millisecond however far apart they were built.
 */
final class EpochClock {
    private static final Map<CacheClock, EpochClock> ANCHORS = Collections.synchronizedMap(new WeakHashMap<>());

    private final CacheClock clock;
    private final long anchorMillis;
    private final long anchorNanos;

    private EpochClock(CacheClock clock) {
        this.clock = clock;
        this.anchorNanos = clock.nanoTime();
        this.anchorMillis = System.currentTimeMillis();
    }

    /** The epoch clock that follows {@code clock}; one per clock. */
    static EpochClock of(CacheClock clock) {
        return ANCHORS.computeIfAbsent(clock, EpochClock::new);
    }

    /** Now, in epoch milliseconds; as coarse as the clock behind it (the default ticks about every millisecond). */
    long millis() {
        return anchorMillis + Math.floorDiv(clock.nanoTime() - anchorNanos, 1_000_000L);
    }

    /** The monotonic reading of the clock behind it, for durations measured inside this process. */
    long nanoTime() {
        return clock.nanoTime();
    }
}
