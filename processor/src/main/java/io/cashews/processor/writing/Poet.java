package io.cashews.processor.writing;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import io.cashews.processor.model.TypeRef;
import java.util.List;

/** The model's {@link TypeRef}s as JavaPoet names, for the writers. */
final class Poet {
    private Poet() {}

    static TypeName type(TypeRef type) {
        if (type instanceof TypeRef.Primitive primitive) {
            return switch (primitive.keyword()) {
                case "void" -> TypeName.VOID;
                case "boolean" -> TypeName.BOOLEAN;
                case "byte" -> TypeName.BYTE;
                case "short" -> TypeName.SHORT;
                case "int" -> TypeName.INT;
                case "long" -> TypeName.LONG;
                case "char" -> TypeName.CHAR;
                case "float" -> TypeName.FLOAT;
                case "double" -> TypeName.DOUBLE;
                default -> throw new IllegalArgumentException("not a primitive: " + primitive.keyword());
            };
        }
        if (type instanceof TypeRef.Named named) {
            return className(named);
        }
        if (type instanceof TypeRef.Generic generic) {
            return generic(generic);
        }
        if (type instanceof TypeRef.Array array) {
            return ArrayTypeName.of(type(array.component()));
        }
        if (type instanceof TypeRef.Variable variable) {
            return variable(variable);
        }
        TypeRef.Wildcard wildcard = (TypeRef.Wildcard) type;
        return wildcard.lowerBounds().isEmpty()
                ? WildcardTypeName.subtypeOf(type(wildcard.upperBounds().isEmpty()
                        ? TypeRef.OBJECT : wildcard.upperBounds().get(0)))
                : WildcardTypeName.supertypeOf(type(wildcard.lowerBounds().get(0)));
    }

    static ClassName className(TypeRef.Named named) {
        List<String> names = named.simpleNames();
        return ClassName.get(named.packageName(), names.get(0),
                names.subList(1, names.size()).toArray(String[]::new));
    }

    static TypeVariableName variable(TypeRef.Variable variable) {
        return TypeVariableName.get(variable.name(), variable.bounds().stream().map(Poet::type).toArray(TypeName[]::new));
    }

    static List<TypeVariableName> variables(List<TypeRef.Variable> variables) {
        return variables.stream().map(Poet::variable).toList();
    }

    static List<TypeName> types(List<? extends TypeRef> types) {
        return types.stream().map(Poet::type).toList();
    }

    private static ParameterizedTypeName generic(TypeRef.Generic generic) {
        TypeName[] arguments = generic.arguments().stream().map(Poet::type).toArray(TypeName[]::new);
        if (generic.enclosing() != null) {
            return generic(generic.enclosing()).nestedClass(generic.raw().simpleName(), List.of(arguments));
        }
        return ParameterizedTypeName.get(className(generic.raw()), arguments);
    }
}
