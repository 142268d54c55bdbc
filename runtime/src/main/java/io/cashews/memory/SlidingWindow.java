package io.cashews.memory;

import java.util.Arrays;

/**
 * The value of a {@code sliceIncr} key in the memory backend: the recorded timestamps, sorted
 * ascending. Immutable, so that a {@code compute} on the map replaces it atomically. Equal
 * timestamps are kept as separate entries: every call counts.
 */
final class SlidingWindow {
    static final SlidingWindow EMPTY = new SlidingWindow(new long[0]);

    private final long[] stamps;

    private SlidingWindow(long[] stamps) {
        this.stamps = stamps;
    }

    int size() {
        return stamps.length;
    }

    /** The window without the timestamps at or before {@code startMillis}. */
    SlidingWindow after(long startMillis) {
        int first = 0;
        while (first < stamps.length && stamps[first] <= startMillis) {
            first++;
        }
        return first == 0 ? this : new SlidingWindow(Arrays.copyOfRange(stamps, first, stamps.length));
    }

    /** The window with one more timestamp, kept in order (other processes may record out of order). */
    SlidingWindow with(long stamp) {
        int at = stamps.length;
        while (at > 0 && stamps[at - 1] > stamp) {
            at--;
        }
        long[] next = new long[stamps.length + 1];
        System.arraycopy(stamps, 0, next, 0, at);
        next[at] = stamp;
        System.arraycopy(stamps, at, next, at + 1, stamps.length - at);
        return new SlidingWindow(next);
    }

    @Override
    public String toString() {
        return "SlidingWindow" + Arrays.toString(stamps);
    }
}
