package io.cashews.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import io.cashews.processor.model.CacheStrategy;
import io.cashews.processor.model.MethodModel;
import io.cashews.processor.model.ResultShape;
import javax.lang.model.element.Modifier;

/**
 * {@code @Cache}: the {@code CacheMethod} strategy object, built once in the
 * constructor, for a layer of a stack and (through {@link #field}) for the inlined lone
 * {@code @Cache}.
 */
final class CacheLayerWriter implements LayerWriter<CacheStrategy> {

    @Override
    public ClassName runtimeType() {
        return RuntimeNames.CACHE_METHOD;
    }

    /** The {@code CacheMethod} of one layer of a stack; a lone {@code @Cache} is inlined instead. */
    @Override
    public CodeBlock create(CacheStrategy cache, MethodModel method, ClassContext context) {
        return create(method, cache, context);
    }

    /** Adds the members of a lone {@code @Cache} and returns the name of its {@code CacheMethod} field. */
    static String field(MethodModel method, CacheStrategy cache, ClassContext context) {
        String field = context.newMember(method.name());
        CodeBlock create = create(method, cache, context);
        context.type().addField(
                FieldSpec.builder(RuntimeNames.CACHE_METHOD, field, Modifier.PRIVATE, Modifier.FINAL).build());
        context.constructor().addStatement("this.$N = $L", field, create);
        return field;
    }

    /** The expression that builds the {@code CacheMethod}. */
    private static CodeBlock create(MethodModel method, CacheStrategy cache, ClassContext context) {
        String valueType = ValueTypeCode.constant(ValueTypeCode.read(method, Poet.type(cache.valueType())),
                cache.fingerprint(), context);
        if (valueType != null && optionless(cache) && !cancellable(cache)) {
            return CodeBlock.of("$T.of(cache, $S,$W$L, $N)", RuntimeNames.CACHE_METHOD, cache.template(),
                    LayerCode.millis(cache.ttlMillis()), valueType);
        }
        CodeBlock.Builder builder = CodeBlock.builder()
                .add("$T.builder(cache, $S)", RuntimeNames.CACHE_METHOD, cache.template())
                .add("$Z.ttlMillis($L)", LayerCode.millis(cache.ttlMillis()));
        if (cache.timeConditionMillis() > 0) {
            builder.add("$Z.timeConditionMillis($L)", LayerCode.millis(cache.timeConditionMillis()));
        }
        if (cache.condition() != null) {
            builder.add("$Z.condition(new $T())", Poet.className(cache.condition()));
        }
        if (cache.ttlFunction() != null) {
            builder.add("$Z.ttlFunction(new $T())", Poet.className(cache.ttlFunction()));
        }
        LayerCode.exceptions(builder, cache.exceptions());
        if (cache.lock()) {
            builder.add("$Z.lock(true)");
        }
        if (!cache.protect()) {
            builder.add("$Z.protect(false)");
        }
        if (cancellable(cache)) {
            builder.add("$Z.cancellable(true)");
        }
        TagWriter.add(builder, method, context, "Cache", cache.tags(), cache.template());
        if (valueType != null) {
            builder.add("$Z.valueType($N)", valueType);
        }
        return builder.add("$Z.build()").build();
    }

    /**
     * Whether a cancelled caller's future should stop the computation: a {@code Mono}'s or
     * {@code Uni}'s subscription, whose future belongs to that one call.
     */
    private static boolean cancellable(CacheStrategy cache) {
        return cache.shape() == ResultShape.MONO || cache.shape() == ResultShape.UNI;
    }

    /** Whether the cache has no option beyond its TTL and value type: {@code CacheMethod.of} builds it. */
    private static boolean optionless(CacheStrategy cache) {
        return cache.timeConditionMillis() == 0 && cache.condition() == null && cache.ttlFunction() == null
                && cache.exceptions().types().isEmpty() && !cache.lock() && cache.protect() && cache.tags().isEmpty();
    }

    @Override
    public boolean cancellable() {
        return true;
    }
}
