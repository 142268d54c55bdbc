package io.cashews.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;

/**
 * A strategy written as one layer of nested {@code io.cashews.internal.Decorator} calls, so that
 * it stacks with the others: each annotation other than a lone {@code @Cache} implements this,
 * and the stack writer needs nothing else to know about it.
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
}
