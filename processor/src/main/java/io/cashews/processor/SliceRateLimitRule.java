package io.cashews.processor;

import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import org.jspecify.annotations.Nullable;

/** Validates {@code @SliceRateLimit}: a positive {@code limit} and {@code period}, the key, and the {@code fallback}. */
final class SliceRateLimitRule implements MethodRule {
    private final CommonChecks checks;
    private final FallbackResolver fallbacks;

    SliceRateLimitRule(CommonChecks checks) {
        this.checks = checks;
        this.fallbacks = new FallbackResolver(checks.support());
    }

    @Override
    public String annotation() {
        return "io.cashews.annotations.SliceRateLimit";
    }

    @Override
    public @Nullable Strategy validate(Context context, AnnotationMirror mirror) {
        Map<String, AnnotationValue> values = Attribute.values(mirror, checks.support().elements());
        int limit = RateLimitRule.positiveLimit(context, mirror, Attribute.integer(values, "limit"));
        long period = checks.ttl(context, mirror, Attribute.string(values, "period"), "period");
        boolean carriable = checks.carriableExceptions(context, mirror, "SliceRateLimit");
        FallbackResolver.Checked fallback = fallbacks.check(context, mirror, Attribute.string(values, "fallback"),
                "SliceRateLimit");
        String prefix = Attribute.string(values, "prefix").value();
        Attribute<String> key = Attribute.string(values, "key");
        KeyPlan plan = checks.key(context, mirror, key, prefix);
        if (limit <= 0 || period < 0 || !carriable || !fallback.ok() || plan == null) {
            return null;
        }
        return new GuardStrategies.SliceRateLimit(
                CommonChecks.shownTemplate(prefix, CommonChecks.template(context, key)), plan, limit, period,
                fallback.plan());
    }
}
