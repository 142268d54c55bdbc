package io.cashews.time;

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
     * Returns the clock backed by {@link System#nanoTime()}.
     *
     * @return the shared system clock
     */
    static CacheClock system() {
        return SystemClock.INSTANCE;
    }
}
