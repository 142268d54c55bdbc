package io.cashews.sample;

/** Simulated network latency of the demo's "remote" services. */
final class Latency {
    private Latency() {}

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
