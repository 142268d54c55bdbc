package io.cashews;

import org.jspecify.annotations.Nullable;

/**
 * Receives the {@link CacheEvent}s of one {@link Cashews} instance: what its strategies and its
 * facade commands did. Installed with {@link Cashews#addListener(CacheEventListener)} or
 * {@link Cashews.Builder#listener(CacheEventListener)}.
 *
 * <p>A listener runs on the thread that made the event happen (the caller of a proxied method, or
 * the thread that completes an asynchronous call or runs a background refresh), inside that call:
 * it must be quick and must not block. One that throws is logged once (at {@code WARNING}, later
 * failures at {@code DEBUG}) and never changes the call's result. Implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface CacheEventListener {

    /**
     * Called once per event.
     *
     * @param event what happened; immutable, may be kept
     */
    void onEvent(CacheEvent event);

    /**
     * Called once per event with its fields; by default builds the {@link CacheEvent} and calls
     * {@link #onEvent(CacheEvent)}. A listener on the hit path of every call (a metrics binder)
     * may override this form to read the fields without an event object being allocated per call.
     *
     * @param kind what happened
     * @param strategy the strategy's name, see {@link CacheEvent#strategy()}
     * @param template the key template, or {@code null} for a facade command
     * @param key the rendered key
     * @param backend the backend's scheme
     * @param durationNanos the duration, or {@code -1}
     * @param outcome how it ended, or {@code null}
     */
    default void onEvent(CacheEvent.Kind kind, String strategy, @Nullable String template, String key,
            String backend, long durationNanos, @Nullable String outcome) {
        onEvent(new CacheEvent(kind, strategy, template, key, backend, durationNanos, outcome));
    }
}
