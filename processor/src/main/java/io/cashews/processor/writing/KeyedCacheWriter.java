package io.cashews.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import io.cashews.processor.model.CacheStrategy;
import io.cashews.processor.model.MethodModel;
import io.cashews.processor.model.ResultShape;

/**
 * A writer of a lone {@code @Cache} whose method starts like every other: the
 * {@code CacheMethod} field, then the key built into the local {@code key}.
 */
abstract class KeyedCacheWriter implements MethodWriter {

    /** Whether this writer handles a lone {@code @Cache} with this result shape. */
    abstract boolean writes(ResultShape shape);

    /**
     * Writes the rest of the body, after the key.
     *
     * @param names the method's locals, {@code key} already taken
     * @param context the class being written, for shared helpers
     */
    abstract void finish(CodeBlock.Builder body, MethodModel method, CacheStrategy cache, String field, String key,
            NameAllocator names, ClassContext context);

    @Override
    public final boolean appliesTo(MethodModel method) {
        return method.strategies().size() == 1
                && method.strategies().get(0) instanceof CacheStrategy cache
                && writes(cache.shape());
    }

    @Override
    public final MethodSpec write(MethodModel method, ClassContext context) {
        CacheStrategy cache = (CacheStrategy) method.strategies().get(0);
        String field = CacheLayerWriter.field(method, cache, context);
        NameAllocator names = MethodWriter.locals(method, context);
        String key = names.newName("key");
        CodeBlock.Builder body = CodeBlock.builder();
        KeyWriter.write(body, cache.key(), names, key);
        finish(body, method, cache, field, key, names, context);
        return MethodWriter.override(method).addCode(body.build()).build();
    }
}
