package io.cashews.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.cashews.processor.model.MethodModel;
import io.cashews.processor.model.ResultShape;
import org.jspecify.annotations.Nullable;

/**
 * The conversions between Reactor's and Mutiny's types and the runtime's futures and
 * {@code Flow.Publisher}s. The names are written as text: the processor does not depend on either
 * library; the user's code, which declares the methods, compiles against it. Each conversion keeps
 * cancellation: {@code Mono.fromFuture(supplier, false)} and {@code Uni.createFrom().completionStage}
 * cancel the future they subscribed to, {@code Mono.toFuture()} and
 * {@code Uni.subscribeAsCompletionStage()} cancel their subscription when their future is
 * cancelled, and {@code JdkFlowAdapter} and Mutiny 2 pass {@code cancel()} through.
 */
final class ReactiveCode {
    static final ClassName MONO = ClassName.get("reactor.core.publisher", "Mono");
    static final ClassName FLOW_ADAPTER = ClassName.get("reactor.adapter", "JdkFlowAdapter");
    static final ClassName UNI = ClassName.get("io.smallrye.mutiny", "Uni");
    static final ClassName MULTI = ClassName.get("io.smallrye.mutiny", "Multi");

    private ReactiveCode() {}

    /**
     * {@link ResultShape#MONO} or {@link ResultShape#UNI} when the method returns a {@code Mono} or
     * a {@code Uni} (the validator admits no subtype), else {@code null}.
     */
    static @Nullable ResultShape single(MethodModel method) {
        TypeName type = Poet.type(method.returnType());
        TypeName raw = type instanceof ParameterizedTypeName parameterized ? parameterized.rawType() : type;
        return raw.equals(MONO) ? ResultShape.MONO : raw.equals(UNI) ? ResultShape.UNI : null;
    }

    /** {@code .cancellable(true)} on a layer's builder chain when the method returns a {@code Mono} or {@code Uni}. */
    static void cancellable(CodeBlock.Builder chain, MethodModel method) {
        if (single(method) != null) {
            chain.add("$Z.cancellable(true)");
        }
    }

    /**
     * The delegate's result as the runtime takes it: a {@code CompletableFuture} subscribed to a
     * {@code Mono} or {@code Uni}, a {@code Flow.Publisher} of a {@code Flux}; a {@code Multi}
     * and the JDK's own types as they are.
     */
    static CodeBlock source(ResultShape shape, CodeBlock delegateCall) {
        return switch (shape) {
            case MONO -> CodeBlock.of("$L.toFuture()", delegateCall);
            case UNI -> CodeBlock.of("$L.subscribeAsCompletionStage()", delegateCall);
            case FLUX -> CodeBlock.of("$T.publisherToFlowPublisher($L)", FLOW_ADAPTER, delegateCall);
            default -> delegateCall;
        };
    }

    /** The runtime's {@code Flow.Publisher} as the method returns it: a {@code Flux} or a {@code Multi}. */
    static CodeBlock result(ResultShape shape, CodeBlock call) {
        return switch (shape) {
            case FLUX -> CodeBlock.of("$T.flowPublisherToFlux($L)", FLOW_ADAPTER, call);
            case MULTI -> CodeBlock.of("$T.createFrom().publisher($L)", MULTI, call);
            default -> call;
        };
    }

    /**
     * {@code Mono.fromFuture(supplier, false)} or {@code Uni.createFrom().completionStage(supplier)}
     * around the supplier of {@code CacheMethod.deferAsync}, which each subscription calls, so that
     * nothing is read or computed before one. {@code suppressCancel = false}: a cancelled
     * subscription cancels the future, which the runtime's {@code cancellable} path turns into a
     * stopped computation.
     */
    static CodeBlock deferred(ResultShape shape, CodeBlock supplier) {
        return switch (shape) {
            case MONO -> CodeBlock.of("$T.fromFuture($L, false)", MONO, supplier);
            case UNI -> CodeBlock.of("$T.createFrom().completionStage($L)", UNI, supplier);
            default -> throw new IllegalStateException("not a lazy single result: " + shape);
        };
    }
}
