package io.cashews.processor;

import java.util.List;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
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
 */
record HitStrategy(
        String template,
        KeyPlan key,
        long ttlMillis,
        int cacheHits,
        int updateAfter,
        long timeConditionMillis,
        @Nullable ClassName condition,
        ExceptionCaching exceptions,
        List<TagPlans.Tag> tags)
        implements StoringStrategy {
    static final ClassName RUNTIME = ClassName.get("io.cashews.internal", "HitMethod");

    @Override
    public ClassName runtimeType() {
        return RUNTIME;
    }

    @Override
    public CodeBlock create(MethodModel method, ClassContext context) {
        LayerCode code = new LayerCode(method, context, RUNTIME, "HIT", template)
                .millis("ttlMillis", "TTL", ttlMillis)
                .integer("cacheHits", cacheHits);
        if (updateAfter > 0) {
            code.integer("updateAfter", updateAfter);
        }
        return code.millis("timeConditionMillis", "TIME_CONDITION", timeConditionMillis)
                .condition(condition)
                .exceptions(exceptions)
                .tags(tags)
                .build();
    }
}
