package io.cashews.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
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
 */
record FailoverStrategy(
        String template,
        KeyPlan key,
        long ttlMillis,
        long timeConditionMillis,
        @Nullable ClassName condition,
        List<TypeName> exceptions,
        List<TagPlans.Tag> tags)
        implements StoringStrategy {
    static final ClassName RUNTIME = ClassName.get("io.cashews.internal", "FailoverMethod");

    FailoverStrategy {
        exceptions = List.copyOf(exceptions);
    }

    @Override
    public ClassName runtimeType() {
        return RUNTIME;
    }

    @Override
    public CodeBlock create(MethodModel method, ClassContext context) {
        return new LayerCode(method, context, RUNTIME, "FAILOVER", template)
                .millis("ttlMillis", "TTL", ttlMillis)
                .millis("timeConditionMillis", "TIME_CONDITION", timeConditionMillis)
                .condition(condition)
                .classes("exceptions", exceptions)
                .tags(tags)
                .build();
    }

    /** It stores only real computations, so it must know whether the delegate ran. */
    @Override
    public boolean tracksOrigin() {
        return true;
    }
}
