package io.cashews;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a lock cannot be taken: a method under {@code @Locked(wait = false)} finds the
 * key locked, a lock wait is interrupted or times out, or a locked transaction cannot acquire its
 * write locks in time.
 */
public final class LockedException extends CacheException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message.
     *
     * @param message what happened, naming the key or setting involved
     */
    public LockedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a message and the failure that caused it.
     *
     * @param message what happened, naming the key or setting involved
     * @param cause the underlying failure, or {@code null}
     */
    public LockedException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
