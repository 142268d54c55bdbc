package io.cashews.processor.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A validated {@code @Hit} or {@code @Dynamic} (which is {@code @Hit(cacheHits = 3, updateAfter = 1)}).
 *
 * @param template the key template with its prefix, for diagnostics
 * @param key how to build the key ({@code hit:…}; the counter adds {@code :counter} at run time)
 * @param ttlMillis how long a stored result and its counter live
 * @param cacheHits how many calls one stored result serves
 * @param updateAfter the hit count that starts a background recompute, {@code 0} for none
 * @param timeConditionMillis the time condition, {@code 0} for none
 * @param condition the condition class, or {@code null}
 * @param exceptions the stored exceptions
 * @param tags the tag templates, rendered when a result is stored
 * @param fingerprint the fingerprint of the stored values' shape and the {@code version}; {@code 0} for
 *     none (a JDK or library class without type arguments, and no version)
 */
public record HitStrategy(
        String template,
        KeyPlan key,
        long ttlMillis,
        int cacheHits,
        int updateAfter,
        long timeConditionMillis,
        TypeRef.@Nullable Named condition,
        ExceptionCaching exceptions,
        List<TagPlan> tags,
        long fingerprint)
        implements Strategy {

    public HitStrategy {
        tags = List.copyOf(tags);
    }

    @Override
    public boolean needsArguments() {
        return condition != null || !tags.isEmpty();
    }
}
