package io.cashews.processor.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One overridden interface method.
 *
 * @param name the method name
 * @param typeVariables the method's own type parameters
 * @param returnType the return type as seen from the proxied interface
 * @param parameters the parameters with their source names
 * @param varargs whether the last parameter is variable-arity
 * @param genericVarargs whether the variable-arity parameter has a non-reifiable type, for which
 *     javac warns about possible heap pollution on every override
 * @param rawTypes whether the return or a parameter type uses a generic class without type
 *     arguments, or the method is inherited through a raw superinterface, which javac flags on
 *     every override and call
 * @param exceptions the declared {@code throws} clause, as written
 * @param strategies the caching annotations on the method, outermost first; empty when the proxy
 *     simply delegates
 * @param checkedExceptions the declared checked exceptions a loader must carry, minus those covered
 *     by another declared one
 * @param delegateType the superinterface to call the delegate through, or {@code null} to call it
 *     as the interface: set when two inherited methods with different erasures make the call on
 *     the interface ambiguous ({@code C extends A<String>, B} with {@code T get(T)} and
 *     {@code String get(String)})
 */
public record MethodModel(
        String name,
        List<TypeRef.Variable> typeVariables,
        TypeRef returnType,
        List<Parameter> parameters,
        boolean varargs,
        boolean genericVarargs,
        boolean rawTypes,
        List<TypeRef> exceptions,
        List<Strategy> strategies,
        List<TypeRef> checkedExceptions,
        @Nullable TypeRef delegateType) {

    public MethodModel {
        checkedExceptions = List.copyOf(checkedExceptions);
        typeVariables = List.copyOf(typeVariables);
        parameters = List.copyOf(parameters);
        exceptions = List.copyOf(exceptions);
        strategies = List.copyOf(strategies);
    }

    /**
     * A method parameter.
     *
     * @param name its source name
     * @param type its type as seen from the proxied interface
     */
    public record Parameter(String name, TypeRef type) {}

    /** Whether the method returns {@code void}. */
    public boolean returnsVoid() {
        return returnType.equals(TypeRef.VOID);
    }
}
