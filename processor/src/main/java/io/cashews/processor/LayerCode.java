package io.cashews.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * Builds the constructor expression of a decorator layer: {@code X.builder(this.cache, "tpl")}
 * followed by setters whose durations are {@code private static final long} constants named
 * after the method and the layer ({@code FIND_FAILOVER_TTL}).
 */
final class LayerCode {
    private final MethodModel method;
    private final ClassContext context;
    private final String constantBase;
    private final String layer;
    private final String template;
    private final CodeBlock.Builder chain = CodeBlock.builder();

    LayerCode(MethodModel method, ClassContext context, ClassName runtimeType, String layer, String template) {
        this.method = method;
        this.context = context;
        this.constantBase = CacheFields.constantName(method.name()) + "_" + layer;
        this.layer = layer;
        this.template = template;
        chain.add("$T.builder(this.cache, $S)", runtimeType, template);
    }

    /** {@code .setter(CONSTANT)} with a new {@code long} constant, when {@code value} is positive. */
    LayerCode millis(String setter, String suffix, long value) {
        if (value > 0) {
            String constant = context.newMember(constantBase + "_" + suffix);
            context.type().addField(FieldSpec.builder(long.class, constant, Modifier.PRIVATE, Modifier.STATIC,
                    Modifier.FINAL).initializer("$LL", value).build());
            chain.add(".$N($N)", setter, constant);
        }
        return this;
    }

    /** {@code .setter(value)} for an int option. */
    LayerCode integer(String setter, int value) {
        chain.add(".$N($L)", setter, value);
        return this;
    }

    /** {@code .condition(new C())} when a condition class is set. */
    LayerCode condition(@Nullable ClassName condition) {
        if (condition != null) {
            chain.add(".condition(new $T())", condition);
        }
        return this;
    }

    /** {@code .setter(A.class, B.class)} when {@code types} is not empty. */
    LayerCode classes(String setter, List<TypeName> types) {
        if (!types.isEmpty()) {
            chain.add(".$N($L)", setter, types.stream().map(t -> CodeBlock.of("$T.class", t))
                    .collect(CodeBlock.joining(", ")));
        }
        return this;
    }

    /** Stored exceptions ({@code withExceptions} / {@code onlyExceptions}). */
    LayerCode exceptions(ExceptionCaching caching) {
        ExceptionCaching.add(chain, caching);
        return this;
    }

    /** {@code .protect(false)} when the default is turned off. */
    LayerCode protect(boolean protect) {
        if (!protect) {
            chain.add(".protect(false)");
        }
        return this;
    }

    /** {@code .tags(this::…)} and the tag registrations, when the annotation has tags. */
    LayerCode tags(List<TagPlans.Tag> tags) {
        String name = layer.isEmpty() ? "" : layer.charAt(0) + layer.substring(1).toLowerCase(Locale.ROOT);
        TagPlans.add(chain, method, context, name, tags, template);
        return this;
    }

    CodeBlock build() {
        // Every layer written here stores results: it reads them back as the method's declared type.
        ValueTypeCode.add(chain, ValueTypeCode.stored(method), context);
        return chain.add(".build()").build();
    }

    MethodModel method() {
        return method;
    }
}
