package io.cashews.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import io.cashews.processor.model.KeyPlan;
import io.cashews.processor.model.MethodModel;
import io.cashews.processor.model.TagPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writes templates that are rendered only when a strategy needs them (the {@code tags} of the
 * caching annotations, the keys and tags of {@code @Invalidate}) as one function per list that
 * renders all of them from the call's {@code Object[]} arguments.
 */
final class TagWriter {
    private TagWriter() {}

    /**
     * The function that renders every template from the arguments: a lambda
     * ({@code args -> new String[] {...}}) when the templates only print arguments, else a
     * {@code private String[] <name>(Object[] args)} helper that casts the arguments whose
     * properties it reads to locals named like the parameters, passed as {@code this::name}.
     */
    static CodeBlock renderer(MethodModel method, ClassContext context, String name, List<TagPlan> templates) {
        return renderer(method, context, name, templates, false);
    }

    /** The renderer of deletion patterns: {@link #renderer}, each value escaped for the glob. */
    static CodeBlock patternRenderer(MethodModel method, ClassContext context, String name, List<TagPlan> templates) {
        return renderer(method, context, name, templates, true);
    }

    private static CodeBlock renderer(MethodModel method, ClassContext context, String name, List<TagPlan> templates,
            boolean glob) {
        NameAllocator names = MethodWriter.locals(method, context);
        String args = names.newName("args");
        CodeBlock.Builder body = CodeBlock.builder();
        List<MethodModel.Parameter> parameters = method.parameters();
        boolean unchecked = false;
        Map<String, CodeBlock> values = new HashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            MethodModel.Parameter parameter = parameters.get(i);
            values.put(parameter.name(), CodeBlock.of("$N[$L]", args, i));
            if (readsProperties(templates, parameter.name())) {
                TypeName type = Poet.type(parameter.type());
                body.addStatement("var $N = ($T) $N[$L]", parameter.name(), type, args, i);
                unchecked |= !parameter.type().isReifiable();
            }
        }
        List<CodeBlock> rendered = new ArrayList<>();
        for (TagPlan template : templates) {
            rendered.add(KeyWriter.expression(body, template.plan(), names, values, glob));
        }
        CodeBlock tags = CodeBlock.of("new $T[] {$L}", String.class, CodeBlock.join(rendered, ",$W"));
        if (body.isEmpty() && method.typeVariables().isEmpty()) {
            // Nothing to cast or to declare: a non-capturing lambda in the constructor does.
            return CodeBlock.of("$N ->$W$L", args, tags);
        }
        body.addStatement("return $L", tags);
        String helper = context.newMember(name);
        MethodSpec.Builder spec = MethodSpec.methodBuilder(helper)
                .addModifiers(Modifier.PRIVATE)
                .addTypeVariables(Poet.variables(method.typeVariables()))
                .returns(String[].class)
                .addParameter(ParameterSpec.builder(Object[].class, args).build())
                .addCode(body.build());
        if (unchecked) {
            // Casting an argument to a generic parameter type is unchecked, and safe: it is the
            // very argument the proxy received as that type.
            spec.addAnnotation(MethodWriter.suppress("unchecked"));
        }
        context.addHelper(spec.build());
        return CodeBlock.of("this::$N", helper);
    }

    private static boolean readsProperties(List<TagPlan> templates, String parameter) {
        for (TagPlan template : templates) {
            for (KeyPlan.Part part : template.plan().parts()) {
                if (part instanceof KeyPlan.Path path && path.parameter().equals(parameter)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Adds {@code .tags(this::…)} to a layer's builder chain and, in the proxy's constructor, registers
     * each tag template for the layer's key template, so that the facade accepts the layer's tagged
     * writes and can clean the tags of deleted keys.
     */
    static void add(CodeBlock.Builder chain, MethodModel method, ClassContext context, String layer,
            List<TagPlan> tags, String keyTemplate) {
        if (tags.isEmpty()) {
            return;
        }
        for (TagPlan tag : tags) {
            context.constructor().addStatement("cache.registerTag($S, $S)", tag.template(), keyTemplate);
        }
        chain.add("$Z.tags($L)", renderer(method, context, method.name() + layer + "Tags", tags));
    }
}
