package io.cashews.processor.writing;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import io.cashews.processor.model.MethodModel;
import io.cashews.processor.model.ProxyModel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes the static initializer that registers the result types of a proxy's cached methods with
 * {@code io.cashews.codec.ValueTypes}, so remote and disk backends may decode them (their
 * deserialization admits only registered application classes). See docs/generated-code.md.
 */
final class ValueTypesWriter {
    private ValueTypesWriter() {}

    /** The static initializer's code, or {@code null} when no application class is cached. */
    static @Nullable CodeBlock write(ProxyModel model) {
        Set<ClassName> types = new LinkedHashSet<>();
        Set<String> variables = new LinkedHashSet<>();
        for (MethodModel method : model.methods()) {
            if (!method.strategies().isEmpty()) {
                collect(Poet.type(method.returnType()), types, variables);
            }
        }
        if (types.isEmpty()) {
            return null;
        }
        List<CodeBlock> literals = new ArrayList<>();
        types.forEach(t -> literals.add(CodeBlock.of("$T.class", t)));
        return CodeBlock.builder()
                .addStatement("$T.allow($L)", RuntimeNames.VALUE_TYPES, CodeBlock.join(literals, ",$W"))
                .build();
    }

    // Futures, streams and the like are unwrapped by the recursion into type arguments: only their
    // own java.* erasure is skipped.
    private static void collect(TypeName type, Set<ClassName> into, Set<String> variables) {
        if (type instanceof ParameterizedTypeName parameterized) {
            collect(parameterized.rawType(), into, variables);
            parameterized.typeArguments().forEach(argument -> collect(argument, into, variables));
        } else if (type instanceof ArrayTypeName array) {
            collect(array.componentType(), into, variables);
        } else if (type instanceof WildcardTypeName wildcard) {
            wildcard.upperBounds().forEach(bound -> collect(bound, into, variables));
        } else if (type instanceof TypeVariableName variable) {
            // A type variable's values are unknown here; its bounds are the best the proxy can do.
            // Each variable once: bounds may mention the variable itself (T extends Comparable<T>).
            if (variables.add(variable.name())) {
                variable.bounds().forEach(bound -> collect(bound, into, variables));
            }
        } else if (type instanceof ClassName name && !name.packageName().startsWith("java.")
                && !name.packageName().equals("java")) {
            into.add(name);
        }
    }
}
