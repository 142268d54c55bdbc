package io.cashews.spring.boot;

import io.cashews.Cashews;
import java.util.Objects;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code cashews} health contributor on Spring Boot 4, where the health types moved to
 * {@code org.springframework.boot.health.contributor} ({@code spring-boot-health}). It reports
 * exactly what {@link CashewsHealthIndicator} reports on Boot 3.5: a ping per backend,
 * {@code UP} when each answers, {@code DOWN} when one fails or none is set up, the backends with
 * their prefix and answer or error in the details. Registered only when Boot 4's
 * {@code HealthIndicator} is on the class path.
 */
public class CashewsBoot4HealthIndicator extends AbstractHealthIndicator {

    private final Cashews pinged;

    /**
     * Creates the indicator.
     *
     * @param cache the instance whose backends are pinged
     */
    public CashewsBoot4HealthIndicator(Cashews cache) {
        super("Cashews health check failed");
        pinged = Objects.requireNonNull(cache, "cache");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        BackendPings pings = BackendPings.of(pinged);
        builder.status(pings.status()).withDetails(pings.details());
    }
}
