package io.cashews.sample.boot4;

import java.util.concurrent.atomic.AtomicInteger;

/** The uncached source: counts its calls (a real one would ask a weather service). */
public class SlowForecasts implements ForecastService {

    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public String forecast(String city) {
        calls.incrementAndGet();
        return "sunny in " + city;
    }

    /**
     * How often the source was asked.
     *
     * @return the number of calls
     */
    public int calls() {
        return calls.get();
    }
}
