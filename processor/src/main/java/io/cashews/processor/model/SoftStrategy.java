package io.cashews.processor.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A validated {@code @Soft}.
 *
 * @param template the key template with its prefix, for diagnostics
 * @param key how to build the key ({@code soft:…})
 * @param ttlMillis how long a stored result can serve as a fallback
 * @param softTtlMillis how long it is served without recomputing; {@code 0} for a third of the TTL
 * @param exceptions the exceptions answered with the old result; empty for every {@code Exception}
 * @param timeConditionMillis the time condition, {@code 0} for none
 * @param condition the condition class, or {@code null}
 * @param protect whether concurrent recomputes in one JVM share a computation
 * @param tags the tag templates, rendered when a result is stored
 * @param fingerprint the fingerprint of the stored values' shape and the {@code version}; {@code 0} for
 *     none (a JDK or library class without type arguments, and no version)
 */
public record SoftStrategy(
        String template,
        KeyPlan key,
        long ttlMillis,
        long softTtlMillis,
        List<TypeRef> exceptions,
        long timeConditionMillis,
        TypeRef.@Nullable Named condition,
        boolean protect,
        List<TagPlan> tags,
        long fingerprint)
        implements Strategy {

    public SoftStrategy {
        exceptions = List.copyOf(exceptions);
        tags = List.copyOf(tags);
    }

    @Override
    public boolean needsArguments() {
        return condition != null || !tags.isEmpty();
    }
}
