package io.cashews.processor;

import com.palantir.javapoet.ClassName;

/**
 * The runtime types generated code refers to, by name: the runtime is not on the processor's
 * path, and docs/generated-code.md fixes these names.
 */
final class RuntimeNames {
    private RuntimeNames() {}

    static final ClassName CASHEWS = ClassName.get("io.cashews", "Cashews");
    static final ClassName KEY_CONTEXT = ClassName.get("io.cashews", "KeyContext");
    static final ClassName CACHE_METHOD = ClassName.get("io.cashews.internal", "CacheMethod");
    static final ClassName KEYS = ClassName.get("io.cashews.internal", "Keys");
    static final ClassName VALUE_TYPE = ClassName.get("io.cashews.codec", "ValueType");
    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    static final String PROCESSOR = "io.cashews.processor.CashewsProcessor";
}
