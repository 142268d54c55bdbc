package io.cashews;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a value is stored with a tag, or tags are deleted, and the tag was never registered
 * with {@code registerTag(tag, keyTemplate)}.
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
