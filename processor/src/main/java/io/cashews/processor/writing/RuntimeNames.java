package io.cashews.processor.writing;

import com.palantir.javapoet.ClassName;

/**
 * Every runtime type generated code refers to, by name, in one place: the runtime is not on the
 * processor's path, and docs/generated-code.md fixes these names.
 */
final class RuntimeNames {
    private RuntimeNames() {}

    private static final String API = "io.cashews";
    private static final String INTERNAL = "io.cashews.internal";
    private static final String CODEC = "io.cashews.codec";

    static final ClassName CASHEWS = ClassName.get(API, "Cashews");
    static final ClassName KEY_CONTEXT = ClassName.get(API, "KeyContext");
    static final ClassName PROXY_FACTORY = ClassName.get(API, "ProxyFactory");
    static final ClassName VALUE_TYPE = ClassName.get(CODEC, "ValueType");
    static final ClassName VALUE_TYPES = ClassName.get(CODEC, "ValueTypes");
    static final ClassName KEYS = ClassName.get(INTERNAL, "Keys");
    static final ClassName ORIGIN = ClassName.get(INTERNAL, "Origin");
    static final ClassName DEFERRED = ClassName.get(INTERNAL, "Deferred");
    static final ClassName CANCELLABLE_LAYER = ClassName.get(INTERNAL, "CancellableLayer");
    static final ClassName BLOOM_FILTER = ClassName.get(INTERNAL, "BloomFilter");
    static final ClassName CACHE_METHOD = ClassName.get(INTERNAL, "CacheMethod");
    static final ClassName ITERATOR_METHOD = ClassName.get(INTERNAL, "IteratorMethod");
    static final ClassName HIT_METHOD = ClassName.get(INTERNAL, "HitMethod");
    static final ClassName EARLY_METHOD = ClassName.get(INTERNAL, "EarlyMethod");
    static final ClassName SOFT_METHOD = ClassName.get(INTERNAL, "SoftMethod");
    static final ClassName FAILOVER_METHOD = ClassName.get(INTERNAL, "FailoverMethod");
    static final ClassName INVALIDATE_METHOD = ClassName.get(INTERNAL, "InvalidateMethod");
    static final ClassName TRANSACTION_METHOD = ClassName.get(INTERNAL, "TransactionMethod");
    static final ClassName BLOOM_METHOD = ClassName.get(INTERNAL, "BloomMethod");
    static final ClassName BLOOM_ADD_METHOD = ClassName.get(INTERNAL, "BloomAddMethod");
    static final ClassName DUAL_BLOOM_METHOD = ClassName.get(INTERNAL, "DualBloomMethod");
    static final ClassName LOCKED_METHOD = ClassName.get(INTERNAL, "LockedMethod");
    static final ClassName RATE_LIMIT_METHOD = ClassName.get(INTERNAL, "RateLimitMethod");
    static final ClassName SLICE_RATE_LIMIT_METHOD = ClassName.get(INTERNAL, "SliceRateLimitMethod");
    static final ClassName CIRCUIT_BREAKER_METHOD = ClassName.get(INTERNAL, "CircuitBreakerMethod");

    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    static final String PROCESSOR = "io.cashews.processor.CashewsProcessor";
}
