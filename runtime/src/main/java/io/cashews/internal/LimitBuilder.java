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
}
