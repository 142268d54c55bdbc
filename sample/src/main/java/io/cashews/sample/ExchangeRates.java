package io.cashews.sample;

import io.cashews.annotations.Early;
import io.cashews.annotations.Failover;
import io.cashews.annotations.RateLimit;
import java.io.IOException;

/** Exchange rates from an upstream that is slow, sometimes down, and must not be hammered. */
public interface ExchangeRates {

    /**
     * The rate of a currency against the euro. Refreshed in the background once it is a second
     * old, so callers never wait for the upstream while a value exists; when the upstream fails,
     * the last good rate is served for up to an hour.
     */
    @Failover(ttl = "1h", exceptions = IOException.class)
    @Early(ttl = "2s", earlyTtl = "1s", key = "rate:{currency:upper}")
    double rate(String currency) throws IOException;

    /** A quote for an amount; at most three per ten seconds per currency, then {@link #busy}. */
    @RateLimit(limit = 3, period = "10s", key = "quote:{currency:upper}", fallback = "busy")
    String quote(String currency, double amount);

    /** What {@link #quote} answers over its limit. */
    String busy(String currency, double amount);
}
