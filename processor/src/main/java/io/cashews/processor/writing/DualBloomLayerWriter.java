package io.cashews.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.cashews.processor.model.DualBloomStrategy;
import io.cashews.processor.model.MethodModel;

/** {@code @DualBloom}: a {@code DualBloomMethod} with its key base and geometry as literals. */
final class DualBloomLayerWriter implements LayerWriter<DualBloomStrategy> {

    @Override
    public ClassName runtimeType() {
        return RuntimeNames.DUAL_BLOOM_METHOD;
    }

    @Override
    public CodeBlock create(DualBloomStrategy dual, MethodModel method, ClassContext context) {
        return CodeBlock.of("new $T(cache, $S, $LL, $L)", runtimeType(), dual.filterKeyBase(), dual.capacity(),
                Double.toString(dual.falsePositives()));
    }
}
