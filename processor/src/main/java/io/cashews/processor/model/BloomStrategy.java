package io.cashews.processor.model;

/**
 * A validated {@code @Bloom}: a layer whose key is the element (the rendered key template, without
 * prefix) and whose runtime object holds the filter's key and geometry as literals; the geometry
 * ({@code m}, {@code k}) is computed again at run time from the same numbers, by the same formula.
 *
 * @param key the element's key
 * @param filterKeyBase {@code <prefix>:<package>.<Interface>.<name>}, without the size
 * @param capacity the capacity
 * @param falsePositives the false-positive rate in percent
 * @param checkFalsePositive whether a positive answer is confirmed by the delegate
 */
public record BloomStrategy(KeyPlan key, String filterKeyBase, long capacity, double falsePositives,
        boolean checkFalsePositive) implements Strategy {

    @Override
    public boolean needsArguments() {
        return false;
    }
}
