package io.cashews.processor.writing;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import io.cashews.processor.model.MethodModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * Writes the declared type of a method's stored values as an {@code io.cashews.codec.ValueType}
 * constant ({@code ValueType.of(List.class, ValueType.of(Order.class))}) and passes it to the
 * layer's builder, so that a {@code serializer=json} backend decodes into it without reading a class
 * name from the data, and a value of another type reads as a miss. The constant carries the
 * fingerprint of the stored values' shape and {@code version}
 * ({@code ValueType.of(0x…L, Order.class)}), computed by the validator. One constant per
 * distinct type, fingerprint and proxy. Type variables and wildcards stand for their first upper
 * bound (erased); {@code Object} and unbounded variables are {@code ValueType.ANY} with the
 * fingerprint, and need no constant without one ({@code ValueType.ANY} is the runtime's default).
 */
final class ValueTypeCode {
    static final List<String> ASYNC_TYPES =
            List.of("java.util.concurrent.CompletableFuture", "java.util.concurrent.CompletionStage");

    private ValueTypeCode() {}

    /**
     * The type a method's layers store: the completed type of a future, {@code Void} for a
     * {@code void} method, otherwise the (boxed) return type.
     */
    static TypeName stored(MethodModel method) {
        TypeName type = Poet.type(method.returnType());
        if (isAsync(type) || ReactiveCode.single(method) != null) {
            return completedType(type);
        }
        return method.returnsVoid() ? ClassName.get(Void.class) : type.isPrimitive() ? type.box() : type;
    }

    /**
     * The type a method's layers read back: {@link #stored}, but a primitive result stays primitive
     * ({@code ValueType.of(int.class)}), so that a stored {@code null} reads as a miss.
     */
    static TypeName read(MethodModel method, TypeName stored) {
        TypeName declared = Poet.type(method.returnType());
        return declared.isPrimitive() ? declared : stored;
    }

    static boolean isAsync(TypeName type) {
        TypeName raw = type instanceof ParameterizedTypeName parameterized ? parameterized.rawType() : type;
        return raw instanceof ClassName name && ASYNC_TYPES.contains(name.canonicalName());
    }

    static TypeName completedType(TypeName type) {
        if (!(type instanceof ParameterizedTypeName parameterized) || parameterized.typeArguments().isEmpty()) {
            return ClassName.OBJECT;
        }
        TypeName argument = parameterized.typeArguments().get(0);
        if (argument instanceof WildcardTypeName wildcard) {
            return wildcard.upperBounds().isEmpty() ? ClassName.OBJECT : wildcard.upperBounds().get(0);
        }
        return argument;
    }

    /**
     * Adds {@code .valueType(CONSTANT)} to a builder chain, unless the type is just {@code Object}
     * without a fingerprint.
     */
    static void add(CodeBlock.Builder chain, TypeName type, long fingerprint, ClassContext context) {
        String constant = constant(type, fingerprint, context);
        if (constant != null) {
            chain.add("$Z.valueType($N)", constant);
        }
    }

    /**
     * The name of the {@code ValueType} constant of a type and fingerprint ({@code 0} for none),
     * added on first use; {@code null} for {@code Object} without a fingerprint.
     */
    static @Nullable String constant(TypeName type, long fingerprint, ClassContext context) {
        TypeName declared = declared(type);
        return declared.equals(ClassName.OBJECT) && fingerprint == 0 ? null
                : context.valueTypeConstant(declared, fingerprint, () -> newConstant(declared, fingerprint, context));
    }

    private static String newConstant(TypeName type, long fingerprint, ClassContext context) {
        List<String> names = new ArrayList<>();
        names(type, names);
        String name = context.newMember(String.join("_", names) + "_TYPE");
        context.type().addField(FieldSpec.builder(
                        ParameterizedTypeName.get(RuntimeNames.VALUE_TYPE, WildcardTypeName.subtypeOf(Object.class)),
                        name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$L", literal(type, fingerprint, context))
                .build());
        return name;
    }

    // The type the runtime can know: variables and wildcards become their bound; primitives stay.
    private static TypeName declared(TypeName type) {
        if (type instanceof TypeVariableName variable) {
            return variable.bounds().isEmpty() ? ClassName.OBJECT : erasure(variable.bounds().get(0));
        }
        if (type instanceof WildcardTypeName wildcard) {
            return wildcard.lowerBounds().isEmpty() && !wildcard.upperBounds().isEmpty()
                    ? declared(wildcard.upperBounds().get(0)) : ClassName.OBJECT;
        }
        return type;
    }

    private static TypeName erasure(TypeName type) {
        if (type instanceof ParameterizedTypeName parameterized) {
            return parameterized.rawType();
        }
        if (type instanceof ArrayTypeName array) {
            return ArrayTypeName.of(erasure(array.componentType()));
        }
        if (type instanceof TypeVariableName || type instanceof WildcardTypeName) {
            return erasure(declared(type));
        }
        return type;
    }

    // ValueType.of(0x…L, Order.class): the fingerprint (when there is one) first, where the
    // arguments' varargs cannot be; a type argument that already has a constant (declared earlier,
    // so initialised first) reads it, whatever that constant's fingerprint.
    private static CodeBlock literal(TypeName type, long fingerprint, ClassContext context) {
        TypeName declared = declared(type);
        if (declared.equals(ClassName.OBJECT)) {
            return fingerprint == 0 ? CodeBlock.of("$T.ANY", RuntimeNames.VALUE_TYPE)
                    : CodeBlock.of("$T.ANY.fingerprint($L)", RuntimeNames.VALUE_TYPE, hex(fingerprint));
        }
        List<CodeBlock> parts = new ArrayList<>();
        if (fingerprint != 0) {
            parts.add(hex(fingerprint));
        }
        if (declared instanceof ParameterizedTypeName parameterized) {
            parts.add(CodeBlock.of("$T.class", parameterized.rawType()));
            for (TypeName argument : parameterized.typeArguments()) {
                String existing = context.existingValueTypeConstant(declared(argument));
                parts.add(existing != null ? CodeBlock.of("$N", existing) : literal(argument, 0, context));
            }
        } else {
            parts.add(CodeBlock.of("$T.class", erasure(declared)));
        }
        return CodeBlock.of("$T.of($L)", RuntimeNames.VALUE_TYPE, CodeBlock.join(parts, ", "));
    }

    // The shortest Java literal of 64 bits: 0x + at most 16 hex digits + L.
    private static CodeBlock hex(long fingerprint) {
        return CodeBlock.of("0x$LL", Long.toHexString(fingerprint));
    }

    // USER for User, LIST_ORDER for List<Order>, BYTE_ARRAY for byte[].
    private static void names(TypeName type, List<String> into) {
        TypeName declared = declared(type);
        if (declared instanceof ParameterizedTypeName parameterized) {
            names(parameterized.rawType(), into);
            parameterized.typeArguments().forEach(argument -> names(argument, into));
        } else if (declared instanceof ArrayTypeName array) {
            names(array.componentType(), into);
            into.add("ARRAY");
        } else if (declared instanceof ClassName name) {
            into.add(LayerCode.constantName(name.simpleName()).toUpperCase(Locale.ROOT));
        } else {
            into.add(declared.toString().toUpperCase(Locale.ROOT));
        }
    }
}
