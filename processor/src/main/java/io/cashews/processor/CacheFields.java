package io.cashews.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.lang.model.element.Modifier;

/**
 * The class members of one {@code @Cache} method: its TTL constants and the {@code CacheMethod}
 * strategy object, built once in the constructor.
 */
final class CacheFields {
    /** Compiled once: {@code String.replaceAll} compiled it for every constant. */
    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

    private CacheFields() {}

    /** Adds the members and returns the name of the {@code CacheMethod} field. */
    static String add(MethodModel method, CacheStrategy cache, ClassContext context) {
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
    static CodeBlock create(MethodModel method, CacheStrategy cache, ClassContext context, String name) {
        String constant = constantName(name);
        String ttl = context.newMember(constant + "_TTL");
        context.type().addField(FieldSpec.builder(long.class, ttl, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$LL", cache.ttlMillis())
                .build());
        CodeBlock.Builder builder = CodeBlock.builder()
                .add("$T.builder(this.cache, $S)", RuntimeNames.CACHE_METHOD, cache.template())
                .add(".ttlMillis($N)", ttl);
        if (cache.timeConditionMillis() > 0) {
            String timeCondition = context.newMember(constant + "_TIME_CONDITION");
            context.type().addField(
                    FieldSpec.builder(long.class, timeCondition, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                            .initializer("$LL", cache.timeConditionMillis())
                            .build());
            builder.add(".timeConditionMillis($N)", timeCondition);
        }
        if (cache.condition() != null) {
            builder.add(".condition(new $T())", cache.condition());
        }
        if (cache.ttlFunction() != null) {
            builder.add(".ttlFunction(new $T())", cache.ttlFunction());
        }
        ExceptionCaching.add(builder, cache.exceptions());
        if (cache.lock()) {
            builder.add(".lock(true)");
        }
        if (!cache.protect()) {
            builder.add(".protect(false)");
        }
        TagPlans.add(builder, method, context, "Cache", cache.tags(), cache.template());
        ValueTypeCode.add(builder, cache.valueType(), context);
        return builder.add(".build()").build();
    }

    /** {@code findUser} becomes {@code FIND_USER}. */
    static String constantName(String name) {
        return CAMEL_HUMP.matcher(name).replaceAll("$1_$2").toUpperCase(Locale.ROOT);
    }
}
