package io.cashews.time;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told to, for tests: pass it to
 * {@code Cashews.builder().clock(clock)} and call {@link #advance(Duration)} to let entries expire
 * without sleeping. Safe to read and advance from several threads.
 */
public final class ManualClock implements CacheClock {

    // Not zero, so that code which treats 0 as "unset" is not accidentally exercised.
    private static final long ORIGIN = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(ORIGIN);

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
        now.addAndGet(amount.toNanos());
    }

    @Override
    public String toString() {
        return "ManualClock[" + Duration.ofNanos(now.get() - ORIGIN) + " since start]";
    }
}
