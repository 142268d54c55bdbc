package io.cashews.processor.writing;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import io.cashews.processor.model.MethodModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * A writer rule: writes the proxy method for the methods it {@linkplain #appliesTo applies to},
 * adding whatever fields and constructor statements it needs to the class.
 */
interface MethodWriter {

    boolean appliesTo(MethodModel method);

    MethodSpec write(MethodModel method, ClassContext context);

    /** The overriding signature: same name, type parameters, parameters, varargs and throws clause. */
    static MethodSpec.Builder override(MethodModel method) {
        MethodSpec.Builder builder = MethodSpec.methodBuilder(method.name())
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addTypeVariables(Poet.variables(method.typeVariables()))
                .returns(Poet.type(method.returnType()))
                .addExceptions(Poet.types(method.exceptions()));
        method.parameters().forEach(p -> builder.addParameter(ParameterSpec.builder(Poet.type(p.type()), p.name()).build()));
        // javac repeats the interface's warnings on every override: heap pollution of generic
        // varargs (@SafeVarargs would trade it for a "varargs" lint warning) and raw types, which
        // the proxy only passes on.
        List<CodeBlock> suppressed = new ArrayList<>();
        if (method.genericVarargs() && !method.rawTypes()) {
            suppressed.add(CodeBlock.of("$S", "unchecked"));
        }
        if (method.rawTypes()) {
            // Raw types also make the proxy's calls unchecked (a raw future, an erased member).
            suppressed.add(CodeBlock.of("$S", "unchecked"));
            suppressed.add(CodeBlock.of("$S", "rawtypes"));
        }
        if (!suppressed.isEmpty()) {
            builder.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
                    .addMember("value", suppressed.size() == 1 ? "$L" : "{$L}", CodeBlock.join(suppressed, ", "))
                    .build());
        }
        return builder.varargs(method.varargs());
    }

    /** {@code @SuppressWarnings("warning")}. */
    static AnnotationSpec suppress(String warning) {
        return AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", warning).build();
    }

    /** {@code delegate.<T>name(a, b)}, through a cast to the method's superinterface where needed. */
    static CodeBlock delegateCall(MethodModel method) {
        CodeBlock delegate = field(method, "delegate");
        CodeBlock.Builder call = method.delegateType() == null ? CodeBlock.builder().add("$L.", delegate)
                : CodeBlock.builder().add("(($T) $L).", Poet.type(method.delegateType()), delegate);
        if (!method.typeVariables().isEmpty()) {
            call.add("<$L>", method.typeVariables().stream().map(t -> t.name()).collect(Collectors.joining(", ")));
        }
        return call.add("$N($L)", method.name(),
                method.parameters().stream().map(MethodModel.Parameter::name).collect(Collectors.joining(", ")))
                .build();
    }

    /**
     * A name allocator that already holds the user's parameter names and every member name the
     * class has taken so far, so that locals never clash with either: a method body may then name
     * the fields it reads (all created before its locals) without {@code this.}.
     */
    static NameAllocator locals(MethodModel method, ClassContext context) {
        NameAllocator names = new NameAllocator();
        method.parameters().forEach(p -> names.newName(p.name(), p.name()));
        Set<String> parameters = method.parameters().stream().map(MethodModel.Parameter::name).collect(Collectors.toSet());
        context.members().stream().filter(member -> !parameters.contains(member))
                .forEach(member -> names.newName(member, member));
        return names;
    }

    /**
     * A proxy field as a method body reads it: its bare name, or {@code this.name} where a
     * parameter of the same name hides it. Locals never hide it (see {@link #locals}).
     */
    static CodeBlock field(MethodModel method, String name) {
        boolean hidden = method.parameters().stream().anyMatch(p -> p.name().equals(name));
        return CodeBlock.of(hidden ? "this.$N" : "$N", name);
    }
}
