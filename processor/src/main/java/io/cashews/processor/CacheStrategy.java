package io.cashews.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
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
 * @param exceptions the exceptions stored and rethrown on hits ({@code withExceptions},
 *     {@code onlyExceptions})
 * @param tags the tag templates, rendered when a result is stored
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
        List<TypeName> checkedExceptions,
        ExceptionCaching exceptions,
        List<TagPlans.Tag> tags)
        implements DecoratorStrategy {

    CacheStrategy {
        checkedExceptions = List.copyOf(checkedExceptions);
    }

    /** Whether the call's arguments must be collected for a condition or TTL function. */
    @Override
    public boolean needsArguments() {
        return condition != null || ttlFunction != null || !tags.isEmpty();
    }

    @Override
    public ClassName runtimeType() {
        return RuntimeNames.CACHE_METHOD;
    }

    /** The {@code CacheMethod} of one layer of a stack; a lone {@code @Cache} is inlined instead. */
    @Override
    public CodeBlock create(MethodModel method, ClassContext context) {
        return CacheFields.create(method, this, context, method.name() + "Cache");
    }
}
