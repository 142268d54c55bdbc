package io.cashews.time;

/** The real clock; an enum so that there is exactly one and it can be compared by identity. */
enum SystemClock implements CacheClock {
    INSTANCE;

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public String toString() {
        return "CacheClock.system()";
    }
}
