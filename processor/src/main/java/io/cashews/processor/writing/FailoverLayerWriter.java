package io.cashews.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.cashews.processor.model.FailoverStrategy;
import io.cashews.processor.model.MethodModel;

/** {@code @Failover}: a {@code FailoverMethod} with its TTL and handled exceptions. */
final class FailoverLayerWriter implements LayerWriter<FailoverStrategy> {

    @Override
    public ClassName runtimeType() {
        return RuntimeNames.FAILOVER_METHOD;
    }

    @Override
    public CodeBlock create(FailoverStrategy failover, MethodModel method, ClassContext context) {
        return new LayerCode(method, context, runtimeType(), "FAILOVER", failover.template())
                .millis("ttlMillis", failover.ttlMillis())
                .millis("timeConditionMillis", failover.timeConditionMillis())
                .condition(failover.condition())
                .classes("exceptions", failover.exceptions())
                .tags(failover.tags())
                .build(failover.fingerprint());
    }

    @Override
    public boolean cancellable() {
        return true;
    }
}
