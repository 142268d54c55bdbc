package io.cashews.sample.boot4;

import io.cashews.annotations.Cache;

/** Forecasts, cached by Cashews' own annotation: the processor writes {@code ForecastService_Cached}. */
public interface ForecastService {

    /**
     * The forecast for a city, kept ten minutes.
     *
     * @param city the city
     * @return its forecast
     */
    @Cache(ttl = "10m", key = "forecast:{city}")
    String forecast(String city);
}
