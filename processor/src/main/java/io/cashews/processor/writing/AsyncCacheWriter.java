package io.cashews.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.NameAllocator;
import io.cashews.processor.model.CacheStrategy;
import io.cashews.processor.model.MethodModel;
import io.cashews.processor.model.ResultShape;

/**
 * {@code @Cache} on a method returning {@code CompletionStage} or {@code CompletableFuture}: the
 * key is built in the caller, everything else is {@code callAsync}, which never blocks. A checked
 * exception the delegate throws while starting its work becomes a failed stage.
 */
final class AsyncCacheWriter extends KeyedCacheWriter {

    @Override
    boolean writes(ResultShape shape) {
        return shape == ResultShape.ASYNC;
    }

    @Override
    void finish(CodeBlock.Builder body, MethodModel method, CacheStrategy cache, String field, String key,
            NameAllocator names, ClassContext context) {
        String e = names.newName("e");
        CodeBlock arguments = Arguments.write(method, cache);
        CodeBlock loader;
        if (cache.checkedExceptions().isEmpty()) {
            loader = CodeBlock.of("() -> $L", MethodWriter.delegateCall(method));
        } else {
            loader = Arguments.asyncLoader(MethodWriter.delegateCall(method), Poet.types(cache.checkedExceptions()), e);
        }
        body.addStatement("return $L.callAsync($N, $L,$W$L)", MethodWriter.field(method, field), key, arguments, loader);
    }
}
