package io.cashews.internal;

import io.cashews.Cashews;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * For generated code: the settings every guarding strategy's builder collects (the rate limits and the circuit
 * breaker): the instance, the key template, the window and the fallback.
 *
 * @param <B> the concrete builder, returned by the setters for chaining
 */
public abstract class LimitBuilder<B extends LimitBuilder<B>> {
    final Cashews cache;
    final String template;
    long periodMillis;
    @Nullable Fallback fallback;
    boolean cancellable;

    LimitBuilder(Cashews cache, String template) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.template = Objects.requireNonNull(template, "template");
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * Sets the window length; required.
     *
     * @param periodMillis positive milliseconds
     * @return this builder
     */
    public B periodMillis(long periodMillis) {
        this.periodMillis = periodMillis;
        return self();
    }

    /**
     * Sets the method that answers refused calls instead of an exception; optional.
     *
     * @param fallback the fallback, called with the call's arguments
     * @return this builder
     */
    public B fallback(Fallback fallback) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        return self();
    }

    /**
     * Makes the asynchronous path honour cancellation: once the caller has cancelled the
     * future {@code callAsync} gave it, the call stops. A
     * read or a wait still under way ends without calling the inner layer, the inner layer's (or
     * the delegate's) future is cancelled when it is a {@code CompletableFuture}, and what it
     * produced, value or exception, is not stored. A caller that cancels while others still wait
     * for the same computation only stops waiting; a background refresh the layer started for
     * itself is never cancelled. For results that belong to one call, such as the future of a
     * Reactor {@code Mono}'s or a Mutiny {@code Uni}'s subscription, whose cancellation ends that
     * subscription; generated code sets it for those. A stage the delegate may share with others
     * must not be cancelled, so plain {@code CompletableFuture} methods leave it off.
     *
     * @param cancellable whether cancellation stops the computation; default {@code false}
     * @return this builder
     */
    public B cancellable(boolean cancellable) {
        this.cancellable = cancellable;
        return self();
    }
}
