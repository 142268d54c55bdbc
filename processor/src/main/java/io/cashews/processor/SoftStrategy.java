package io.cashews.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
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
 */
record SoftStrategy(
        String template,
        KeyPlan key,
        long ttlMillis,
        long softTtlMillis,
        List<TypeName> exceptions,
        long timeConditionMillis,
        @Nullable ClassName condition,
        boolean protect,
        List<TagPlans.Tag> tags)
        implements StoringStrategy {
    static final ClassName RUNTIME = ClassName.get("io.cashews.internal", "SoftMethod");

    SoftStrategy {
        exceptions = List.copyOf(exceptions);
    }

    @Override
    public ClassName runtimeType() {
        return RUNTIME;
    }

    @Override
    public CodeBlock create(MethodModel method, ClassContext context) {
        return new LayerCode(method, context, RUNTIME, "SOFT", template)
                .millis("ttlMillis", "TTL", ttlMillis)
                .millis("softTtlMillis", "SOFT_AFTER", softTtlMillis)
                .classes("exceptions", exceptions)
                .millis("timeConditionMillis", "TIME_CONDITION", timeConditionMillis)
                .condition(condition)
                .protect(protect)
                .tags(tags)
                .build();
    }
}
