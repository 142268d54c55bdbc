package io.cashews;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a backend fails to execute a command (connection lost, timeout, I/O error) and the
 * backend was set up with {@code suppress=false}. With {@code suppress=true} (the default of the
 * remote backends) such failures turn reads into misses and writes into {@code false} instead.
 */
public final class CacheBackendInteractionException extends CacheException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what happened, naming the key or setting involved
     */
    public CacheBackendInteractionException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and the failure that caused it.
     *
     * @param message what happened, naming the key or setting involved
     * @param cause the underlying failure, or {@code null}
     */
    public CacheBackendInteractionException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
