package io.cashews;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a method under {@code @RateLimit} or {@code @SliceRateLimit} when the call would
 * exceed the limit of its window (or while the caller is banned) and no fallback method is set.
 */
public final class RateLimitException extends CacheException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what happened, naming the key or setting involved
     */
    public RateLimitException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and the failure that caused it.
     *
     * @param message what happened, naming the key or setting involved
     * @param cause the underlying failure, or {@code null}
     */
    public RateLimitException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
