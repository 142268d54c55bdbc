package io.cashews.processor.writing;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import io.cashews.processor.model.FallbackPlan;
import io.cashews.processor.model.MethodModel;
import io.cashews.processor.model.ResultShape;
import io.cashews.processor.model.TypeRef;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/** What the guards that may answer refused calls with a fallback share. */
final class FallbackWriter {
    private FallbackWriter() {}

    /** The start of a rate limiter's builder chain: both kinds take a limit per period. */
    static CodeBlock.Builder limiter(ClassName type, String template, int limit, long periodMillis) {
        return CodeBlock.builder()
                .add("$T.builder(cache, $S)$Z.limit($L)$Z.periodMillis($L)", type, template, limit,
                        LayerCode.millis(periodMillis));
    }

    /** Ends the builder chain {@code code}: the fallback when there is one, then {@code build()}. */
    static CodeBlock build(CodeBlock.Builder code, @Nullable FallbackPlan fallback, MethodModel method,
            String annotation, ClassContext context) {
        if (fallback != null) {
            code.add("$Z.fallback($L)", reference(fallback, method, annotation, context));
        }
        ReactiveCode.cancellable(code, method);
        return code.add("$Z.build()").build();
    }

    /**
     * Adds a private helper that calls the fallback on the proxy with the arguments cast back to
     * their types, and returns {@code this::helper} for the runtime's {@code Fallback}.
     */
    private static CodeBlock reference(FallbackPlan fallback, MethodModel limited, String layer,
            ClassContext context) {
        String helper = context.newMember(limited.name() + layer + "Fallback");
        MethodSpec.Builder spec = MethodSpec.methodBuilder(helper)
                .addModifiers(Modifier.PRIVATE)
                .returns(Object.class)
                .addParameter(ArrayTypeName.of(Object.class), "args")
                .addException(Exception.class);
        CodeBlock.Builder call = CodeBlock.builder().add("this.$N(", fallback.method());
        boolean unchecked = false;
        for (int i = 0; i < fallback.parameterTypes().size(); i++) {
            TypeRef type = fallback.parameterTypes().get(i);
            call.add(i == 0 ? "($T) args[$L]" : ", ($T) args[$L]", Poet.type(type), i);
            unchecked |= !type.isReifiable();
        }
        call.add(")");
        ResultShape single = ReactiveCode.single(limited);
        if (single != null) {
            // The runtime takes a refused Mono's or Uni's fallback as the future of its subscription.
            CodeBlock subscribed = ReactiveCode.source(single, call.build());
            call = CodeBlock.builder().add(subscribed);
        }
        if (unchecked) {
            // The arguments were the limited method's own, of exactly these types.
            spec.addAnnotation(MethodWriter.suppress("unchecked"));
        }
        if (fallback.returnsVoid()) {
            spec.addStatement("$L", call.build()).addStatement("return null");
        } else {
            spec.addStatement("return $L", call.build());
        }
        context.addHelper(spec.build());
        return CodeBlock.of("this::$N", helper);
    }
}
