package io.cashews.processor.model;

import java.util.List;
import javax.lang.model.element.Element;

/**
 * Everything the writer needs for one {@code X_Cached} class. Created only by the validator; a
 * model that exists describes a valid proxy.
 *
 * @param originating the interface, passed through opaquely to the {@code Filer} (the writer never
 *     inspects it)
 * @param proxyName the generated class
 * @param interfaceName the interface's raw name, for documentation links
 * @param interfaceType the implemented interface, parameterized by {@code typeVariables}
 * @param typeVariables the interface's type parameters, copied onto the proxy
 * @param generatedAnnotation whether {@code javax.annotation.processing.Generated} is available
 * @param methods every method the proxy overrides, in declaration order
 * @param qualifiedNames simple names the proxy writes only qualified, sorted: member types of the
 *     interface and its superinterfaces (inside the proxy they shadow imported types of the same
 *     name) and {@code java.lang} types that a class of the proxy's package shadows
 */
public record ProxyModel(
        Element originating,
        TypeRef.Named proxyName,
        TypeRef.Named interfaceName,
        TypeRef interfaceType,
        List<TypeRef.Variable> typeVariables,
        boolean generatedAnnotation,
        List<MethodModel> methods,
        List<String> qualifiedNames) {

    public ProxyModel {
        typeVariables = List.copyOf(typeVariables);
        methods = List.copyOf(methods);
        qualifiedNames = List.copyOf(qualifiedNames);
    }

    /** Whether the interface has type parameters. */
    public boolean isGeneric() {
        return !typeVariables.isEmpty();
    }
}
