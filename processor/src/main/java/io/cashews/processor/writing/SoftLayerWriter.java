package io.cashews.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.cashews.processor.model.MethodModel;
import io.cashews.processor.model.SoftStrategy;

/** {@code @Soft}: a {@code SoftMethod} with its TTL, soft window and answered exceptions. */
final class SoftLayerWriter implements LayerWriter<SoftStrategy> {

    @Override
    public ClassName runtimeType() {
        return RuntimeNames.SOFT_METHOD;
    }

    @Override
    public CodeBlock create(SoftStrategy soft, MethodModel method, ClassContext context) {
        return new LayerCode(method, context, runtimeType(), "SOFT", soft.template())
                .millis("ttlMillis", soft.ttlMillis())
                .millis("softTtlMillis", soft.softTtlMillis())
                .classes("exceptions", soft.exceptions())
                .millis("timeConditionMillis", soft.timeConditionMillis())
                .condition(soft.condition())
                .protect(soft.protect())
                .tags(soft.tags())
                .build(soft.fingerprint());
    }

    @Override
    public boolean cancellable() {
        return true;
    }
}
