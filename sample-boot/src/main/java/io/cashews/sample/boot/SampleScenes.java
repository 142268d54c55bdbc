package io.cashews.sample.boot;

import io.cashews.Cashews;
import io.cashews.sample.Catalog;
import io.cashews.sample.ExchangeRates;
import io.cashews.sample.Latency;
import io.cashews.sample.SampleApp;
import io.cashews.sample.SampleSources;
import io.cashews.sample.UserDirectory;
import io.cashews.sample.WeatherService;
import java.io.PrintStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The core sample's scenes (module {@code sample}) played by this Boot application with the
 * {@code scenes} profile. The sample's four services are beans here; the starter replaces each by
 * its generated proxy ({@code cashews.proxies.auto}), so the runner is handed the cached services
 * by their interfaces, as any other bean would be, and plays the scenes on the {@code Cashews}
 * bean of {@code cashews.url}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("scenes")
class SampleScenes implements DisposableBean {

    /**
     * How the scenes run; the default is real time on standard output.
     *
     * @param out where the scenes print
     * @param latencyMillis the latency of each simulated remote call
     * @param pause lets the given milliseconds pass
     */
    record Settings(PrintStream out, long latencyMillis, LongConsumer pause) {

        static Settings realTime() {
            return new Settings(System.out, SampleApp.SERVICE_LATENCY_MILLIS, Latency::pause);
        }
    }

    // where the simulated remote directory completes its answers
    private final ExecutorService remote = Executors.newFixedThreadPool(2);

    @Bean
    SampleSources sampleSources(ObjectProvider<Settings> settings) {
        return new SampleSources(settings.getIfAvailable(Settings::realTime).latencyMillis(), remote);
    }

    // The uncached services as beans; each becomes its proxy around it.
    @Bean
    WeatherService sampleWeather(SampleSources sources) {
        return sources.weather();
    }

    @Bean
    UserDirectory sampleDirectory(SampleSources sources) {
        return sources.directory();
    }

    @Bean
    ExchangeRates sampleRates(SampleSources sources) {
        return sources.rates();
    }

    @Bean
    Catalog sampleCatalog(SampleSources sources) {
        return sources.catalog();
    }

    @Bean
    ApplicationRunner sampleScenesRunner(Cashews cache, @Value("${cashews.url:mem://}") String url,
            SampleSources sources, WeatherService weather, UserDirectory directory, ExchangeRates rates,
            Catalog catalog, ObjectProvider<Settings> settings) {
        Settings how = settings.getIfAvailable(Settings::realTime);
        return arguments -> new SampleApp(how.out(), how.latencyMillis(), how.pause())
                .run(cache, url, sources, new SampleApp.Services(weather, directory, rates, catalog));
    }

    @Override
    public void destroy() {
        remote.shutdownNow();
    }
}
