package io.cashews.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import io.cashews.processor.model.CacheStrategy;
import io.cashews.processor.model.MethodModel;
import io.cashews.processor.model.ResultShape;
import io.cashews.processor.model.TypeRef;
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
            NameAllocator names, ClassContext context) {
        String hit = names.newName("hit");
        String e = names.newName("e");
        body.addStatement("var $N = $L.lookup($N)", hit, MethodWriter.field(method, field), key);
        // A plain cast where it is checked and no stored exception can come back: javac attributes
        // it without resolving a generic method, and it is what a reader would write.
        TypeName valueType = Poet.type(cache.valueType());
        CodeBlock value = valueType.equals(ClassName.OBJECT) && cache.exceptions().types().isEmpty()
                ? CodeBlock.of("$N", hit)
                : cache.valueType().isReifiable() && cache.exceptions().types().isEmpty()
                ? CodeBlock.of("($T) $N", valueType, hit)
                : CodeBlock.of("$T.<$T>value($N)", RuntimeNames.CACHE_METHOD, Poet.type(cache.valueType()), hit);
        List<TypeName> checked = Poet.types(cache.checkedExceptions());
        if (checked.size() >= 2) {
            // A stored exception rethrown by value() leaves the method as it is, outside the try.
            body.beginControlFlow("if ($N != $T.MISS)", hit, RuntimeNames.CACHE_METHOD)
                    .addStatement("return $L", value)
                    .endControlFlow();
        }
        CodeBlock arguments = Arguments.write(method, cache);

        TypeName exception = Arguments.loaderException(checked);
        // A plain class and no checked exception: javac infers <T, RuntimeException> from the
        // return, so the type arguments would only repeat it (inferring costs javac about a
        // millisecond per call, cold; spelling them out costs the source 26 bytes a method).
        boolean inferred = checked.isEmpty() && cache.valueType() instanceof TypeRef.Named
                && !(method.returnType() instanceof TypeRef.Primitive);
        CodeBlock load = inferred
                ? CodeBlock.of("$L.load($N, $L,$W() -> $L)", MethodWriter.field(method, field), key, arguments,
                        MethodWriter.delegateCall(method))
                : CodeBlock.of("$L.<$T, $T>load($N, $L,$W() -> $L)", MethodWriter.field(method, field),
                        Poet.type(cache.valueType()), exception, key, arguments, MethodWriter.delegateCall(method));
        if (checked.size() < 2) {
            // Only a miss evaluates the load: its arguments array and loader lambda.
            body.addStatement("return $N != $T.MISS ? $L$W: $L", hit, RuntimeNames.CACHE_METHOD, value, load);
        } else {
            Arguments.rethrowing(body, CodeBlock.of("return $L", load), checked, e, context);
        }
    }
}
