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
