package io.cashews.processor.validation;

import io.cashews.processor.mirror.Attribute;
import io.cashews.processor.model.KeyPlan;
import io.cashews.processor.model.RateLimitStrategy;
import io.cashews.processor.model.Strategy;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@code @RateLimit}: a positive {@code limit}, positive {@code period} and optional
 * ban {@code ttl}, the key, and the {@code fallback} method.
 */
final class RateLimitRule extends CheckedRule {
    private final FallbackResolver fallbacks;

    RateLimitRule(CommonChecks checks) {
        super(checks, "io.cashews.annotations.RateLimit");
        this.fallbacks = new FallbackResolver(checks.support());
    }

    @Override
    public @Nullable Strategy validate(Context context, AnnotationMirror mirror) {
        Map<String, AnnotationValue> values = Attribute.values(mirror, checks.support().elements());
        int limit = positiveLimit(context, mirror, Attribute.integer(values, "limit"));
        long period = checks.ttl(context, mirror, Attribute.string(values, "period"), "period");
        long ban = checks.optionalTtl(context, mirror, Attribute.string(values, "ttl"), "ttl");
        boolean carriable = checks.carriableExceptions(context, mirror, "RateLimit");
        FallbackResolver.Checked fallback = fallbacks.check(context, mirror, Attribute.string(values, "fallback"),
                "RateLimit");
        String prefix = Attribute.string(values, "prefix").value();
        Attribute<String> key = Attribute.string(values, "key");
        KeyPlan plan = checks.key(context, mirror, key, prefix);
        if (limit <= 0 || period < 0 || ban < 0 || !carriable || !fallback.ok() || plan == null) {
            return null;
        }
        return new RateLimitStrategy(CommonChecks.shownTemplate(prefix, CommonChecks.template(context, key)),
                plan, limit, period, ban, fallback.plan());
    }

    /** The limit, or 0 after reporting one that is not positive. */
    static int positiveLimit(Context context, AnnotationMirror mirror, Attribute<Integer> limit) {
        if (limit.value() > 0) {
            return limit.value();
        }
        context.report().error(Messages.outOfRange("limit", String.valueOf(limit.value()),
                "a window must accept at least 1 call; use limit >= 1"), context.method(), mirror, limit.node());
        return 0;
    }
}
