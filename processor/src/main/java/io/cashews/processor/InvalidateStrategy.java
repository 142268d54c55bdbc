package io.cashews.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A validated {@code @Invalidate}: a layer that lets the call run and, after a normal return,
 * deletes the keys and tags it renders from the arguments. Its own key is a constant naming the
 * method (the layer stores nothing under it); the templates are rendered by private methods of
 * the proxy, only after the call succeeded.
 *
 * @param method {@code <package>.<Interface>.<method>}
 * @param keys the key templates and patterns
 * @param tags the tag templates
 */
record InvalidateStrategy(String method, List<TagPlans.Tag> keys, List<TagPlans.Tag> tags)
        implements DecoratorStrategy {
    static final ClassName RUNTIME = ClassName.get("io.cashews.internal", "InvalidateMethod");

    InvalidateStrategy {
        keys = List.copyOf(keys);
        tags = List.copyOf(tags);
    }

    @Override
    public KeyPlan key() {
        return new KeyPlan(List.of(new KeyPlan.Text("invalidate:" + method)));
    }

    @Override
    public ClassName runtimeType() {
        return RUNTIME;
    }

    @Override
    public CodeBlock create(MethodModel model, ClassContext context) {
        String shown = Stream.concat(keys.stream().map(k -> "\"" + k.template() + "\""),
                tags.stream().map(t -> "tag \"" + t.template() + "\"")).collect(Collectors.joining(", "));
        CodeBlock.Builder chain = CodeBlock.builder().add("$T.builder(this.cache, $S)", RUNTIME, shown);
        if (!keys.isEmpty()) {
            chain.add(".keys($L)", TagPlans.renderer(model, context, model.name() + "InvalidateKeys", keys));
        }
        if (!tags.isEmpty()) {
            chain.add(".tags($L)", TagPlans.renderer(model, context, model.name() + "InvalidateTags", tags));
        }
        return chain.add(".build()").build();
    }

    @Override
    public boolean needsArguments() {
        return true;
    }
}
