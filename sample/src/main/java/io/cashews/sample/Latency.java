package io.cashews.sample;

/** Simulated network latency of the demo's "remote" services, and the demo's real-time pauses. */
public final class Latency {
    private Latency() {}

    /**
     * Sleeps; an interrupt ends the sleep early and stays set.
     *
     * @param millis how long
     */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
