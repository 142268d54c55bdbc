package io.cashews;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The built-in condition that stores every result except "nothing": {@code null} and an empty
 * {@link Optional}, {@link OptionalInt}, {@link OptionalLong} or {@link OptionalDouble}. Use it as
 * {@code @Cache(ttl = "10m", condition = NotNullCondition.class)} so that a lookup that found
 * nothing is asked again next time instead of being remembered.
 */
public final class NotNullCondition implements CacheCondition {

    /** Creates the condition; it has no state, so one instance can serve every thread. */
    public NotNullCondition() {
    }

    /**
     * Returns whether {@code result} holds a value.
     *
     * @param result the computed result; may be {@code null}
     * @param args the arguments of the call (not consulted)
     * @param key the key (not consulted)
     * @return {@code false} for {@code null} and for an empty optional, {@code true} otherwise
     */
    @Override
    public boolean test(@Nullable Object result, @Nullable Object[] args, String key) {
        if (result == null) {
            return false;
        }
        if (result instanceof Optional<?> optional) {
            return optional.isPresent();
        }
        if (result instanceof OptionalInt optional) {
            return optional.isPresent();
        }
        if (result instanceof OptionalLong optional) {
            return optional.isPresent();
        }
        if (result instanceof OptionalDouble optional) {
            return optional.isPresent();
        }
        return true;
    }

    @Override
    public String toString() {
        return "NotNullCondition";
    }
}
