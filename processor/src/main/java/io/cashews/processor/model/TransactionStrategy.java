package io.cashews.processor.model;

import java.util.List;

/**
 * {@code @CacheTransaction}: one layer that runs the inner layers and the delegate in a cache
 * transaction. Its key is a constant the runtime ignores, so the layer renders nothing per call.
 *
 * @param mode the mode's constant name ({@code FAST}, {@code LOCKED}, {@code SERIALIZABLE})
 * @param timeoutMillis the lock timeout, positive
 */
public record TransactionStrategy(String mode, long timeoutMillis) implements Strategy {

    private static final KeyPlan NO_KEY = new KeyPlan(List.of(new KeyPlan.Text("transaction")));

    @Override
    public KeyPlan key() {
        return NO_KEY;
    }

    @Override
    public boolean needsArguments() {
        return false;
    }
}
