package io.cashews.internal;

import org.jspecify.annotations.Nullable;

/**
 * For generated code: the call to the delegate of a synchronous cached method, made only on a
 * miss. Generic in the exception type so that a method's single checked exception passes through
 * {@link CacheMethod#load} unchanged and without wrapping.
 *
 * @param <T> the method's result type
 * @param <E> the checked exception the method declares ({@code RuntimeException} when none)
 */
@FunctionalInterface
public interface Loader<T extends @Nullable Object, E extends Exception> {

    /**
     * Calls the delegate.
     *
     * @return the delegate's result; may be {@code null}
     * @throws E whatever the delegate throws
     */
    T load() throws E;
}
