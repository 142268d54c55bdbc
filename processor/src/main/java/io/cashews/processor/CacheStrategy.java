package io.cashews.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A validated {@code @Cache}.
 *
 * @param template the key template as the user wrote it (prefix included), for diagnostics
 * @param key how to build the key
 * @param ttlMillis the parsed, positive TTL
 * @param timeConditionMillis the parsed time condition, {@code 0} for none
 * @param condition the condition class, or {@code null}
 * @param ttlFunction the TTL function class, or {@code null}
 * @param lock whether misses take a backend lock
 * @param protect whether concurrent misses in one JVM share a computation
 * @param shape how the result is produced
 * @param valueType the cached value's type: the boxed return type of a sync method, the element type
 *     of an async one
 * @param checkedExceptions the declared checked exceptions, minus those covered by another one
 */
record CacheStrategy(
        String template,
        KeyPlan key,
        long ttlMillis,
        long timeConditionMillis,
        @Nullable ClassName condition,
        @Nullable ClassName ttlFunction,
        boolean lock,
        boolean protect,
        ResultShape shape,
        TypeName valueType,
        List<TypeName> checkedExceptions)
        implements Strategy {

    CacheStrategy {
        checkedExceptions = List.copyOf(checkedExceptions);
    }

    /** Whether the call's arguments must be collected for a condition or TTL function. */
    boolean needsArguments() {
        return condition != null || ttlFunction != null;
    }
}
