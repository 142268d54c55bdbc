package io.cashews.processor.model;

/**
 * What one caching annotation does to a method, resolved and validated: one record per
 * supported annotation. Every strategy can be a layer of a stack of nested
 * {@code io.cashews.internal.Decorator} calls ({@code @Cache} included, which alone on a method
 * keeps its inlined writers); the writer has one {@code LayerWriter} per record.
 */
public sealed interface Strategy
        permits CacheStrategy, HitStrategy, EarlyStrategy, SoftStrategy, FailoverStrategy, InvalidateStrategy,
        TransactionStrategy, BloomStrategy, BloomAddStrategy, DualBloomStrategy, LockedStrategy, RateLimitStrategy,
        SliceRateLimitStrategy, CircuitBreakerStrategy {

    /** The key of this layer, with the strategy's prefix. */
    KeyPlan key();

    /** Whether the layer needs the call's arguments (a condition, a TTL function, tags…). */
    boolean needsArguments();

    /**
     * Whether the layer must know if the delegate really ran for this call (a failover layer
     * stores only real computations, never a value an inner layer served). When it does and
     * other layers sit inside it, the stack writer creates an {@code io.cashews.internal.Origin}
     * per call, passes it to this layer and has the delegate lambda mark it.
     */
    default boolean tracksOrigin() {
        return false;
    }
}
