package io.cashews.processor.writing;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import io.cashews.processor.model.CacheStrategy;
import io.cashews.processor.model.MethodModel;
import io.cashews.processor.model.ResultShape;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * {@code @Cache} on a method returning {@code Stream<T>}, {@code Iterator<T>} or
 * {@code Flow.Publisher<T>}: builds the key and hands the whole call to the runtime's
 * {@code IteratorMethod} entry point of that shape, which replays or records the elements.
 *
 * <pre>{@code
 * String key = "lines:" + file;
 * return this.lines.<String, IOException>stream(key, null, () -> this.delegate.lines(file));
 * }</pre>
 *
 * <p>A Reactor {@code Flux} goes to the runtime and back through {@code JdkFlowAdapter}, a Mutiny
 * {@code Multi} (a {@code Flow.Publisher}) through {@code Multi.createFrom().publisher}: cold as the
 * runtime's publisher is, so the marker read and the delegate call wait for a subscription.
 *
 * <p>Checked exceptions pass through the loader type as in {@link SyncCacheWriter}; a publisher
 * calls its delegate only when subscribed, so there a checked exception reaches the subscriber
 * through {@code onError} and the proxy method throws nothing.
 */
final class IteratorCacheWriter implements MethodWriter {

    @Override
    public boolean appliesTo(MethodModel method) {
        return method.strategies().size() == 1
                && method.strategies().get(0) instanceof CacheStrategy cache
                && cache.shape().isIterator();
    }

    @Override
    public MethodSpec write(MethodModel method, ClassContext context) {
        CacheStrategy cache = (CacheStrategy) method.strategies().get(0);
        String field = context.newMember(method.name());
        CodeBlock.Builder create = CodeBlock.builder()
                .add("$T.builder(cache, $S)$Z.ttlMillis($L)", RuntimeNames.ITERATOR_METHOD, cache.template(),
                        LayerCode.millis(cache.ttlMillis()));
        if (cache.condition() != null) {
            create.add("$Z.condition(new $T())", Poet.className(cache.condition()));
        }
        // Only withExceptions reaches here: the rule rejects onlyExceptions on a sequence.
        LayerCode.exceptions(create, cache.exceptions());
        ValueTypeCode.add(create, Poet.type(cache.valueType()), cache.fingerprint(), context);
        context.type().addField(FieldSpec.builder(RuntimeNames.ITERATOR_METHOD, field, Modifier.PRIVATE, Modifier.FINAL).build());
        context.constructor().addStatement("this.$N = $L", field, create.add("$Z.build()").build());

        NameAllocator names = MethodWriter.locals(method, context);
        String key = names.newName("key");
        String e = names.newName("e");
        CodeBlock.Builder body = CodeBlock.builder();
        KeyWriter.write(body, cache.key(), names, key);
        CodeBlock arguments = Arguments.write(method, cache);

        List<TypeName> checked = Poet.types(cache.checkedExceptions());
        TypeName exception = Arguments.loaderException(checked);
        String entry = switch (cache.shape()) {
            case STREAM -> "stream";
            case ITERATOR -> "iterator";
            case PUBLISHER, FLUX, MULTI -> "publisher";
            default -> throw new IllegalStateException("not an iterator shape: " + cache.shape());
        };
        CodeBlock call = ReactiveCode.result(cache.shape(), CodeBlock.of("$L.<$T, $T>$N($N, $L,$W() -> $L)",
                MethodWriter.field(method, field), Poet.type(cache.valueType()), exception, entry, key, arguments,
                ReactiveCode.source(cache.shape(), MethodWriter.delegateCall(method))));
        if (checked.size() < 2 || cache.shape() == ResultShape.PUBLISHER || cache.shape().isReactive()) {
            body.addStatement("return $L", call);
        } else {
            Arguments.rethrowing(body, CodeBlock.of("return $L", call), checked, e, context);
        }
        return MethodWriter.override(method).addCode(body.build()).build();
    }
}
