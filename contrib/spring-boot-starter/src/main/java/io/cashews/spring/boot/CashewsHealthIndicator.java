package io.cashews.spring.boot;

import io.cashews.Cashews;
import io.cashews.spi.Backend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        Map<String, Backend> backends = cache.backends();
        List<Map<String, Object>> details = new ArrayList<>();
        boolean up = !backends.isEmpty();
        for (Map.Entry<String, Backend> entry : backends.entrySet()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("prefix", entry.getKey());
            detail.put("backend", entry.getValue().toString());
            try {
                String answer = entry.getValue().ping();
                detail.put("status", "UP");
                detail.put("ping", String.valueOf(answer));
            } catch (RuntimeException e) {
                up = false;
                detail.put("status", "DOWN");
                detail.put("error", e.getClass().getName() + ": " + e.getMessage());
            }
            details.add(detail);
        }
        builder.status(up ? "UP" : "DOWN").withDetail("backends", details);
        if (backends.isEmpty()) {
            builder.withDetail("error", "no backend is set up");
        }
    }
}
