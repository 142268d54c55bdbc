package io.cashews;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a method under {@code @CircuitBreaker} while the breaker is open (the error rate
 * reached the threshold) and no fallback method is set; the delegate is not called.
 */
public final class CircuitBreakerOpenException extends CacheException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what happened, naming the key or setting involved
     */
    public CircuitBreakerOpenException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and the failure that caused it.
     *
     * @param message what happened, naming the key or setting involved
     * @param cause the underlying failure, or {@code null}
     */
    public CircuitBreakerOpenException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
