package io.cashews.processor.model;

/**
 * A validated {@code @DualBloom}.
 *
 * @param key the element's key
 * @param filterKeyBase {@code <prefix>:<package>.<Interface>.<name>}, without the size
 * @param capacity the capacity of each filter
 * @param falsePositives the false-positive rate of each filter in percent
 */
public record DualBloomStrategy(KeyPlan key, String filterKeyBase, long capacity, double falsePositives)
        implements Strategy {

    @Override
    public boolean needsArguments() {
        return false;
    }
}
