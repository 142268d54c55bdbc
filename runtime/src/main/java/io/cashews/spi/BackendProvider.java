package io.cashews.spi;

import java.util.Set;

/**
 * Creates backends for one or more URL schemes. Implementations are public classes with a public
 * no-argument constructor, listed in {@code META-INF/services/io.cashews.spi.BackendProvider}
 * and found with {@link java.util.ServiceLoader} (which native images support without extra
 * configuration), or passed to {@code Cashews.builder().provider(…)}.
 */
public interface BackendProvider {

    /**
     * Returns the URL schemes this provider serves.
     *
     * @return lower-case schemes, for example {@code Set.of("redis", "rediss")}
     */
    Set<String> schemes();

    /**
     * Returns the option names this provider understands, besides the facade's common ones
     * ({@code enable}, {@code disable}). Any other option fails the setup before
     * {@link #create(BackendContext)} is called.
     *
     * @return snake_case option names
     */
    Set<String> optionNames();

    /**
     * Creates a backend.
     *
     * @param context the URL, options, clock, executor and prefix
     * @return a ready backend
     * @throws IllegalArgumentException if an option is ill-typed or out of range, naming it
     */
    Backend create(BackendContext context);
}
