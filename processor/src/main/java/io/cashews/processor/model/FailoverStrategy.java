package io.cashews.processor.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A validated {@code @Failover}.
 *
 * @param template the key template with its prefix, for diagnostics
 * @param key how to build the key ({@code fail:…})
 * @param ttlMillis how long the last good result is kept
 * @param timeConditionMillis the time condition, {@code 0} for none
 * @param condition the condition class, or {@code null}
 * @param exceptions the handled exceptions; empty for the instance default
 * @param tags the tag templates, rendered when a result is stored
 * @param fingerprint the fingerprint of the stored values' shape and the {@code version}; {@code 0} for
 *     none (a JDK or library class without type arguments, and no version)
 */
public record FailoverStrategy(
        String template,
        KeyPlan key,
        long ttlMillis,
        long timeConditionMillis,
        TypeRef.@Nullable Named condition,
        List<TypeRef> exceptions,
        List<TagPlan> tags,
        long fingerprint)
        implements Strategy {

    public FailoverStrategy {
        exceptions = List.copyOf(exceptions);
        tags = List.copyOf(tags);
    }

    @Override
    public boolean needsArguments() {
        return condition != null || !tags.isEmpty();
    }

    /** It stores only real computations, so it must know whether the delegate ran. */
    @Override
    public boolean tracksOrigin() {
        return true;
    }
}
