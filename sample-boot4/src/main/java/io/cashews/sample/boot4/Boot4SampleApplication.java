package io.cashews.sample.boot4;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Boot 4 sample, the twin of sample-boot's application on the other Boot line: {@code cashews.*}
 * in application.properties configure the cache; the forecast service is injected by its
 * interface as its generated proxy; prices use {@code @Cacheable}; the ETag and Cache-Control
 * filters answer repeated requests; the actuator serves the {@code cashews} health contributor
 * and endpoint. Run with
 * {@code mvn -q -B -DskipTests -pl sample-boot4 -am package && java -jar sample-boot4/target/cashews-sample-boot4-0.1.0-SNAPSHOT.jar}
 * (mem:// unless {@code CASHEWS_URL} is set).
 */
@SpringBootApplication
@EnableCaching
public class Boot4SampleApplication {

    /**
     * Starts the application.
     *
     * @param args Spring Boot's arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(Boot4SampleApplication.class, args);
    }

    /**
     * The forecasts. The bean is the uncached source; the starter replaces it by
     * {@code ForecastService_Cached} around it ({@code cashews.proxies.auto}, on by default), so
     * whatever asks for a {@link ForecastService} gets the cached one.
     *
     * @return the source
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
