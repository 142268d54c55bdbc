package io.cashews;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a read from a backend set up with a {@code secret} when the stored value carries a
 * wrong signature or names an unknown digest: the value was tampered with or copied from another
 * key, and it is never returned as data.
 */
public final class UnsecureDataException extends CacheException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what happened, naming the key or setting involved
     */
    public UnsecureDataException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and the failure that caused it.
     *
     * @param message what happened, naming the key or setting involved
     * @param cause the underlying failure, or {@code null}
     */
    public UnsecureDataException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
