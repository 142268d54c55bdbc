package io.cashews.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.cashews.processor.model.BloomStrategy;
import io.cashews.processor.model.MethodModel;

/** {@code @Bloom}: a {@code BloomMethod} over a {@code BloomFilter} written with literal geometry. */
final class BloomLayerWriter implements LayerWriter<BloomStrategy> {

    @Override
    public ClassName runtimeType() {
        return RuntimeNames.BLOOM_METHOD;
    }

    @Override
    public CodeBlock create(BloomStrategy bloom, MethodModel method, ClassContext context) {
        return CodeBlock.of("new $T(cache, $L, $L)", runtimeType(),
                filter(bloom.filterKeyBase(), bloom.capacity(), bloom.falsePositives()), bloom.checkFalsePositive());
    }

    /** {@code new BloomFilter("key", capacityL, rate)}: the runtime computes the geometry from these. */
    static CodeBlock filter(String keyBase, long capacity, double falsePositives) {
        return CodeBlock.of("new $T($S, $LL, $L)", RuntimeNames.BLOOM_FILTER, keyBase, capacity,
                Double.toString(falsePositives));
    }
}
