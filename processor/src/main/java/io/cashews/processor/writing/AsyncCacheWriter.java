package io.cashews.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import io.cashews.processor.model.CacheStrategy;
import io.cashews.processor.model.MethodModel;
import io.cashews.processor.model.ResultShape;

/**
 * {@code @Cache} on a method returning {@code CompletionStage} or {@code CompletableFuture}: the
 * key is built in the caller, everything else is {@code callAsync}, which never blocks. A checked
 * exception the delegate throws while starting its work becomes a failed stage.
 *
 * <p>A Reactor {@code Mono} or Mutiny {@code Uni} takes the same path through
 * {@code CacheMethod.deferAsync}, whose supplier each subscription calls
 * ({@link ReactiveCode#deferred}): the key is rendered and the caller's scopes captured when the
 * method is called, the lookup and the delegate call wait for a subscription, and the delegate's
 * own {@code Mono}/{@code Uni} is subscribed through a future ({@code toFuture()},
 * {@code subscribeAsCompletionStage()}) that a cancellation cancels.
 *
 * <pre>{@code
 * var key = "user:" + Keys.escape(id);
 * return Mono.fromFuture(find.<User>deferAsync(key, null, () -> delegate.find(id).toFuture()), false);
 * }</pre>
 */
final class AsyncCacheWriter extends KeyedCacheWriter {

    @Override
    boolean writes(ResultShape shape) {
        return shape.isAsync();
    }



    @Override
    void finish(CodeBlock.Builder body, MethodModel method, CacheStrategy cache, String field, String key,
            NameAllocator names, ClassContext context) {
        String e = names.newName("e");
        CodeBlock arguments = Arguments.write(method, cache);
        CodeBlock started = ReactiveCode.source(cache.shape(), MethodWriter.delegateCall(method));
        CodeBlock loader;
        if (cache.checkedExceptions().isEmpty()) {
            loader = CodeBlock.of("() -> $L", started);
        } else {
            loader = Arguments.asyncLoader(started, Poet.types(cache.checkedExceptions()), e);
        }
        // An explicit type argument where the future names its element type: javac then checks the
        // loader lambda once instead of inferring. A wildcard element has no name to give.
        TypeName returned = Poet.type(method.returnType());
        boolean named = returned instanceof ParameterizedTypeName parameterized
                && !(parameterized.typeArguments().get(0) instanceof WildcardTypeName);
        CodeBlock typeArgument = named ? CodeBlock.of("<$T>", ValueTypeCode.completedType(returned)) : CodeBlock.of("");
        if (cache.shape() == ResultShape.ASYNC) {
            body.addStatement("return $L.$LcallAsync($N, $L,$W$L)", MethodWriter.field(method, field), typeArgument,
                    key, arguments, loader);
        } else {
            body.addStatement("return $L", ReactiveCode.deferred(cache.shape(), CodeBlock.of("$L.$LdeferAsync($N, $L,$W$L)",
                    MethodWriter.field(method, field), typeArgument, key, arguments, loader)));
        }
    }
}
