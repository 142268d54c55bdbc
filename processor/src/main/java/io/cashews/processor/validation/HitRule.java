package io.cashews.processor.validation;

import io.cashews.processor.mirror.Attribute;
import io.cashews.processor.model.ExceptionCaching;
import io.cashews.processor.model.HitStrategy;
import io.cashews.processor.model.Strategy;
import javax.lang.model.element.AnnotationMirror;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@code @Hit}: a value result, TTL, {@code cacheHits >= 1},
 * {@code 0 <= updateAfter < cacheHits}, time condition, key, condition and stored exceptions.
 */
final class HitRule extends CheckedRule {
    static final String NAME = "io.cashews.annotations.Hit";

    HitRule(CommonChecks checks) {
        super(checks, NAME);
    }

    @Override
    public @Nullable Strategy validate(Context context, AnnotationMirror mirror) {
        CommonChecks.Opening open = checks.open(context, mirror, "Hit", true);
        boolean ok = open.ok();
        Attribute<Integer> cacheHits = Attribute.integer(open.values(), "cacheHits");
        Attribute<Integer> updateAfter = Attribute.integer(open.values(), "updateAfter");
        if (cacheHits.value() <= 0) {
            context.report().error(Messages.outOfRange("cacheHits", cacheHits.value().toString(),
                    "a stored result must serve at least 1 hit"), context.method(), mirror, cacheHits.node());
            ok = false;
        } else if (updateAfter.value() < 0 || updateAfter.value() >= cacheHits.value()) {
            context.report().error(Messages.outOfRange("updateAfter", updateAfter.value().toString(),
                    "it must be 0 (no background refresh) or at least 1 and less than cacheHits = "
                            + cacheHits.value()), context.method(), mirror, updateAfter.node());
            ok = false;
        }
        ExceptionCaching exceptions = checks.exceptionCaching(context, mirror, open.values());
        CommonChecks.Tail tail = checks.tail(context, mirror, open.values(), open.key(), open.prefix(), "Hit");
        if (!tail.ok() || !ok || exceptions == null) {
            return null;
        }
        return new HitStrategy(CommonChecks.shownTemplate(open.prefix(), open.template()), tail.plan(),
                open.ttlMillis(), cacheHits.value(), updateAfter.value(), open.timeConditionMillis(), open.condition(),
                exceptions, tail.tags(), open.fingerprint());
    }
}
