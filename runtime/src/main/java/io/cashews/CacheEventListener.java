package io.cashews;

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
}
