package io.cashews.processor.model;

/**
 * A validated {@code @BloomAdd}, with the geometry of its {@code @Bloom} sibling.
 *
 * @param key the element's key
 * @param filterKeyBase the sibling's filter key base
 * @param capacity the sibling's capacity
 * @param falsePositives the sibling's false-positive rate in percent
 */
public record BloomAddStrategy(KeyPlan key, String filterKeyBase, long capacity, double falsePositives)
        implements Strategy {

    @Override
    public boolean needsArguments() {
        return false;
    }
}
