package io.cashews.spring.boot;

import io.cashews.Cashews;
import java.util.Objects;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The {@code cashews} health contributor: pings every backend of the {@link Cashews} bean, as set
 * up (middlewares and disabled commands do not hide a dead backend). {@code UP} when each answers,
 * {@code DOWN} when one fails or none is set up; the details list each backend with its prefix
 * and either its answer or the error:
 * <pre>
 * {"status": "DOWN", "details": {"backends": [
 *     {"prefix": "sessions", "backend": "RedisBackend[redis://cache:6379/0, …]", "status": "DOWN",
 *      "error": "io.cashews.CacheBackendInteractionException: …"},
 *     {"prefix": "", "backend": "MemoryBackend[…]", "status": "UP", "ping": "PONG"}]}}
 * </pre>
 * A ping waits as long as the backend's own timeouts allow ({@code socket_timeout} for Redis).
 * This one is Boot 3.5's ({@code org.springframework.boot.actuate.health}); on Boot 4 the starter
 * registers {@link CashewsBoot4HealthIndicator}, which reports the same.
 */
public class CashewsHealthIndicator extends AbstractHealthIndicator {

    private final Cashews cache;

    /**
     * Creates the indicator.
     *
     * @param cache the instance whose backends are pinged
     */
    public CashewsHealthIndicator(Cashews cache) {
        super("Cashews health check failed");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        BackendPings pings = BackendPings.of(cache);
        builder.status(pings.status()).withDetails(pings.details());
    }
}
