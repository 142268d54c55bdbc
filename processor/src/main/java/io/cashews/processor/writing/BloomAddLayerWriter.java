package io.cashews.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.cashews.processor.model.BloomAddStrategy;
import io.cashews.processor.model.MethodModel;

/** {@code @BloomAdd}: a {@code BloomAddMethod} over its sibling's filter. */
final class BloomAddLayerWriter implements LayerWriter<BloomAddStrategy> {

    @Override
    public ClassName runtimeType() {
        return RuntimeNames.BLOOM_ADD_METHOD;
    }

    @Override
    public CodeBlock create(BloomAddStrategy add, MethodModel method, ClassContext context) {
        return CodeBlock.of("new $T(cache, $L)", runtimeType(),
                BloomLayerWriter.filter(add.filterKeyBase(), add.capacity(), add.falsePositives()));
    }
}
