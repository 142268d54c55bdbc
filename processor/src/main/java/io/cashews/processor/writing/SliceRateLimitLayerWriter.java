package io.cashews.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.cashews.processor.model.MethodModel;
import io.cashews.processor.model.SliceRateLimitStrategy;

/** {@code @SliceRateLimit}: a {@code SliceRateLimitMethod} with its limit, period and fallback. */
final class SliceRateLimitLayerWriter implements LayerWriter<SliceRateLimitStrategy> {

    @Override
    public ClassName runtimeType() {
        return RuntimeNames.SLICE_RATE_LIMIT_METHOD;
    }

    @Override
    public CodeBlock create(SliceRateLimitStrategy limit, MethodModel method, ClassContext context) {
        return FallbackWriter.build(FallbackWriter.limiter(runtimeType(), limit.template(), limit.limit(),
                limit.periodMillis()), limit.fallback(), method, "SliceRateLimit", context);
    }

    @Override
    public boolean cancellable() {
        return true;
    }
}
