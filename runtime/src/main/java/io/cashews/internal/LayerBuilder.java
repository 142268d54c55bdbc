package io.cashews.internal;

import io.cashews.CacheCondition;
import io.cashews.Cashews;
import io.cashews.codec.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * For generated code: the settings every value-storing strategy shares (TTL, condition, time
 * condition, stored exceptions). Each strategy's builder extends it.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class LayerBuilder<B extends LayerBuilder<B>> {
    final Cashews cache;
    final String template;
    long ttlMillis;
    @Nullable CacheCondition condition;
    long timeConditionMillis;
    final List<Class<? extends Throwable>> storedExceptions = new ArrayList<>();
    boolean onlyExceptions;
    @Nullable TemplateRenderer tags;
    ValueType<?> valueType = ValueType.ANY;
    boolean cancellable;

    LayerBuilder(Cashews cache, String template) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.template = Objects.requireNonNull(template, "template");
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * Sets how long stored entries live; required.
     *
     * @param ttlMillis milliseconds, positive
     * @return this builder
     * @throws IllegalArgumentException if {@code ttlMillis} is not positive
     */
    public B ttlMillis(long ttlMillis) {
        if (ttlMillis <= 0) {
            throw new IllegalArgumentException("ttl of \"" + template + "\" must be positive, got " + ttlMillis + " ms");
        }
        this.ttlMillis = ttlMillis;
        return self();
    }

    /**
     * Stores a result only when {@code condition} accepts it; default: every result.
     *
     * @param condition the condition
     * @return this builder
     */
    public B condition(CacheCondition condition) {
        this.condition = Objects.requireNonNull(condition, "condition");
        return self();
    }

    /**
     * Stores a result only when computing it took at least this long; with a condition, both must hold.
     *
     * @param timeConditionMillis milliseconds; {@code 0} for none
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public B timeConditionMillis(long timeConditionMillis) {
        if (timeConditionMillis < 0) {
            throw new IllegalArgumentException("timeCondition of \"" + template + "\" must not be negative, got "
                    + timeConditionMillis + " ms");
        }
        this.timeConditionMillis = timeConditionMillis;
        return self();
    }

    /**
     * Stores these exceptions too, rethrowing them on hits.
     *
     * @param types the exception types
     * @return this builder
     */
    @SafeVarargs
    public final B withExceptions(Class<? extends Throwable>... types) {
        storedExceptions.addAll(List.of(types));
        onlyExceptions = false;
        return self();
    }

    /**
     * Stores only these exceptions, never results.
     *
     * @param types the exception types
     * @return this builder
     */
    @SafeVarargs
    public final B onlyExceptions(Class<? extends Throwable>... types) {
        storedExceptions.addAll(List.of(types));
        onlyExceptions = true;
        return self();
    }

    /**
     * Adds every stored value's key to the tags this renders from the call's arguments (see
     * {@link Cashews#set(String, Object, java.time.Duration, String...)}); the layer then needs
     * the arguments on every call.
     *
     * @param tags renders the tags of one call
     * @return this builder
     */
    public B tags(TemplateRenderer tags) {
        this.tags = Objects.requireNonNull(tags, "tags");
        return self();
    }

    /**
     * Sets the declared type of the method's results (generated code passes it): stored values are
     * decoded into it ({@code serializer=json}) and a value of another type reads as a miss.
     *
     * @param type the type; default {@link ValueType#ANY}
     * @return this builder
     */
    public B valueType(ValueType<?> type) {
        this.valueType = Objects.requireNonNull(type, "type");
        return self();
    }

    /**
     * Makes the asynchronous path honour cancellation: once every caller waiting for one
     * computation has cancelled the future {@code callAsync} gave it, the computation stops. A
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

    /** The store policy of the built strategy; requires the TTL. */
    StorePolicy policy() {
        if (ttlMillis == 0) {
            throw new IllegalStateException("ttlMillis(...) was not set for \"" + template + "\"");
        }
        return new StorePolicy(ttlMillis, condition, timeConditionMillis, storedExceptions, onlyExceptions, tags, valueType);
    }
}
