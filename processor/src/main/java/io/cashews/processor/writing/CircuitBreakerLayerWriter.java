package io.cashews.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.cashews.processor.model.CircuitBreakerStrategy;
import io.cashews.processor.model.MethodModel;

/** {@code @CircuitBreaker}: a {@code CircuitBreakerMethod} with thresholds, times, exceptions and fallback. */
final class CircuitBreakerLayerWriter implements LayerWriter<CircuitBreakerStrategy> {

    @Override
    public ClassName runtimeType() {
        return RuntimeNames.CIRCUIT_BREAKER_METHOD;
    }

    @Override
    public CodeBlock create(CircuitBreakerStrategy breaker, MethodModel method, ClassContext context) {
        CodeBlock.Builder code = CodeBlock.builder()
                .add("$T.builder(cache, $S)$Z.errorsRate($L)$Z.periodMillis($L)$Z.ttlMillis($L)", runtimeType(),
                        breaker.template(), breaker.errorsRate(), LayerCode.millis(breaker.periodMillis()),
                        LayerCode.millis(breaker.ttlMillis()));
        if (breaker.halfOpenTtlMillis() > 0) {
            code.add("$Z.halfOpenTtlMillis($L)", LayerCode.millis(breaker.halfOpenTtlMillis()));
        }
        if (breaker.minCalls() != 1) {
            code.add("$Z.minCalls($L)", breaker.minCalls());
        }
        if (!breaker.exceptions().isEmpty()) {
            code.add("$Z.exceptions($L)", LayerCode.classLiterals(breaker.exceptions()));
        }
        return FallbackWriter.build(code, breaker.fallback(), method, "CircuitBreaker", context);
    }

    @Override
    public boolean cancellable() {
        return true;
    }
}
