package io.cashews.internal;

import io.cashews.Cashews;
import io.cashews.codec.Stamped;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The settings the layers that store {@link Stamped} values share ({@code @Early},
 * {@code @Soft}): a refresh window shorter than the TTL, and whether concurrent computations of
 * one key in this JVM share one.
 *
 * @param <B> the concrete builder, returned by every setter
 */
abstract class WindowedLayerBuilder<B extends WindowedLayerBuilder<B>> extends LayerBuilder<B> {
    long windowMillis;
    boolean protect = true;

    WindowedLayerBuilder(Cashews cache, String template) {
        super(cache, template);
    }

    /**
     * Lets concurrent computations of one key in this JVM share one computation.
     *
     * @param protect default {@code true}
     * @return this builder
     */
    @SuppressWarnings("unchecked")
    public B protect(boolean protect) {
        this.protect = protect;
        return (B) this;
    }

    /**
     * The window as set, or a third of the TTL when unset.
     *
     * @throws IllegalStateException if it is not shorter than the TTL
     */
    Duration window(String name) {
        long window = windowMillis > 0 ? windowMillis : Math.max(1, ttlMillis / 3);
        if (window >= ttlMillis) {
            throw new IllegalStateException(name + " of \"" + template + "\" must be shorter than its ttl");
        }
        return Duration.ofMillis(window);
    }

    /** A new single flight when {@code protect} is set, else {@code null}. */
    @Nullable SingleFlight flights() {
        return protect ? new SingleFlight() : null;
    }
}
