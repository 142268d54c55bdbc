package io.cashews.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * Writes the code that builds a key from a {@link KeyPlan}: a presized {@code StringBuilder},
 * literal pieces as constants, simple values appended directly, property paths walked by
 * null-safe helper methods.
 */
final class KeyWriter {
    private KeyWriter() {}

    /**
     * Adds statements that leave the key in a new local {@code key}.
     *
     * @param sb the local name to use for the builder
     * @param key the local name to use for the key
     * @param field the method's cache field, used to name helpers
     */
    static void write(CodeBlock.Builder body, KeyPlan plan, MethodModel method, ClassContext context,
            String sb, String key, String field) {
        body.addStatement("$T $N = new $T($L)", StringBuilder.class, sb, StringBuilder.class, plan.capacity());
        for (KeyPlan.Part part : plan.parts()) {
            if (part instanceof KeyPlan.Text text) {
                body.addStatement("$N.append($L)", sb, literal(text.text()));
            } else if (part instanceof KeyPlan.Value value) {
                body.addStatement("$L", append(sb, value.parameter(), value.render(), value.format()));
            } else if (part instanceof KeyPlan.Path path) {
                String helper = helper(path, method, context, field);
                body.addStatement("$N($N, $N)", helper, sb, path.parameter());
            } else if (part instanceof KeyPlan.Context keyContext) {
                body.addStatement("$T.append($N, $T.get($S))", RuntimeNames.KEYS, sb, RuntimeNames.KEY_CONTEXT,
                        keyContext.name());
            }
        }
        body.addStatement("$T $N = $N.toString()", String.class, key, sb);
    }

    /** A single character as a {@code char} literal (the cheaper {@code append}), else a string literal. */
    private static CodeBlock literal(String text) {
        if (text.length() == 1) {
            char c = text.charAt(0);
            String escaped = switch (c) {
                case '\'' -> "\\'";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
            };
            return CodeBlock.of("'$L'", escaped);
        }
        return CodeBlock.of("$S", text);
    }

    /** The statement appending {@code variable} (of the given render kind) to {@code sb}. */
    private static CodeBlock append(String sb, String variable, KeyPlan.Render render, KeyPlan.@Nullable Format format) {
        if (format != null) {
            CodeBlock.Builder call = CodeBlock.builder()
                    .add("$N.append($T.$N($L", sb, RuntimeNames.KEYS, format.method(), text(variable, render));
            format.arguments().forEach(a -> call.add(", $S", a));
            return call.add("))").build();
        }
        return switch (render) {
            // StringBuilder.append renders null Strings and boxes as "null" on its own.
            case STRING, PRIMITIVE, BOXED -> CodeBlock.of("$N.append($N)", sb, variable);
            case ENUM -> CodeBlock.of("$N.append($N == null ? $S : $N.name())", sb, variable, "null", variable);
            case OTHER -> CodeBlock.of("$T.append($N, $N)", RuntimeNames.KEYS, sb, variable);
        };
    }

    /** The value rendered as a {@code String}, for formatters. */
    private static CodeBlock text(String variable, KeyPlan.Render render) {
        return switch (render) {
            case STRING, PRIMITIVE, BOXED -> CodeBlock.of("$T.valueOf($N)", String.class, variable);
            case ENUM -> CodeBlock.of("$N == null ? $S : $N.name()", variable, "null", variable);
            case OTHER -> CodeBlock.of("$T.render($N)", RuntimeNames.KEYS, variable);
        };
    }

    /**
     * Writes {@code private static void appendKey$<field>$<n>(StringBuilder sb, Param value)}, which
     * walks the path and appends {@code "null"} as soon as a link is null. It is an instance method
     * when the interface is generic, because the parameter type may use the class's type variables.
     */
    private static String helper(KeyPlan.Path path, MethodModel method, ClassContext context, String field) {
        String name = context.newMember("appendKey$" + field + "$" + context.helpers().size());
        MethodSpec.Builder helper = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE)
                .addTypeVariables(method.typeVariables())
                .addParameter(StringBuilder.class, "sb")
                .addParameter(ParameterSpec.builder(path.parameterType(), "value").build());
        if (!context.model().isGeneric()) {
            helper.addModifiers(Modifier.STATIC);
        }
        String current = "value";
        helper.beginControlFlow("if ($N == null)", current)
                .addStatement("$N.append($S)", "sb", "null")
                .addStatement("return")
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
                        .addStatement("$N.append($S)", "sb", "null")
                        .addStatement("return")
                        .endControlFlow();
            }
            current = next;
        }
        helper.addStatement("$L", append("sb", current, path.render(), path.format()));
        context.addHelper(helper.build());
        return name;
    }
}
