package io.cashews.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.cashews.processor.model.EarlyStrategy;
import io.cashews.processor.model.MethodModel;

/** {@code @Early}: an {@code EarlyMethod} with its TTL and freshness window. */
final class EarlyLayerWriter implements LayerWriter<EarlyStrategy> {

    @Override
    public ClassName runtimeType() {
        return RuntimeNames.EARLY_METHOD;
    }

    @Override
    public CodeBlock create(EarlyStrategy early, MethodModel method, ClassContext context) {
        return new LayerCode(method, context, runtimeType(), "EARLY", early.template())
                .millis("ttlMillis", early.ttlMillis())
                .millis("earlyTtlMillis", early.earlyTtlMillis())
                .millis("timeConditionMillis", early.timeConditionMillis())
                .condition(early.condition())
                .exceptions(early.exceptions())
                .protect(early.protect())
                .tags(early.tags())
                .build(early.fingerprint());
    }

    @Override
    public boolean cancellable() {
        return true;
    }
}
