package io.cashews.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.cashews.processor.model.MethodModel;
import io.cashews.processor.model.Strategy;

/**
 * Writes the runtime object of one strategy as a layer of a stack: one implementation per
 * {@link Strategy} record, registered in {@link LayerWriters}, so that {@link StackWriter} needs
 * nothing else to know about a strategy.
 *
 * @param <S> the strategy it writes
 */
interface LayerWriter<S extends Strategy> {

    /** The runtime class of the layer's field; it implements {@code io.cashews.internal.Decorator}. */
    ClassName runtimeType();

    /**
     * The expression that builds the runtime object, run once in the proxy's constructor (where
     * {@code this.cache} and {@code this.delegate} are set). It may add constants and helpers to
     * the class.
     */
    CodeBlock create(S strategy, MethodModel method, ClassContext context);

    /**
     * Whether {@link #create} sets {@code cancellable(true)} for a {@code Mono}'s or {@code Uni}'s
     * method itself; otherwise the stack wraps the layer in a {@code CancellableLayer}, which
     * suits a layer that shares nothing between callers and calls its inner layer once per call.
     */
    default boolean cancellable() {
        return false;
    }
}
