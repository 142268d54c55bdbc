package io.cashews.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.cashews.processor.model.InvalidateStrategy;
import io.cashews.processor.model.MethodModel;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code @Invalidate}: an {@code InvalidateMethod} whose keys and tags are rendered by private
 * methods of the proxy, only after the call succeeded.
 */
final class InvalidateLayerWriter implements LayerWriter<InvalidateStrategy> {

    @Override
    public ClassName runtimeType() {
        return RuntimeNames.INVALIDATE_METHOD;
    }

    @Override
    public CodeBlock create(InvalidateStrategy invalidate, MethodModel method, ClassContext context) {
        String shown = Stream.concat(invalidate.keys().stream().map(k -> "\"" + k.template() + "\""),
                invalidate.tags().stream().map(t -> "tag \"" + t.template() + "\"")).collect(Collectors.joining(", "));
        CodeBlock.Builder chain = CodeBlock.builder().add("$T.builder(cache, $S)", runtimeType(), shown);
        if (!invalidate.keys().isEmpty()) {
            chain.add("$Z.keys($L)",
                    TagWriter.renderer(method, context, method.name() + "InvalidateKeys", invalidate.keys()));
        }
        if (!invalidate.tags().isEmpty()) {
            chain.add("$Z.tags($L)",
                    TagWriter.renderer(method, context, method.name() + "InvalidateTags", invalidate.tags()));
        }
        return chain.add("$Z.build()").build();
    }
}
