package io.cashews.sample;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Stands in for the rates upstream: every answer is a little different, and it can be switched off. */
final class FlakyRates implements ExchangeRates {
    private final AtomicInteger calls = new AtomicInteger();
    private final long latencyMillis;
    private volatile boolean down;

    FlakyRates(long latencyMillis) {
        this.latencyMillis = latencyMillis;
    }

    @Override
    public double rate(String currency) throws IOException {
        int call = calls.incrementAndGet();
        Latency.pause(latencyMillis);
        if (down) {
            throw new IOException("rates upstream unreachable");
        }
        return 1.0 + Math.floorMod(currency.toUpperCase(Locale.ROOT).hashCode(), 50) / 100.0 + call / 1000.0;
    }

    @Override
    public String quote(String currency, double amount) {
        calls.incrementAndGet();
        return String.format(Locale.ROOT, "%.2f EUR = %.2f %s", amount, amount * 1.1, currency);
    }

    @Override
    public String busy(String currency, double amount) {
        return "too many quotes for " + currency + ", try again in a few seconds";
    }

    void setDown(boolean down) {
        this.down = down;
    }

    int calls() {
        return calls.get();
    }
}
