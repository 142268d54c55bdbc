package io.cashews.processor.model;

import org.jspecify.annotations.Nullable;

/**
 * A validated {@code @RateLimit}: a fixed window.
 *
 * @param template the key template with its prefix, for diagnostics
 * @param key the counter's key
 * @param limit the calls allowed per period
 * @param periodMillis the period
 * @param banMillis how long a caller over the limit is refused, {@code 0} for no ban
 * @param fallback the method answering refused calls, or {@code null}
 */
public record RateLimitStrategy(String template, KeyPlan key, int limit, long periodMillis, long banMillis,
        @Nullable FallbackPlan fallback) implements Strategy {

    @Override
    public boolean needsArguments() {
        return fallback != null;
    }
}
