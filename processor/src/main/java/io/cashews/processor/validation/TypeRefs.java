package io.cashews.processor.validation;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import io.cashews.processor.model.TypeRef;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;

/**
 * javac's types as the model's {@link TypeRef}s. JavaPoet reads the mirrors (it already knows
 * every corner: inner classes of generic classes, recursive bounds), and the result is copied
 * into records, so that the model and the writer never see a mirror.
 */
final class TypeRefs {
    private TypeRefs() {}

    static TypeRef of(TypeMirror type) {
        return from(TypeName.get(type), new HashSet<>());
    }

    static TypeRef.Named of(TypeElement type) {
        return named(ClassName.get(type));
    }

    static TypeRef.Variable variable(TypeVariable variable) {
        return (TypeRef.Variable) from(TypeVariableName.get(variable), new HashSet<>());
    }

    static List<TypeRef> of(List<? extends TypeMirror> types) {
        return types.stream().map(TypeRefs::of).toList();
    }

    static TypeRef.Named named(ClassName name) {
        return new TypeRef.Named(name.packageName(), name.simpleNames());
    }

    /** {@code Long} for {@code long}, other types unchanged. */
    static TypeRef boxed(TypeMirror type) {
        TypeName name = TypeName.get(type);
        return from(name.isPrimitive() ? name.box() : name, new HashSet<>());
    }

    /**
     * @param open the type variables whose bounds are being copied: inside them a variable
     *     appears by name only ({@code T extends Comparable<T>})
     */
    private static TypeRef from(TypeName type, Set<String> open) {
        if (!type.annotations().isEmpty()) {
            // TypeName.get never reads type annotations; the proxy writes types without them.
            return from(type.withoutAnnotations(), open);
        }
        if (type.isPrimitive() || type.equals(TypeName.VOID)) {
            return new TypeRef.Primitive(type.toString());
        }
        if (type instanceof ClassName name) {
            return named(name);
        }
        if (type instanceof ParameterizedTypeName parameterized) {
            return generic(parameterized, open);
        }
        if (type instanceof ArrayTypeName array) {
            return new TypeRef.Array(from(array.componentType(), open));
        }
        if (type instanceof TypeVariableName variable) {
            if (!open.add(variable.name())) {
                return new TypeRef.Variable(variable.name(), List.of());
            }
            List<TypeRef> bounds = variable.bounds().stream().map(b -> from(b, open)).toList();
            open.remove(variable.name());
            return new TypeRef.Variable(variable.name(), bounds);
        }
        if (type instanceof WildcardTypeName wildcard) {
            return new TypeRef.Wildcard(wildcard.upperBounds().stream().map(b -> from(b, open)).toList(),
                    wildcard.lowerBounds().stream().map(b -> from(b, open)).toList());
        }
        throw new IllegalArgumentException("unexpected type " + type);
    }

    private static TypeRef.Generic generic(ParameterizedTypeName type, Set<String> open) {
        ParameterizedTypeName enclosing = type.enclosingType();
        return new TypeRef.Generic(enclosing == null ? null : generic(enclosing, open), named(type.rawType()),
                type.typeArguments().stream().map(a -> from(a, open)).toList());
    }
}
