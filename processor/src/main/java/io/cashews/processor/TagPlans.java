package io.cashews.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import io.cashews.processor.template.KeyTemplates;
import io.cashews.processor.template.TemplateSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * Templates over a method's parameters that are rendered only when a strategy needs them: the
 * {@code tags} of the caching annotations and the keys and tags of {@code @Invalidate}. They are
 * validated like key templates (unknown parameters and properties, formatters, syntax), and
 * written as one private method per list that renders all of them from the call's
 * {@code Object[]} arguments ({@code io.cashews.internal.TemplateRenderer}).
 */
final class TagPlans {
    static final ClassName RENDERER = ClassName.get("io.cashews.internal", "TemplateRenderer");

    /**
     * One validated template.
     *
     * @param template the template as written
     * @param plan how to render it
     */
    record Tag(String template, KeyPlan plan) {}

    private final KeyResolver keys;

    TagPlans(TypeSupport support) {
        this.keys = new KeyResolver(support);
    }

    /** The written entries of a {@code String[]} attribute, each with its own node for errors. */
    static List<Attribute<String>> strings(Map<String, AnnotationValue> values, String name) {
        AnnotationValue node = values.get(name);
        List<Attribute<String>> entries = new ArrayList<>();
        if (node != null && node.getValue() instanceof List<?> elements) {
            for (Object element : elements) {
                AnnotationValue value = element instanceof AnnotationValue v ? v : node;
                entries.add(new Attribute<>(String.valueOf(value.getValue()), value));
            }
        }
        return entries;
    }

    /**
     * Validates the {@code tags} attribute of a caching annotation.
     *
     * @return the tags (empty when none are written), or {@code null} after reporting an error
     */
    @Nullable List<Tag> tags(MethodRule.Context context, AnnotationMirror mirror, Map<String, AnnotationValue> values,
            String annotation) {
        List<Tag> tags = new ArrayList<>();
        boolean ok = true;
        for (Attribute<String> entry : strings(values, "tags")) {
            if (entry.value().isBlank()) {
                context.report().error(Messages.emptyTag(annotation), context.method(), mirror, entry.node());
                ok = false;
                continue;
            }
            Tag tag = resolve(context, mirror, entry);
            ok &= tag != null;
            if (tag != null) {
                tags.add(tag);
            }
        }
        return ok ? List.copyOf(tags) : null;
    }

    /** One template over the method's parameters, or {@code null} after reporting why it cannot be used. */
    @Nullable Tag resolve(MethodRule.Context context, AnnotationMirror mirror, Attribute<String> entry) {
        String template = entry.value();
        try {
            KeyPlan plan = keys.resolve(new KeyResolver.Source(template, "", KeyTemplates.parse(template),
                    CacheRule.parameters(context), context.method(), mirror, entry.node()), context.report());
            return plan == null ? null : new Tag(template, plan);
        } catch (TemplateSyntaxException e) {
            context.report().error(Messages.templateSyntax(template, e.getMessage(), e.offset()), context.method(),
                    mirror, entry.node());
            return null;
        }
    }

    /**
     * Writes {@code private String[] <name>(Object[] args)}, which unpacks the arguments into
     * locals named like the parameters and renders every template, and returns the method
     * reference that the runtime gets ({@code this::name}).
     */
    static CodeBlock renderer(MethodModel method, ClassContext context, String name, List<Tag> templates) {
        String helper = context.newMember(name);
        NameAllocator names = MethodWriter.locals(method);
        String args = names.newName("args");
        CodeBlock.Builder body = CodeBlock.builder();
        List<MethodModel.Parameter> parameters = method.parameters();
        boolean unchecked = false;
        for (int i = 0; i < parameters.size(); i++) {
            MethodModel.Parameter parameter = parameters.get(i);
            if (uses(templates, parameter.name())) {
                body.addStatement("$T $N = ($T) $N[$L]", parameter.type(), parameter.name(), parameter.type(), args, i);
                unchecked |= !reifiable(parameter.type());
            }
        }
        List<String> rendered = new ArrayList<>();
        for (int i = 0; i < templates.size(); i++) {
            String local = names.newName(i == 0 ? "text" : "text" + (i + 1));
            KeyWriter.write(body, templates.get(i).plan(), method, context, local, helper);
            rendered.add(local);
        }
        body.addStatement("return new $T[] {$L}", String.class,
                rendered.stream().map(local -> CodeBlock.of("$N", local)).collect(CodeBlock.joining(", ")));
        MethodSpec.Builder spec = MethodSpec.methodBuilder(helper)
                .addModifiers(Modifier.PRIVATE)
                .addTypeVariables(method.typeVariables())
                .returns(String[].class)
                .addParameter(ParameterSpec.builder(Object[].class, args).build())
                .addCode(body.build());
        if (unchecked) {
            // Casting an argument to a generic parameter type is unchecked, and safe: it is the
            // very argument the proxy received as that type.
            spec.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                    .addMember("value", "$S", "unchecked").build());
        }
        context.addHelper(spec.build());
        return CodeBlock.of("this::$N", helper);
    }

    private static boolean uses(List<Tag> templates, String parameter) {
        for (Tag template : templates) {
            for (KeyPlan.Part part : template.plan().parts()) {
                if ((part instanceof KeyPlan.Value value && value.parameter().equals(parameter))
                        || (part instanceof KeyPlan.Path path && path.parameter().equals(parameter))) {
                    return true;
                }
            }
        }
        return false;
    }

    // Casting Object to such a type is checked at run time; to any other it is unchecked.
    private static boolean reifiable(TypeName type) {
        if (type instanceof ArrayTypeName array) {
            return reifiable(array.componentType());
        }
        return type.isPrimitive() || type instanceof ClassName;
    }

    /**
     * Registers each tag template for the layer's key template in the proxy's constructor, so that
     * the facade accepts the layer's tagged writes and can clean the tags of deleted keys.
     */
    static void register(ClassContext context, List<Tag> tags, String keyTemplate) {
        for (Tag tag : tags) {
            context.constructor().addStatement("this.cache.registerTag($S, $S)", tag.template(), keyTemplate);
        }
    }

    /**
     * Adds {@code .tags(this::…)} to a layer's builder chain and the registrations, when the layer
     * has tags.
     */
    static void add(CodeBlock.Builder chain, MethodModel method, ClassContext context, String layer, List<Tag> tags,
            String keyTemplate) {
        if (tags.isEmpty()) {
            return;
        }
        register(context, tags, keyTemplate);
        chain.add(".tags($L)", renderer(method, context, method.name() + layer + "Tags", tags));
    }
}
