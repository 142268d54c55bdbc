package io.cashews.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import io.cashews.processor.model.CacheStrategy;
import io.cashews.processor.model.MethodModel;
import io.cashews.processor.model.ResultShape;
import java.util.List;

/**
 * {@code @Cache} on a method returning a plain value: build the key, {@code lookup}, return a hit,
 * else {@code load} through the delegate. Checked exceptions pass through the loader's exception
 * type; two or more are caught and rethrown as declared.
 */
final class SyncCacheWriter extends KeyedCacheWriter {

    @Override
    boolean writes(ResultShape shape) {
        return shape == ResultShape.VALUE;
    }

    @Override
    void finish(CodeBlock.Builder body, MethodModel method, CacheStrategy cache, String field, String key,
            NameAllocator names) {
        String hit = names.newName("hit");
        String args = names.newName("args");
        String e = names.newName("e");
        body.addStatement("$T $N = this.$N.lookup($N)", Object.class, hit, field, key);
        body.beginControlFlow("if ($N != $T.MISS)", hit, RuntimeNames.CACHE_METHOD)
                .addStatement("return $T.<$T>value($N)", RuntimeNames.CACHE_METHOD, Poet.type(cache.valueType()), hit)
                .endControlFlow();
        CodeBlock arguments = Arguments.write(body, method, cache, args);

        List<TypeName> checked = Poet.types(cache.checkedExceptions());
        TypeName exception = Arguments.loaderException(checked);
        CodeBlock load = CodeBlock.of("this.$N.<$T, $T>load($N, $L, () -> $L)", field, Poet.type(cache.valueType()), exception,
                key, arguments, MethodWriter.delegateCall(method));
        if (checked.size() < 2) {
            body.addStatement("return $L", load);
        } else {
            Arguments.rethrowing(body, CodeBlock.of("return $L", load), checked, e);
        }
    }
}
