package io.cashews.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.cashews.processor.model.ExceptionCaching;
import io.cashews.processor.model.MethodModel;
import io.cashews.processor.model.TagPlan;
import io.cashews.processor.model.TypeRef;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Builds the constructor expression of a storing layer: {@code X.builder(cache, "tpl")}
 * followed by its setters, durations as literals ({@code .ttlMillis(600_000L)}), one wrap point
 * before each. Also holds the pieces every layer writer shares.
 */
final class LayerCode {
    /** Compiled once: {@code String.replaceAll} compiled it for every constant. */
    private static final Pattern CAMEL_HUMP = Pattern.compile("([a-z0-9])([A-Z])");

    private final MethodModel method;
    private final ClassContext context;
    private final String layer;
    private final String template;
    private final CodeBlock.Builder chain = CodeBlock.builder();

    LayerCode(MethodModel method, ClassContext context, ClassName runtimeType, String layer, String template) {
        this.method = method;
        this.context = context;
        this.layer = layer;
        this.template = template;
        chain.add("$T.builder(cache, $S)", runtimeType, template);
    }

    /** {@code .setter(600_000L)} when {@code value} is positive. */
    LayerCode millis(String setter, long value) {
        if (value > 0) {
            chain.add("$Z.$N($L)", setter, millis(value));
        }
        return this;
    }

    /** {@code .setter(value)} for an int option. */
    LayerCode integer(String setter, int value) {
        chain.add("$Z.$N($L)", setter, value);
        return this;
    }

    /** {@code .condition(new C())} when a condition class is set. */
    LayerCode condition(TypeRef.@Nullable Named condition) {
        if (condition != null) {
            chain.add("$Z.condition(new $T())", Poet.className(condition));
        }
        return this;
    }

    /** {@code .setter(A.class, B.class)} when {@code types} is not empty. */
    LayerCode classes(String setter, List<TypeRef> types) {
        if (!types.isEmpty()) {
            chain.add("$Z.$N($L)", setter, classLiterals(types));
        }
        return this;
    }

    /** Stored exceptions ({@code withExceptions} / {@code onlyExceptions}). */
    LayerCode exceptions(ExceptionCaching caching) {
        exceptions(chain, caching);
        return this;
    }

    /** {@code .protect(false)} when the default is turned off. */
    LayerCode protect(boolean protect) {
        if (!protect) {
            chain.add("$Z.protect(false)");
        }
        return this;
    }

    /** {@code .tags(this::…)} and the tag registrations, when the annotation has tags. */
    LayerCode tags(List<TagPlan> tags) {
        String name = layer.isEmpty() ? "" : layer.charAt(0) + layer.substring(1).toLowerCase(Locale.ROOT);
        TagWriter.add(chain, method, context, name, tags, template);
        return this;
    }

    /** The chain with the layer's value type and {@code fingerprint} (of its stored values' shape and version). */
    CodeBlock build(long fingerprint) {
        // Every layer written here stores results: it reads them back as the method's declared type.
        ValueTypeCode.add(chain, ValueTypeCode.read(method, ValueTypeCode.stored(method)), fingerprint, context);
        ReactiveCode.cancellable(chain, method);
        return chain.add("$Z.build()").build();
    }

    /** Adds {@code .withExceptions(A.class, B.class)} or {@code .onlyExceptions(…)} to a builder chain. */
    static void exceptions(CodeBlock.Builder builder, ExceptionCaching caching) {
        if (!caching.types().isEmpty()) {
            builder.add("$Z.$N($L)", caching.only() ? "onlyExceptions" : "withExceptions",
                    classLiterals(caching.types()));
        }
    }

    /** {@code A.class, B.class}. */
    static CodeBlock classLiterals(List<? extends TypeRef> types) {
        return types.stream().map(t -> CodeBlock.of("$T.class", Poet.type(t))).collect(CodeBlock.joining(", "));
    }

    /** A {@code long} literal of milliseconds, its thousands grouped when it is long: {@code 600_000L}. */
    static CodeBlock millis(long value) {
        String digits = Long.toString(value);
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (value >= 10_000 && i > 0 && (digits.length() - i) % 3 == 0) {
                literal.append('_');
            }
            literal.append(digits.charAt(i));
        }
        return CodeBlock.of("$LL", literal);
    }

    /** {@code findUser} becomes {@code FIND_USER}. */
    static String constantName(String name) {
        return CAMEL_HUMP.matcher(name).replaceAll("$1_$2").toUpperCase(Locale.ROOT);
    }
}
