package io.cashews.sample.boot;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Boot sample: {@code cashews.*} in application.properties configure the cache; the forecast
 * service is injected by its interface as its generated proxy; prices use {@code @Cacheable}; the
 * ETag and Cache-Control filters answer repeated requests. Run with
 * {@code mvn -q -pl sample-boot -am spring-boot:run} (mem:// unless {@code CASHEWS_URL} is set). With
 * the {@code scenes} profile it plays the core sample's scenes instead ({@link SampleScenes}) and exits.
 */
@SpringBootApplication
@EnableCaching
public class BootSampleApplication {

    /**
     * Starts the application.
     *
     * @param args Spring Boot's arguments
     */
    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(BootSampleApplication.class, args);
        // Without a web server (the scenes profile) nothing is left to serve once the runners are done.
        if (!(context instanceof WebServerApplicationContext)) {
            System.exit(SpringApplication.exit(context));
        }
    }

    /**
     * The forecasts. The bean is the uncached source; the starter replaces it by
     * {@code ForecastService_Cached} around it ({@code cashews.proxies.auto}, on by default), so
     * whatever asks for a {@link ForecastService} gets the cached one.
     */
    @Bean
    ForecastService forecastService() {
        return new SlowForecasts();
    }

    /** The HTTP API; counts the requests that reached a handler. */
    @RestController
    static class Api {
        private final ForecastService forecasts;
        private final PriceService prices;
        private final AtomicInteger handled = new AtomicInteger();

        Api(ForecastService forecasts, PriceService prices) {
            this.forecasts = forecasts;
            this.prices = prices;
        }

        @GetMapping("/forecast/{city}")
        String forecast(@PathVariable("city") String city) {
            handled.incrementAndGet();
            return forecasts.forecast(city);
        }

        @GetMapping("/price/{item}")
        String price(@PathVariable("item") String item) {
            handled.incrementAndGet();
            return prices.price(item);
        }

        /** How many requests a handler ran for (a 304 of the ETag filter runs none). */
        int handled() {
            return handled.get();
        }
    }
}
