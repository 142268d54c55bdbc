package io.cashews.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.cashews.processor.model.InvalidateStrategy;
import io.cashews.processor.model.MethodModel;
import io.cashews.processor.model.TagPlan;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code @Invalidate}: an {@code InvalidateMethod} whose keys, patterns and tags are rendered
 * from the call's arguments, only after the call succeeded.
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
        // A template is a glob only when its own text holds '*'; a '*' from an argument is a character.
        List<TagPlan> keys = invalidate.keys().stream().filter(k -> !k.plan().isPattern()).toList();
        List<TagPlan> patterns = invalidate.keys().stream().filter(k -> k.plan().isPattern()).toList();
        if (!keys.isEmpty()) {
            chain.add("$Z.keys($L)", TagWriter.renderer(method, context, method.name() + "InvalidateKeys", keys));
        }
        if (!patterns.isEmpty()) {
            chain.add("$Z.patterns($L)",
                    TagWriter.patternRenderer(method, context, method.name() + "InvalidatePatterns", patterns));
        }
        if (!invalidate.tags().isEmpty()) {
            chain.add("$Z.tags($L)",
                    TagWriter.renderer(method, context, method.name() + "InvalidateTags", invalidate.tags()));
        }
        return chain.add("$Z.build()").build();
    }
}
