package io.cashews.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.List;
import javax.lang.model.element.Element;

/**
 * Everything the writer needs for one {@code X_Cached} class. Created only by
 * {@link ProxyValidator}; a model that exists describes a valid proxy.
 *
 * @param originating the interface, passed through opaquely to the {@code Filer} (the writer never
 *     inspects it)
 * @param proxyName the generated class
 * @param interfaceName the interface's raw name, for documentation links
 * @param interfaceType the implemented interface, parameterized by {@code typeVariables}
 * @param typeVariables the interface's type parameters, copied onto the proxy
 * @param generatedAnnotation whether {@code javax.annotation.processing.Generated} is available
 * @param methods every method the proxy overrides, in declaration order
 * @param inheritedTypeNames simple names of member types of the interface and its superinterfaces,
 *     sorted; inside the proxy they shadow imported types of the same name
 */
record ProxyModel(
        Element originating,
        ClassName proxyName,
        ClassName interfaceName,
        TypeName interfaceType,
        List<TypeVariableName> typeVariables,
        boolean generatedAnnotation,
        List<MethodModel> methods,
        List<String> inheritedTypeNames) {

    ProxyModel {
        typeVariables = List.copyOf(typeVariables);
        methods = List.copyOf(methods);
        inheritedTypeNames = List.copyOf(inheritedTypeNames);
    }

    boolean isGeneric() {
        return !typeVariables.isEmpty();
    }
}
