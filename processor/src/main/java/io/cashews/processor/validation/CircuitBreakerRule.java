package io.cashews.processor.validation;

import io.cashews.processor.mirror.Attribute;
import io.cashews.processor.model.CircuitBreakerStrategy;
import io.cashews.processor.model.KeyPlan;
import io.cashews.processor.model.Strategy;
import io.cashews.processor.model.TypeRef;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.type.TypeMirror;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@code @CircuitBreaker}: {@code errorsRate} in 1..100, {@code minCalls >= 1}, positive
 * {@code period} and {@code ttl}, optional positive {@code halfOpenTtl}, the key and the
 * {@code fallback}, and that the result is not a lazily consumed {@code Stream}, {@code Iterator}
 * or {@code Flow.Publisher} (failures while consuming it would never be counted). The default key
 * is one breaker per method, {@code <package>.<Interface>.<method>} as in {@link DefaultKeys},
 * without the arguments.
 */
final class CircuitBreakerRule extends CheckedRule {
    private final FallbackResolver fallbacks;

    CircuitBreakerRule(CommonChecks checks) {
        super(checks, "io.cashews.annotations.CircuitBreaker");
        this.fallbacks = new FallbackResolver(checks.support());
    }

    @Override
    public @Nullable Strategy validate(Context context, AnnotationMirror mirror) {
        Map<String, AnnotationValue> values = Attribute.values(mirror, checks.support().elements());
        boolean ok = true;
        Attribute<Integer> errorsRate = Attribute.integer(values, "errorsRate");
        if (errorsRate.value() < 1 || errorsRate.value() > 100) {
            context.report().error(Messages.outOfRange("errorsRate", String.valueOf(errorsRate.value()),
                    "it is a percentage of failed calls; use 1 to 100"), context.method(), mirror, errorsRate.node());
            ok = false;
        }
        Attribute<Integer> minCalls = Attribute.integer(values, "minCalls");
        if (minCalls.value() < 1) {
            context.report().error(Messages.outOfRange("minCalls", String.valueOf(minCalls.value()),
                    "the breaker needs at least 1 call to judge; use minCalls >= 1"), context.method(), mirror,
                    minCalls.node());
            ok = false;
        }
        long period = checks.ttl(context, mirror, Attribute.string(values, "period"), "period");
        long ttl = checks.ttl(context, mirror, Attribute.string(values, "ttl"), "ttl");
        long halfOpen = checks.optionalTtl(context, mirror, Attribute.string(values, "halfOpenTtl"), "halfOpenTtl");
        ok &= checks.carriableExceptions(context, mirror, "CircuitBreaker");
        TypeMirror result = context.type().getReturnType();
        if (checks.consumedOnce(result)) {
            context.report().error(Messages.circuitBreakerStream(context.method().getSimpleName().toString(),
                    result.toString()), context.method(), mirror, null);
            ok = false;
        }
        List<TypeRef> exceptions = CommonChecks.classNames(Attribute.types(values, "exceptions"));
        FallbackResolver.Checked fallback = fallbacks.check(context, mirror, Attribute.string(values, "fallback"),
                "CircuitBreaker");
        String prefix = Attribute.string(values, "prefix").value();
        Attribute<String> written = Attribute.string(values, "key");
        // One breaker per method unless the user keys it on arguments.
        Attribute<String> key = written.value().isEmpty() ? new Attribute<>(context.keyName(), written.node()) : written;
        KeyPlan plan = checks.key(context, mirror, key, prefix);
        if (!ok || period < 0 || ttl < 0 || halfOpen < 0 || !fallback.ok() || plan == null) {
            return null;
        }
        return new CircuitBreakerStrategy(CommonChecks.shownTemplate(prefix, key.value()), plan,
                errorsRate.value(), period, ttl, halfOpen, minCalls.value(),
                exceptions, fallback.plan());
    }
}
