package io.cashews;

/**
 * Something opened for the duration of a {@code try}-with-resources block: a thread's disabled
 * commands, a key context value, a held lock. Closing it undoes exactly what opening did.
 */
@FunctionalInterface
public interface Scope extends AutoCloseable {

    /** Ends the scope. Never throws a checked exception; closing twice has no further effect. */
    @Override
    void close();
}
