package io.cashews.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;

/**
 * A strategy written as one layer of nested {@code io.cashews.internal.Decorator} calls, so that
 * it stacks with the others: every annotation's strategy implements this, and {@link StackWriter}
 * needs nothing else to know about it. (A lone {@code @Cache} is still written by its own inlined
 * writers.)
 */
non-sealed interface DecoratorStrategy extends Strategy {

    /** The key of this layer, with the strategy's prefix. */
    KeyPlan key();

    /** The runtime class of the layer's field; it implements {@code io.cashews.internal.Decorator}. */
    ClassName runtimeType();

    /**
     * The expression that builds the runtime object, run once in the proxy's constructor (where
     * {@code this.cache} and {@code this.delegate} are set). It may add constants to the class.
     */
    CodeBlock create(MethodModel method, ClassContext context);

    /** Whether the layer needs the call's arguments (a condition, a TTL function…). */
    boolean needsArguments();

    /**
     * Whether the layer must know if the delegate really ran for this call (a failover layer
     * stores only real computations, never a value an inner layer served). When it does and
     * other layers sit inside it, the stack writer creates an {@code io.cashews.internal.Origin}
     * per call, passes it to this layer's {@code call(key, args, origin, inner)} /
     * {@code callAsync(key, args, origin, inner)} and has the delegate lambda mark it.
     */
    default boolean tracksOrigin() {
        return false;
    }
}
