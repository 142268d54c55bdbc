package io.cashews;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception Cashews throws. All of them are unchecked, so a cached method's
 * signature never has to change because it is cached.
 */
public class CacheException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what happened, naming the key or setting involved
     */
    public CacheException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and the failure that caused it.
     *
     * @param message what happened, naming the key or setting involved
     * @param cause the underlying failure, or {@code null}
     */
    public CacheException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
