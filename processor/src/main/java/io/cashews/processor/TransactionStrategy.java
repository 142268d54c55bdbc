package io.cashews.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.List;

/**
 * {@code @CacheTransaction}: one layer that runs the inner layers and the delegate in a cache
 * transaction. Its key is a constant the runtime ignores, so the layer renders nothing per call.
 *
 * @param mode the mode's constant name ({@code FAST}, {@code LOCKED}, {@code SERIALIZABLE})
 * @param timeoutMillis the lock timeout, positive
 */
record TransactionStrategy(String mode, long timeoutMillis) implements DecoratorStrategy {

    private static final KeyPlan NO_KEY = new KeyPlan(List.of(new KeyPlan.Text("transaction")));

    @Override
    public KeyPlan key() {
        return NO_KEY;
    }

    @Override
    public ClassName runtimeType() {
        return ClassName.get("io.cashews.internal", "TransactionMethod");
    }

    @Override
    public CodeBlock create(MethodModel method, ClassContext context) {
        return CodeBlock.of("$T.of(this.cache, $S, $LL)", runtimeType(), mode, timeoutMillis);
    }

    @Override
    public boolean needsArguments() {
        return false;
    }
}
