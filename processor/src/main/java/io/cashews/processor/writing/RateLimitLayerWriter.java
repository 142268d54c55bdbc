package io.cashews.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.cashews.processor.model.MethodModel;
import io.cashews.processor.model.RateLimitStrategy;

/** {@code @RateLimit}: a {@code RateLimitMethod} with its limit, period, ban and fallback. */
final class RateLimitLayerWriter implements LayerWriter<RateLimitStrategy> {

    @Override
    public ClassName runtimeType() {
        return RuntimeNames.RATE_LIMIT_METHOD;
    }

    @Override
    public CodeBlock create(RateLimitStrategy limit, MethodModel method, ClassContext context) {
        CodeBlock.Builder code = FallbackWriter.limiter(runtimeType(), limit.template(), limit.limit(),
                limit.periodMillis());
        if (limit.banMillis() > 0) {
            code.add("$Z.banMillis($L)", LayerCode.millis(limit.banMillis()));
        }
        return FallbackWriter.build(code, limit.fallback(), method, "RateLimit", context);
    }

    @Override
    public boolean cancellable() {
        return true;
    }
}
