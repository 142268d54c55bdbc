package io.cashews.sample;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Stands in for a remote weather provider: every call takes a while and is counted. */
final class SlowWeatherService implements WeatherService {
    private final AtomicInteger calls = new AtomicInteger();
    private final long latencyMillis;

    SlowWeatherService(long latencyMillis) {
        this.latencyMillis = latencyMillis;
    }

    @Override
    public Forecast forecast(String city, Unit unit) throws IOException {
        calls.incrementAndGet();
        Latency.pause(latencyMillis);
        if (city.isBlank()) {
            throw new IOException("the provider knows no city without a name");
        }
        double celsius = Math.floorMod(city.toLowerCase(Locale.ROOT).hashCode(), 300) / 10.0;
        double temperature = unit == Unit.CELSIUS ? celsius : celsius * 9 / 5 + 32;
        return new Forecast(city, temperature, unit, celsius > 15 ? "sunny" : "cloudy");
    }

    @Override
    public String providerName() {
        return "slow-weather";
    }

    int calls() {
        return calls.get();
    }
}
