package io.cashews.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.cashews.processor.model.HitStrategy;
import io.cashews.processor.model.MethodModel;

/** {@code @Hit} and {@code @Dynamic}: a {@code HitMethod} with its TTL, hit count and refresh point. */
final class HitLayerWriter implements LayerWriter<HitStrategy> {

    @Override
    public ClassName runtimeType() {
        return RuntimeNames.HIT_METHOD;
    }

    @Override
    public CodeBlock create(HitStrategy hit, MethodModel method, ClassContext context) {
        LayerCode code = new LayerCode(method, context, runtimeType(), "HIT", hit.template())
                .millis("ttlMillis", hit.ttlMillis())
                .integer("cacheHits", hit.cacheHits());
        if (hit.updateAfter() > 0) {
            code.integer("updateAfter", hit.updateAfter());
        }
        return code.millis("timeConditionMillis", hit.timeConditionMillis())
                .condition(hit.condition())
                .exceptions(hit.exceptions())
                .tags(hit.tags())
                .build(hit.fingerprint());
    }

    @Override
    public boolean cancellable() {
        return true;
    }
}
