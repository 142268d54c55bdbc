package io.cashews.processor.model;

import org.jspecify.annotations.Nullable;

/**
 * A validated {@code @SliceRateLimit}: a sliding window.
 *
 * @param template the key template with its prefix, for diagnostics
 * @param key the window's key
 * @param limit the calls allowed per period
 * @param periodMillis the period
 * @param fallback the method answering refused calls, or {@code null}
 */
public record SliceRateLimitStrategy(String template, KeyPlan key, int limit, long periodMillis,
        @Nullable FallbackPlan fallback) implements Strategy {

    @Override
    public boolean needsArguments() {
        return fallback != null;
    }
}
