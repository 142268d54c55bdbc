package io.cashews.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * A checked {@code fallback = "method"}: the interface method that answers refused calls.
 *
 * @param method the fallback method's name
 * @param parameterTypes its parameter types, the same as the limited method's
 * @param returnsVoid whether it returns {@code void}
 */
record FallbackPlan(String method, List<TypeName> parameterTypes, boolean returnsVoid) {

    FallbackPlan {
        parameterTypes = List.copyOf(parameterTypes);
    }

    /**
     * Adds a private helper that calls the fallback on the proxy with the arguments cast back to
     * their types, and returns {@code this::helper} for the runtime's {@code Fallback}.
     */
    CodeBlock reference(MethodModel limited, String layer, ClassContext context) {
        String helper = context.newMember(limited.name() + layer + "Fallback");
        MethodSpec.Builder spec = MethodSpec.methodBuilder(helper)
                .addModifiers(Modifier.PRIVATE)
                .returns(Object.class)
                .addParameter(ArrayTypeName.of(Object.class), "args")
                .addException(Exception.class);
        CodeBlock.Builder call = CodeBlock.builder().add("this.$N(", method);
        boolean unchecked = false;
        for (int i = 0; i < parameterTypes.size(); i++) {
            TypeName type = parameterTypes.get(i);
            call.add(i == 0 ? "($T) args[$L]" : ", ($T) args[$L]", type, i);
            unchecked |= !isReifiable(type);
        }
        call.add(")");
        if (unchecked) {
            // The arguments were the limited method's own, of exactly these types.
            spec.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked")
                    .build());
        }
        if (returnsVoid) {
            spec.addStatement("$L", call.build()).addStatement("return null");
        } else {
            spec.addStatement("return $L", call.build());
        }
        context.addHelper(spec.build());
        return CodeBlock.of("this::$N", helper);
    }

    private static boolean isReifiable(TypeName type) {
        if (type.isPrimitive() || type instanceof ClassName) {
            return true;
        }
        return type instanceof ArrayTypeName array && isReifiable(array.componentType());
    }
}
