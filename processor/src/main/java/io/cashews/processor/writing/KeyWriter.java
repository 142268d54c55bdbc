package io.cashews.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import io.cashews.processor.model.KeyPlan;
import io.cashews.processor.model.MethodModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * Writes the code that builds a key from a {@link KeyPlan}: one string concatenation of literal
 * pieces and values. javac compiles it to an {@code invokedynamic} string concatenation whose
 * recipe holds the literal pieces as constants and which sizes the result exactly, so a key
 * costs one {@code String} and one array, without a growing builder. Simple values are
 * concatenated directly (primitives unboxed), property paths go through null-safe helper
 * methods.
 */
final class KeyWriter {
    private KeyWriter() {}

    /**
     * Adds the statement that leaves the key in a new local {@code key}.
     *
     * @param key the local name to use for the key
     * @param field the method's cache field, used to name helpers
     */
    static void write(CodeBlock.Builder body, KeyPlan plan, MethodModel method, ClassContext context,
            String key, String field) {
        List<CodeBlock> pieces = new ArrayList<>();
        for (KeyPlan.Part part : plan.parts()) {
            if (part instanceof KeyPlan.Text text) {
                pieces.add(CodeBlock.of("$S", text.text()));
            } else if (part instanceof KeyPlan.Value value) {
                pieces.add(text(value.parameter(), value.render(), value.format()));
            } else if (part instanceof KeyPlan.Path path) {
                pieces.add(CodeBlock.of("$N($N)", helper(path, method, context, field), path.parameter()));
            } else if (part instanceof KeyPlan.Context keyContext) {
                pieces.add(CodeBlock.of("$T.render($T.get($S))", RuntimeNames.KEYS, RuntimeNames.KEY_CONTEXT,
                        keyContext.name()));
            }
        }
        // A leading "" makes the expression a String concatenation even when the first pieces are
        // numbers; javac folds it into the recipe.
        if (pieces.isEmpty() || !(plan.parts().get(0) instanceof KeyPlan.Text)) {
            pieces.add(0, CodeBlock.of("$S", ""));
        }
        body.addStatement("$T $N = $L", String.class, key, CodeBlock.join(pieces, " +$W"));
    }

    /**
     * The value as a concatenation operand. Strings, primitives and boxes are used as they are
     * (concatenation renders {@code null} as "null"); anything else, and any formatter, yields a
     * {@code String} expression.
     */
    private static CodeBlock text(String variable, KeyPlan.Render render, KeyPlan.@Nullable Format format) {
        if (format != null) {
            CodeBlock.Builder call = CodeBlock.builder()
                    .add("$T.$N($L", format.owner() == null ? RuntimeNames.KEYS : Poet.className(format.owner()), format.method(), rendered(variable, render));
            List<String> arguments = format.arguments();
            arguments.subList(0, format.fixed()).forEach(a -> call.add(", $S", a));
            if (format.varargs()) {
                // An explicit array, so that an overload with more fixed parameters cannot be chosen.
                call.add(", new $T[] {$L}", String.class, arguments.subList(format.fixed(), arguments.size()).stream()
                        .map(a -> CodeBlock.of("$S", a))
                        .collect(CodeBlock.joining(", ")));
            }
            return call.add(")").build();
        }
        return switch (render) {
            case STRING, PRIMITIVE, BOXED -> CodeBlock.of("$N", variable);
            case OTHER -> CodeBlock.of("$T.render($N)", RuntimeNames.KEYS, variable);
        };
    }

    /** The value rendered as a {@code String}, for formatters and helper results. */
    private static CodeBlock rendered(String variable, KeyPlan.Render render) {
        return switch (render) {
            case STRING, PRIMITIVE, BOXED -> CodeBlock.of("$T.valueOf($N)", String.class, variable);
            case OTHER -> CodeBlock.of("$T.render($N)", RuntimeNames.KEYS, variable);
        };
    }

    /**
     * Writes {@code private static String keyPart$<field>$<n>(Param value)}, which walks the path
     * and returns {@code "null"} as soon as a link is null. It is an instance method when the
     * interface is generic, because the parameter type may use the class's type variables.
     */
    private static String helper(KeyPlan.Path path, MethodModel method, ClassContext context, String field) {
        String name = context.newMember("keyPart$" + field + "$" + context.helpers().size());
        MethodSpec.Builder helper = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE)
                .addTypeVariables(Poet.variables(method.typeVariables()))
                .returns(String.class)
                .addParameter(ParameterSpec.builder(Poet.type(path.parameterType()), "value").build());
        if (!context.model().isGeneric()) {
            helper.addModifiers(Modifier.STATIC);
        }
        String current = "value";
        helper.beginControlFlow("if ($N == null)", current)
                .addStatement("return $S", "null")
                .endControlFlow();
        for (int i = 0; i < path.steps().size(); i++) {
            KeyPlan.Step step = path.steps().get(i);
            String next = "v" + (i + 1);
            CodeBlock read = switch (step.access()) {
                case METHOD -> CodeBlock.of("$N.$N()", current, step.member());
                case FIELD -> CodeBlock.of("$N.$N", current, step.member());
                case MAP_GET -> CodeBlock.of("$N.get($S)", current, step.member());
            };
            helper.addStatement("var $N = $L", next, read);
            boolean last = i == path.steps().size() - 1;
            if (!last && !step.primitive()) {
                helper.beginControlFlow("if ($N == null)", next)
                        .addStatement("return $S", "null")
                        .endControlFlow();
            }
            current = next;
        }
        KeyPlan.Format format = path.format();
        helper.addStatement("return $L", format != null
                ? text(current, path.render(), format)
                : rendered(current, path.render()));
        context.addHelper(helper.build());
        return name;
    }
}
