package io.cashews.processor.model;

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
 * @param exceptions the exceptions stored and rethrown on hits ({@code withExceptions},
 *     {@code onlyExceptions})
 * @param tags the tag templates, rendered when a result is stored
 * @param fingerprint the fingerprint of the stored values' shape and the {@code version}; {@code 0} for
 *     none (a JDK or library class without type arguments, and no version)
 */
public record CacheStrategy(
        String template,
        KeyPlan key,
        long ttlMillis,
        long timeConditionMillis,
        TypeRef.@Nullable Named condition,
        TypeRef.@Nullable Named ttlFunction,
        boolean lock,
        boolean protect,
        ResultShape shape,
        TypeRef valueType,
        List<TypeRef> checkedExceptions,
        ExceptionCaching exceptions,
        List<TagPlan> tags,
        long fingerprint)
        implements Strategy {

    public CacheStrategy {
        checkedExceptions = List.copyOf(checkedExceptions);
        tags = List.copyOf(tags);
    }

    /** Whether the call's arguments must be collected for a condition, TTL function or tags. */
    @Override
    public boolean needsArguments() {
        return condition != null || ttlFunction != null || !tags.isEmpty();
    }
}
