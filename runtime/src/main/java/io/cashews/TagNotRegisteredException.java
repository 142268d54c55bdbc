package io.cashews;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a value is stored with a tag ({@code set(key, value, ttl, tags...)}) that was not
 * registered, with {@code registerTag(tag, keyTemplate)}, for a key template matching the key;
 * nothing is written then. Deleting an unknown tag is no error.
 */
public final class TagNotRegisteredException extends CacheException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what happened, naming the key or setting involved
     */
    public TagNotRegisteredException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and the failure that caused it.
     *
     * @param message what happened, naming the key or setting involved
     * @param cause the underlying failure, or {@code null}
     */
    public TagNotRegisteredException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
