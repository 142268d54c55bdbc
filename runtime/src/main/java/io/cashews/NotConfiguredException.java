package io.cashews;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a command on a {@link Cashews} instance that has no backend for the key: the
 * instance was never {@link Cashews#setup(String) set up} (for example
 * {@link Cashews#defaultCache()} before its {@code setup}), or no backend prefix matches the key
 * and there is no default ({@code ""}) backend.
 */
public final class NotConfiguredException extends CacheException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what happened, naming the key or setting involved
     */
    public NotConfiguredException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and the failure that caused it.
     *
     * @param message what happened, naming the key or setting involved
     * @param cause the underlying failure, or {@code null}
     */
    public NotConfiguredException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
