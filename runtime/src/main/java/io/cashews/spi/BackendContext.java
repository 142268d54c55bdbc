package io.cashews.spi;

import io.cashews.time.CacheClock;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Everything a {@link BackendProvider} gets to create a backend.
 *
 * @param url the parsed URL given to {@code setup}
 * @param options the URL's options merged with the map given to {@code setup}; the common options
 *     ({@code enable}, {@code disable}) are handled by the facade but still present
 * @param clock the instance's clock: every expiry and timeout must read it
 * @param executor the instance's executor for background and blocking work
 * @param prefix the key prefix this backend serves ({@code ""} for the default backend)
 */
public record BackendContext(CacheUrl url, Options options, CacheClock clock, Executor executor, String prefix) {

    /**
     * Checks that no component is null.
     *
     * @param url the parsed URL
     * @param options the merged options
     * @param clock the instance's clock
     * @param executor the instance's executor
     * @param prefix the key prefix served
     * @throws NullPointerException if a component is null
     */
    public BackendContext {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(prefix, "prefix");
    }
}
