package io.cashews.internal;

import io.cashews.CacheCondition;
import io.cashews.codec.CachedException;
import io.cashews.codec.ValueType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * What a strategy stores and for how long: the fixed TTL, the condition and the time condition
 * (both must hold), the exceptions stored in place of results ({@code withExceptions},
 * {@code onlyExceptions}), and the declared type stored values are read back as.
 */
final class StorePolicy {
    private static final @Nullable Object[] NO_ARGS = new Object[0];
    private static final String[] NO_TAGS = new String[0];

    private final Duration ttl;
    private final @Nullable CacheCondition condition;
    private final long timeConditionNanos;
    private final List<Class<? extends Throwable>> storedExceptions;
    private final boolean onlyExceptions;
    private final @Nullable TemplateRenderer tags;
    private final ValueType<?> type;

    StorePolicy(long ttlMillis, @Nullable CacheCondition condition, long timeConditionMillis,
            List<Class<? extends Throwable>> storedExceptions, boolean onlyExceptions, @Nullable TemplateRenderer tags,
            ValueType<?> type) {
        this.ttl = Duration.ofMillis(ttlMillis);
        this.condition = condition;
        this.timeConditionNanos = TimeUnit.MILLISECONDS.toNanos(timeConditionMillis);
        this.storedExceptions = List.copyOf(storedExceptions);
        this.onlyExceptions = onlyExceptions;
        this.tags = tags;
        this.type = type;
        CachedException.admit(this.storedExceptions);
    }

    Duration ttl() {
        return ttl;
    }

    /** The declared type of stored results: reads decode into it and treat other values as misses. */
    ValueType<?> type() {
        return type;
    }

    /**
     * What is written for a result, a {@code Stamped} or a {@code CachedException}: the one place
     * strategies' values pass before {@code set}, fingerprinted when the declared type carries a
     * fingerprint (SPEC §18), so that a reader of another shape misses it.
     */
    @Nullable Object sealed(@Nullable Object value) {
        return type.seal(value);
    }

    /** The tags of a stored value, rendered from the call's arguments; none without a renderer. */
    String[] tags(@Nullable Object @Nullable [] args) {
        return tags(this.tags, args);
    }

    static String[] tags(@Nullable TemplateRenderer tags, @Nullable Object @Nullable [] args) {
        if (tags == null) {
            return NO_TAGS;
        }
        if (args == null) {
            // The proxy passes the arguments to every tagged layer; reaching here is a wiring bug.
            throw new IllegalStateException("a tagged strategy was called without the call's arguments");
        }
        return tags.render(args);
    }

    /** Whether the call must be timed for the time condition. */
    boolean timed() {
        return timeConditionNanos > 0;
    }

    /** Whether a computed result is stored. */
    boolean storesResult(@Nullable Object result, @Nullable Object @Nullable [] args, String key, long elapsedNanos) {
        if (onlyExceptions || (timeConditionNanos > 0 && elapsedNanos < timeConditionNanos)) {
            return false;
        }
        return condition == null || condition.test(result, args == null ? NO_ARGS : args, key);
    }

    /** Whether a thrown exception is stored in place of a result (and rethrown on hits). */
    /** Whether any exception type is stored ({@code withExceptions} or {@code onlyExceptions}). */
    boolean storesExceptions() {
        return !storedExceptions.isEmpty();
    }

    boolean storesException(Throwable error) {
        for (Class<? extends Throwable> type : storedExceptions) {
            if (type.isInstance(error)) {
                return true;
            }
        }
        return false;
    }
}
