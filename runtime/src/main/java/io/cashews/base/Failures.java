package io.cashews.base;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

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

    /**
     * Runs {@code action} on every item, also after one failed (closing or releasing them all),
     * then throws the first failure with the later ones suppressed in it.
     *
     * @param items the items, in order
     * @param action what to do with each
     * @param <T> the item type
     * @throws RuntimeException the first failure of {@code action}, after every item had its turn
     */
    public static <T> void forEach(Iterable<? extends T> items, Consumer<? super T> action) {
        RuntimeException failure = null;
        for (T item : items) {
            try {
                action.accept(item);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
