package io.cashews.processor.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A validated {@code @Early}.
 *
 * @param template the key template with its prefix, for diagnostics
 * @param key how to build the key ({@code early:v2:…})
 * @param ttlMillis how long a stored result lives
 * @param earlyTtlMillis how long it is fresh; {@code 0} for a third of the TTL (decided at run time)
 * @param timeConditionMillis the time condition, {@code 0} for none
 * @param condition the condition class, or {@code null}
 * @param exceptions the stored exceptions
 * @param protect whether concurrent misses in one JVM share a computation
 * @param tags the tag templates, rendered when a result is stored
 * @param fingerprint the fingerprint of the stored values' shape and the {@code version}; {@code 0} for
 *     none (a JDK or library class without type arguments, and no version)
 */
public record EarlyStrategy(
        String template,
        KeyPlan key,
        long ttlMillis,
        long earlyTtlMillis,
        long timeConditionMillis,
        TypeRef.@Nullable Named condition,
        ExceptionCaching exceptions,
        boolean protect,
        List<TagPlan> tags,
        long fingerprint)
        implements Strategy {

    public EarlyStrategy {
        tags = List.copyOf(tags);
    }

    @Override
    public boolean needsArguments() {
        return condition != null || !tags.isEmpty();
    }
}
