package io.cashews.sample;

import java.util.concurrent.Executor;

/**
 * The demo's four uncached services. Each counts its calls, which is how the demo tells a cache
 * hit from a call that reached the service. Wrap them in their generated proxies by hand
 * ({@link SampleApp.Services#proxied}) or let a container do it (the Boot sample declares them
 * as beans, and the starter replaces each by its proxy).
 */
public final class SampleSources {
    final SlowWeatherService weather;
    final RemoteUserDirectory directory;
    final FlakyRates rates;
    final InMemoryCatalog catalog;

    /**
     * Creates the services.
     *
     * @param latencyMillis how long each simulated remote call takes
     * @param remote where the asynchronous user directory completes its answers
     */
    public SampleSources(long latencyMillis, Executor remote) {
        weather = new SlowWeatherService(latencyMillis);
        directory = new RemoteUserDirectory(remote, latencyMillis);
        rates = new FlakyRates(latencyMillis);
        catalog = new InMemoryCatalog(latencyMillis);
    }

    /** @return the blocking weather service */
    public WeatherService weather() {
        return weather;
    }

    /** @return the asynchronous user directory */
    public UserDirectory directory() {
        return directory;
    }

    /** @return the flaky exchange-rates upstream */
    public ExchangeRates rates() {
        return rates;
    }

    /** @return the catalog */
    public Catalog catalog() {
        return catalog;
    }

    /** @return how many calls reached the weather service, the directory and the rates upstream */
    public int calls() {
        return weather.calls() + directory.calls() + rates.calls();
    }
}
