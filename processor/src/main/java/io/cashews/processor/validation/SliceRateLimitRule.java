package io.cashews.processor.validation;

import io.cashews.processor.mirror.Attribute;
import io.cashews.processor.model.KeyPlan;
import io.cashews.processor.model.SliceRateLimitStrategy;
import io.cashews.processor.model.Strategy;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import org.jspecify.annotations.Nullable;

/** Validates {@code @SliceRateLimit}: a positive {@code limit} and {@code period}, the key, and the {@code fallback}. */
final class SliceRateLimitRule extends CheckedRule {
    private final FallbackResolver fallbacks;

    SliceRateLimitRule(CommonChecks checks) {
        super(checks, "io.cashews.annotations.SliceRateLimit");
        this.fallbacks = new FallbackResolver(checks.support());
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
        return new SliceRateLimitStrategy(
                CommonChecks.shownTemplate(prefix, CommonChecks.template(context, key)), plan, limit, period,
                fallback.plan());
    }
}
