package io.cashews.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;

/**
 * The strategy models of the Bloom filter annotations: {@code @Bloom}, {@code @BloomAdd} and
 * {@code @DualBloom}. Each is one {@link DecoratorStrategy} layer whose key is the element (the
 * rendered key template, without prefix) and whose runtime object holds the filter's key and
 * geometry as literals; the geometry ({@code m}, {@code k}) is computed again at run time from the
 * same numbers, by the same formula.
 */
final class BloomStrategies {
    private BloomStrategies() {}

    private static final String INTERNAL = "io.cashews.internal";
    static final ClassName BLOOM_FILTER = ClassName.get(INTERNAL, "BloomFilter");

    /**
     * {@code @Bloom}.
     *
     * @param key the element's key
     * @param filterKeyBase {@code <prefix>:<package>.<Interface>.<name>}, without the size
     * @param capacity the capacity
     * @param falsePositives the false-positive rate in percent
     * @param checkFalsePositive whether a positive answer is confirmed by the delegate
     */
    record Bloom(KeyPlan key, String filterKeyBase, long capacity, double falsePositives, boolean checkFalsePositive)
            implements DecoratorStrategy {
        @Override
        public ClassName runtimeType() {
            return ClassName.get(INTERNAL, "BloomMethod");
        }

        @Override
        public CodeBlock create(MethodModel method, ClassContext context) {
            return CodeBlock.of("new $T(this.cache, $L, $L)", runtimeType(),
                    filter(filterKeyBase, capacity, falsePositives), checkFalsePositive);
        }

        @Override
        public boolean needsArguments() {
            return false;
        }
    }

    /**
     * {@code @BloomAdd}, with the geometry of its {@code @Bloom} sibling.
     *
     * @param key the element's key
     * @param filterKeyBase the sibling's filter key base
     * @param capacity the sibling's capacity
     * @param falsePositives the sibling's false-positive rate in percent
     */
    record BloomAdd(KeyPlan key, String filterKeyBase, long capacity, double falsePositives)
            implements DecoratorStrategy {
        @Override
        public ClassName runtimeType() {
            return ClassName.get(INTERNAL, "BloomAddMethod");
        }

        @Override
        public CodeBlock create(MethodModel method, ClassContext context) {
            return CodeBlock.of("new $T(this.cache, $L)", runtimeType(), filter(filterKeyBase, capacity, falsePositives));
        }

        @Override
        public boolean needsArguments() {
            return false;
        }
    }

    /**
     * {@code @DualBloom}.
     *
     * @param key the element's key
     * @param filterKeyBase {@code <prefix>:<package>.<Interface>.<name>}, without the size
     * @param capacity the capacity of each filter
     * @param falsePositives the false-positive rate of each filter in percent
     */
    record DualBloom(KeyPlan key, String filterKeyBase, long capacity, double falsePositives)
            implements DecoratorStrategy {
        @Override
        public ClassName runtimeType() {
            return ClassName.get(INTERNAL, "DualBloomMethod");
        }

        @Override
        public CodeBlock create(MethodModel method, ClassContext context) {
            return CodeBlock.of("new $T(this.cache, $S, $LL, $L)", runtimeType(), filterKeyBase, capacity,
                    Double.toString(falsePositives));
        }

        @Override
        public boolean needsArguments() {
            return false;
        }
    }

    private static CodeBlock filter(String keyBase, long capacity, double falsePositives) {
        return CodeBlock.of("new $T($S, $LL, $L)", BLOOM_FILTER, keyBase, capacity, Double.toString(falsePositives));
    }

    /** The number of bits, as {@code io.cashews.internal.BloomFilter.bitCount} computes it. */
    static long bitCount(long capacity, double falsePositivesPercent) {
        double ln2 = Math.log(2);
        return (long) Math.ceil(-capacity * Math.log(falsePositivesPercent / 100) / (ln2 * ln2));
    }

    /** The number of hash functions, as {@code io.cashews.internal.BloomFilter.hashCount} computes it. */
    static long hashCount(long capacity, long bits) {
        return (long) Math.rint((double) bits / capacity * Math.log(2));
    }
}
