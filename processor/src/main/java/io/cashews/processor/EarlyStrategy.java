package io.cashews.processor;

import java.util.List;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
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
 */
record EarlyStrategy(
        String template,
        KeyPlan key,
        long ttlMillis,
        long earlyTtlMillis,
        long timeConditionMillis,
        @Nullable ClassName condition,
        ExceptionCaching exceptions,
        boolean protect,
        List<TagPlans.Tag> tags)
        implements StoringStrategy {
    static final ClassName RUNTIME = ClassName.get("io.cashews.internal", "EarlyMethod");

    @Override
    public ClassName runtimeType() {
        return RUNTIME;
    }

    @Override
    public CodeBlock create(MethodModel method, ClassContext context) {
        return new LayerCode(method, context, RUNTIME, "EARLY", template)
                .millis("ttlMillis", "TTL", ttlMillis)
                .millis("earlyTtlMillis", "STALE_AFTER", earlyTtlMillis)
                .millis("timeConditionMillis", "TIME_CONDITION", timeConditionMillis)
                .condition(condition)
                .exceptions(exceptions)
                .protect(protect)
                .tags(tags)
                .build();
    }
}
