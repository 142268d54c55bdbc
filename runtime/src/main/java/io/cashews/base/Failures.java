package io.cashews.base;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Exception helpers shared by the runtime's packages; not for applications. */
public final class Failures {
    private Failures() {}

    /**
     * Strips the wrappers that futures add, so callers see the original exception.
     *
     * @param error a failure, possibly a {@link CompletionException} or {@link ExecutionException}
     * @return the innermost cause below those wrappers, or {@code error} itself
     */
    public static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
