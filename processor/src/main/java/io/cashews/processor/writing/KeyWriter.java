package io.cashews.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.NameAllocator;
import io.cashews.processor.model.KeyPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes the code that builds a key from a {@link KeyPlan}: one string concatenation of literal
 * pieces and values. javac compiles it to an {@code invokedynamic} string concatenation whose
 * recipe holds the literal pieces as constants and which sizes the result exactly, so a key
 * costs one {@code String} and one array, without a growing builder. Simple values are
 * concatenated directly (primitives unboxed); property paths are walked null-safely in the method
 * itself, one local per link before the key:
 *
 * <pre>{@code
 * var customer = ref == null ? null : ref.customer();
 * String key = "latest:" + (customer == null ? "null" : customer.id()) + ":" + page;
 * }</pre>
 */
final class KeyWriter {
    private KeyWriter() {}

    /**
     * Adds the statements that leave the key in a new local.
     *
     * @param names the method's locals; the links of property paths take theirs from it
     * @param key the local name to use for the key
     */
    static void write(CodeBlock.Builder body, KeyPlan plan, NameAllocator names, String key) {
        body.addStatement("var $N = $L", key, expression(body, plan, names, Map.of()));
    }

    /**
     * The concatenation, after adding the locals of property paths to {@code body}.
     *
     * @param values the expressions of parameters not read by their names ({@code args[0]}); a
     *     value used directly renders the same through {@code Object}, so no cast is needed
     */
    static CodeBlock expression(CodeBlock.Builder body, KeyPlan plan, NameAllocator names,
            Map<String, CodeBlock> values) {
        return expression(body, plan, names, values, false);
    }

    /**
     * The concatenation, as {@link #expression(CodeBlock.Builder, KeyPlan, NameAllocator, Map)};
     * with {@code glob}, for a deletion pattern: each value also escaped for the glob
     * ({@code Keys.glob}), so that it matches only itself while the template's own {@code *}
     * stays a wildcard.
     */
    static CodeBlock expression(CodeBlock.Builder body, KeyPlan plan, NameAllocator names,
            Map<String, CodeBlock> values, boolean glob) {
        Map<String, String> links = new HashMap<>();
        List<CodeBlock> pieces = new ArrayList<>();
        for (KeyPlan.Part part : plan.parts()) {
            CodeBlock piece;
            if (part instanceof KeyPlan.Text text) {
                pieces.add(CodeBlock.of("$S", text.text()));
                continue;
            } else if (part instanceof KeyPlan.Value value) {
                CodeBlock read = values.get(value.parameter());
                // args[i] is an Object: a String read from it renders (and escapes) through Keys.render.
                KeyPlan.Render render = read != null && value.render() == KeyPlan.Render.STRING
                        ? KeyPlan.Render.OTHER : value.render();
                piece = text(read != null ? read : CodeBlock.of("$N", value.parameter()), render, value.format());
                if (value.format() == null && render != KeyPlan.Render.STRING && render != KeyPlan.Render.OTHER) {
                    // A number or a boolean: nothing a glob could take for a wildcard.
                    pieces.add(piece);
                    continue;
                }
            } else if (part instanceof KeyPlan.Path path) {
                piece = path(body, path, names, links);
            } else {
                piece = CodeBlock.of("$T.render($T.get($S))", RuntimeNames.KEYS, RuntimeNames.KEY_CONTEXT,
                        ((KeyPlan.Context) part).name());
            }
            pieces.add(glob ? CodeBlock.of("$T.glob($L)", RuntimeNames.KEYS, piece) : piece);
        }
        // A leading "" makes the expression a String concatenation even when the first pieces are
        // numbers; javac folds it into the recipe.
        if (pieces.isEmpty() || !(plan.parts().get(0) instanceof KeyPlan.Text)) {
            pieces.add(0, CodeBlock.of("$S", ""));
        }
        return CodeBlock.join(pieces, " +$W");
    }

    /**
     * The path as a concatenation operand: {@code "null"} as soon as a link is null, else the last
     * value rendered. Every link but the last becomes a local (shared by the paths of one key that
     * start alike), so the operand itself reads one property.
     */
    private static CodeBlock path(CodeBlock.Builder body, KeyPlan.Path path, NameAllocator names,
            Map<String, String> links) {
        String current = path.parameter();
        StringBuilder walked = new StringBuilder(current);
        List<KeyPlan.Step> steps = path.steps();
        for (KeyPlan.Step step : steps.subList(0, steps.size() - 1)) {
            walked.append('.').append(step.access()).append(':').append(step.member());
            String link = links.get(walked.toString());
            if (link == null) {
                link = names.newName(step.member());
                body.addStatement("var $N = $N == null ? null : $L", link, current, read(current, step));
                links.put(walked.toString(), link);
            }
            current = link;
        }
        CodeBlock last = read(current, steps.get(steps.size() - 1));
        if (path.format() == null && path.render() == KeyPlan.Render.STRING) {
            // escape renders null as "null" itself.
            return CodeBlock.of("$T.escape($N == null ? null : $L)", RuntimeNames.KEYS, current, last);
        }
        CodeBlock value = path.format() != null ? text(last, path.render(), path.format())
                : path.render() == KeyPlan.Render.OTHER ? CodeBlock.of("$T.render($L)", RuntimeNames.KEYS, last)
                : CodeBlock.of("$T.valueOf($L)", String.class, last);
        return CodeBlock.of("($N == null ? $S : $L)", current, "null", value);
    }

    private static CodeBlock read(String holder, KeyPlan.Step step) {
        return switch (step.access()) {
            case METHOD -> CodeBlock.of("$N.$N()", holder, step.member());
            case FIELD -> CodeBlock.of("$N.$N", holder, step.member());
            case MAP_GET -> CodeBlock.of("$N.get($S)", holder, step.member());
        };
    }

    /**
     * The value as a concatenation operand, escaped (SPEC §5): a {@code String} through
     * {@code Keys.escape}, numbers and booleans as they are (concatenation renders {@code null}
     * as "null", and they hold nothing to escape), anything else through {@code Keys.render}. A
     * formatter takes the plain text and its result is escaped (the built-in ones, which take a
     * {@code String} as it is, null included, do that themselves).
     */
    private static CodeBlock text(CodeBlock value, KeyPlan.Render render, KeyPlan.@Nullable Format format) {
        if (format != null) {
            CodeBlock formatted = formatted(value, render, format);
            // The built-in ones (Keys.lower, ...) escape their own result.
            return format.owner() == null ? formatted : CodeBlock.of("$T.formatted($L)", RuntimeNames.KEYS, formatted);
        }
        return switch (render) {
            case STRING -> CodeBlock.of("$T.escape($L)", RuntimeNames.KEYS, value);
            case PRIMITIVE, BOXED -> value;
            case OTHER -> CodeBlock.of("$T.render($L)", RuntimeNames.KEYS, value);
        };
    }

    private static CodeBlock formatted(CodeBlock value, KeyPlan.Render render, KeyPlan.Format format) {
        CodeBlock.Builder call = CodeBlock.builder()
                .add("$T.$N($L", format.owner() == null ? RuntimeNames.KEYS : Poet.className(format.owner()),
                        format.method(), format.owner() == null && render == KeyPlan.Render.STRING
                                ? value : plainText(value, render));
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

    /** The value's plain, unescaped text: what a formatter takes. */
    private static CodeBlock plainText(CodeBlock value, KeyPlan.Render render) {
        return switch (render) {
            case STRING, PRIMITIVE, BOXED -> CodeBlock.of("$T.valueOf($L)", String.class, value);
            case OTHER -> CodeBlock.of("$T.text($L)", RuntimeNames.KEYS, value);
        };
    }
}
