package io.cashews.spring.boot;

import io.cashews.Cashews;
import io.cashews.spi.Backend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the {@code cashews} health contributor reports, whichever Boot line's health types carry it:
 * one ping per backend of the instance, as set up (middlewares and disabled commands do not hide a
 * dead backend). {@link CashewsHealthIndicator} (Boot 3.5) and {@link CashewsBoot4HealthIndicator}
 * (Boot 4) only copy the result into their line's {@code Health.Builder}.
 *
 * @param up whether every backend answered (and there is at least one)
 * @param details the details: {@code backends}, and {@code error} when none is set up
 */
record BackendPings(boolean up, Map<String, Object> details) {

    /** The status name for {@link #up()}, as both lines' {@code Status} codes spell it. */
    String status() {
        return up ? "UP" : "DOWN";
    }

    /**
     * Pings every backend once.
     *
     * @param cache the instance
     * @return the result, each backend with its prefix and either its answer or the error
     */
    static BackendPings of(Cashews cache) {
        Map<String, Backend> backends = cache.backends();
        List<Map<String, Object>> listed = new ArrayList<>();
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
            listed.add(detail);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("backends", listed);
        if (backends.isEmpty()) {
            details.put("error", "no backend is set up");
        }
        return new BackendPings(up, details);
    }
}
