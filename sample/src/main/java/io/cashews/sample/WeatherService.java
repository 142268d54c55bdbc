package io.cashews.sample;

import io.cashews.annotations.Cache;
import java.io.IOException;

/** A blocking service whose answers are worth caching for a few minutes. */
public interface WeatherService {

    /**
     * The forecast for a city; the key ignores the case of the city name, so "Berlin" and
     * "BERLIN" share one entry.
     */
    @Cache(ttl = "10m", key = "weather:{city:lower}:{unit}")
    Forecast forecast(String city, Unit unit) throws IOException;

    /** Not annotated: always reaches the provider. */
    String providerName();
}
