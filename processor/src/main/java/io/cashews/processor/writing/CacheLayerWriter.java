package io.cashews.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import io.cashews.processor.model.CacheStrategy;
import io.cashews.processor.model.MethodModel;
import javax.lang.model.element.Modifier;

/**
 * {@code @Cache}: its TTL constants and the {@code CacheMethod} strategy object, built once in the
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
        return create(method, cache, context, method.name() + "Cache");
    }

    /** Adds the members of a lone {@code @Cache} and returns the name of its {@code CacheMethod} field. */
    static String field(MethodModel method, CacheStrategy cache, ClassContext context) {
        String field = context.newMember(method.name());
        CodeBlock create = create(method, cache, context, field);
        context.type().addField(
                FieldSpec.builder(RuntimeNames.CACHE_METHOD, field, Modifier.PRIVATE, Modifier.FINAL).build());
        context.constructor().addStatement("this.$N = $L", field, create);
        return field;
    }

    /**
     * Adds the TTL constants and returns the expression that builds the {@code CacheMethod}.
     *
     * @param name the base for the constants' names (the field name, or the method name in a stack)
     */
    private static CodeBlock create(MethodModel method, CacheStrategy cache, ClassContext context, String name) {
        String constant = LayerCode.constantName(name);
        String ttl = LayerCode.constant(context, constant + "_TTL", cache.ttlMillis());
        CodeBlock.Builder builder = CodeBlock.builder()
                .add("$T.builder(this.cache, $S)", RuntimeNames.CACHE_METHOD, cache.template())
                .add(".ttlMillis($N)", ttl);
        if (cache.timeConditionMillis() > 0) {
            builder.add(".timeConditionMillis($N)",
                    LayerCode.constant(context, constant + "_TIME_CONDITION", cache.timeConditionMillis()));
        }
        if (cache.condition() != null) {
            builder.add(".condition(new $T())", Poet.className(cache.condition()));
        }
        if (cache.ttlFunction() != null) {
            builder.add(".ttlFunction(new $T())", Poet.className(cache.ttlFunction()));
        }
        LayerCode.exceptions(builder, cache.exceptions());
        if (cache.lock()) {
            builder.add(".lock(true)");
        }
        if (!cache.protect()) {
            builder.add(".protect(false)");
        }
        TagWriter.add(builder, method, context, "Cache", cache.tags(), cache.template());
        ValueTypeCode.add(builder, Poet.type(cache.valueType()), context);
        return builder.add(".build()").build();
    }
}
