package io.cashews.internal;

import io.cashews.time.CacheClock;
import java.util.concurrent.TimeUnit;

/**
 * Wall-clock milliseconds derived from the instance's monotonic {@link CacheClock}: the epoch time
 * when the strategy was built plus the clock's progress since. Stored deadlines ({@code @Early}'s
 * stale time, {@code @Soft}'s soft time) must mean the same to every process sharing a backend,
 * which a monotonic reading does not; deriving them from the instance clock keeps tests on a
 * manual clock exact.
 */
final class WallClock {
    private final CacheClock clock;
    private final long baseMillis;
    private final long baseNanos;

    WallClock(CacheClock clock) {
        this.clock = clock;
        this.baseNanos = clock.nanoTime();
        this.baseMillis = System.currentTimeMillis();
    }

    long millis() {
        return baseMillis + TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - baseNanos);
    }

    long nanoTime() {
        return clock.nanoTime();
    }
}
