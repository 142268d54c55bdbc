package io.cashews.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import io.cashews.processor.model.CacheStrategy;
import io.cashews.processor.model.MethodModel;
import io.cashews.processor.model.ResultShape;
import io.cashews.processor.model.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * Every method with a strategy other than a lone {@code @Cache}: each annotation is one layer of
 * nested {@code Decorator} calls, the first in source order outermost.
 *
 * <pre>{@code
 * String key = "fail:" + id;
 * String key2 = "user:" + id;
 * return this.findFailover.<User, IOException>call(key, null, () ->
 *         this.findCache.<User, IOException>call(key2, null, () -> this.delegate.find(id)));
 * }</pre>
 *
 * <p>Each layer's object is a field built once in the constructor from
 * {@link LayerWriter#create}; each layer's key is its own local; {@code args} is built once
 * when any layer needs it and passed only to those. Sync methods pass their single checked
 * exception through the loader type and catch/rethrow two or more as {@link SyncCacheWriter}
 * does; {@code void} methods run as {@code Void} loaders returning {@code null}; asynchronous
 * methods nest {@code callAsync} and turn a checked exception thrown while starting the
 * delegate's work into a failed stage. A layer that {@linkplain Strategy#tracksOrigin
 * tracks the origin} gets a per-call {@code Origin} that the delegate lambda marks.
 *
 * <p>A method returning a Reactor {@code Mono} or a Mutiny {@code Uni} nests the same
 * {@code callAsync} chain inside {@code Deferred.async}, which each subscription calls
 * ({@link ReactiveCode#deferred}): the keys are rendered and the scopes captured at the call, the
 * {@code Origin} is made per subscription, the delegate's own result is subscribed through a
 * future that a cancellation cancels, and every layer is cancellable ({@code cancellable(true)}
 * on its builder, or a {@code CancellableLayer} around it), so that a cancelled subscription
 * cancels what it started and stores nothing.
 *
 * <pre>{@code
 * return Mono.fromFuture(Deferred.<User>async(() -> {
 *     var origin = new Origin();
 *     return this.findFailover.<User>callAsync(key, null, origin, () ->
 *             this.findCache.<User>callAsync(key2, null, () -> origin.ranAsync(this.delegate.find(id).toFuture())));
 * }), false);
 * }</pre>
 */
final class StackWriter implements MethodWriter {

    @Override
    public boolean appliesTo(MethodModel method) {
        List<Strategy> strategies = method.strategies();
        return strategies.size() > 1
                || (strategies.size() == 1 && !(strategies.get(0) instanceof CacheStrategy));
    }

    @Override
    public MethodSpec write(MethodModel method, ClassContext context) {
        List<Strategy> layers = method.strategies();
        List<String> fields = new ArrayList<>();
        boolean single = ReactiveCode.single(method) != null;
        for (Strategy layer : layers) {
            ClassName runtimeType = LayerWriters.runtimeType(layer);
            String field = context.newMember(method.name() + layerName(runtimeType));
            CodeBlock create = LayerWriters.create(layer, method, context);
            ClassName fieldType = runtimeType;
            if (single && !LayerWriters.of(layer).cancellable()) {
                fieldType = RuntimeNames.CANCELLABLE_LAYER;
                create = CodeBlock.of("$T.of($L)", fieldType, create);
            }
            context.type().addField(FieldSpec.builder(fieldType, field, Modifier.PRIVATE, Modifier.FINAL)
                    .build());
            context.constructor().addStatement("this.$N = $L", field, create);
            fields.add(field);
        }
        // Locals are named once every field exists, so that none hides one.
        NameAllocator names = MethodWriter.locals(method, context);
        CodeBlock.Builder body = CodeBlock.builder();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            String key = names.newName(i == 0 ? "key" : "key" + (i + 1));
            KeyWriter.write(body, layers.get(i).key(), names, key);
            keys.add(key);
        }
        @Nullable String args = null;
        if (layers.stream().anyMatch(Strategy::needsArguments)) {
            args = names.newName("args");
            body.addStatement("var $N = new $T[] {$L}", args, Object.class,
                    method.parameters().stream().map(MethodModel.Parameter::name).collect(Collectors.joining(", ")));
        }
        @Nullable String origin = null;
        for (int i = 0; i < layers.size() - 1; i++) {
            if (layers.get(i).tracksOrigin()) {
                origin = names.newName("origin");
                if (!single) {
                    body.addStatement("var $N = new $T()", origin, RuntimeNames.ORIGIN);
                }
                break;
            }
        }

        Shape shape = new Shape(method, names.newName("e"));
        CodeBlock call = shape.delegateLoader(origin);
        for (int i = layers.size() - 1; i >= 0; i--) {
            Strategy layer = layers.get(i);
            CodeBlock layerArgs = args != null && layer.needsArguments() ? CodeBlock.of("$N", args)
                    : CodeBlock.of("null");
            CodeBlock layerOrigin = origin != null && layer.tracksOrigin() && i < layers.size() - 1
                    ? CodeBlock.of("$N, ", origin) : CodeBlock.of("");
            CodeBlock invocation = shape.async
                    ? CodeBlock.of("$L.$LcallAsync($N, $L, $L$L)", MethodWriter.field(method, fields.get(i)), shape.typeArgument(), keys.get(i),
                            layerArgs, layerOrigin, call)
                    : CodeBlock.of("$L.<$T, $T>call($N, $L, $L$L)", MethodWriter.field(method, fields.get(i)), shape.valueType,
                            shape.exception, keys.get(i), layerArgs, layerOrigin, call);
            call = i == 0 ? invocation : CodeBlock.of("() ->$W$L", invocation);
        }
        shape.finish(body, call, origin, context);
        return MethodWriter.override(method).addCode(body.build()).build();
    }

    /** {@code Failover} for {@code FailoverMethod}: the field of layer {@code find} is {@code findFailover}. */
    private static String layerName(ClassName runtimeType) {
        String simple = runtimeType.simpleName();
        return simple.endsWith("Method") && simple.length() > "Method".length()
                ? simple.substring(0, simple.length() - "Method".length()) : simple;
    }

    /** The result shape decided from the method's signature: sync value, sync {@code void}, or async. */
    private static final class Shape {
        final MethodModel method;
        final boolean async;
        /** {@code MONO} or {@code UNI}, deferred to each subscription; else {@code null}. */
        final @Nullable ResultShape single;
        final boolean isVoid;
        final TypeName valueType;
        final TypeName exception;
        final String e;

        Shape(MethodModel method, String e) {
            this.method = method;
            this.e = e;
            this.single = ReactiveCode.single(method);
            this.async = single != null || ValueTypeCode.isAsync(Poet.type(method.returnType()));
            this.isVoid = method.returnsVoid();
            List<TypeName> checked = Poet.types(method.checkedExceptions());
            this.exception = Arguments.loaderException(checked);
            this.valueType = ValueTypeCode.stored(method);
        }

        /**
         * {@code <T>} for the layers' {@code callAsync}; nothing for a {@code Mono} or {@code Uni}
         * of a wildcard, whose captured item type has no name: javac infers it.
         */
        CodeBlock typeArgument() {
            if (single != null && Poet.type(method.returnType()) instanceof ParameterizedTypeName parameterized
                    && parameterized.typeArguments().get(0) instanceof WildcardTypeName) {
                return CodeBlock.of("");
            }
            return CodeBlock.of("<$T>", valueType);
        }

        /** The innermost loader: the delegate call, marking the origin when one is tracked. */
        CodeBlock delegateLoader(@Nullable String origin) {
            CodeBlock delegate = MethodWriter.delegateCall(method);
            if (async) {
                if (single != null) {
                    delegate = ReactiveCode.source(single, delegate);
                }
                CodeBlock started = origin == null ? delegate : CodeBlock.of("$N.ranAsync($L)", origin, delegate);
                if (method.checkedExceptions().isEmpty()) {
                    return CodeBlock.of("() -> $L", started);
                }
                return Arguments.asyncLoader(started, Poet.types(method.checkedExceptions()), e);
            }
            if (isVoid) {
                CodeBlock.Builder block = CodeBlock.builder().add("() -> {\n$>$L;\n", delegate);
                if (origin != null) {
                    block.add("$N.ran(null);\n", origin);
                }
                return block.add("return null;\n$<}").build();
            }
            return origin == null ? CodeBlock.of("() ->$W$L", delegate)
                    : CodeBlock.of("() ->$W$N.ran($L)", origin, delegate);
        }

        void finish(CodeBlock.Builder body, CodeBlock call, @Nullable String origin, ClassContext context) {
            if (single != null) {
                // One Origin per subscription: each may compute, or be served, on its own.
                CodeBlock deferred = origin == null ? CodeBlock.of("() ->$W$L", call)
                        : CodeBlock.of("() -> {\n$>var $N = new $T();\nreturn $L;\n$<}", origin, RuntimeNames.ORIGIN, call);
                body.addStatement("return $L", ReactiveCode.deferred(single,
                        CodeBlock.of("$T.$Lasync($L)", RuntimeNames.DEFERRED, typeArgument(), deferred)));
                return;
            }
            CodeBlock statement = isVoid ? call : CodeBlock.of("return $L", call);
            if (async || method.checkedExceptions().size() < 2) {
                body.addStatement("$L", statement);
                return;
            }
            Arguments.rethrowing(body, statement, Poet.types(method.checkedExceptions()), e, context);
        }
    }
}
