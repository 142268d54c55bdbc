package io.cashews.processor.validation;

import io.cashews.processor.mirror.Attribute;
import io.cashews.processor.model.ExceptionCaching;
import io.cashews.processor.model.HitStrategy;
import io.cashews.processor.model.Strategy;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
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
        Map<String, AnnotationValue> values = checks.values(mirror);
        Attribute<String> key = Attribute.string(values, "key");
        String prefix = Attribute.string(values, "prefix").value();
        boolean ok = checks.valueShape(context, mirror, "Hit") != null;
        long ttl = checks.ttl(context, mirror, Attribute.string(values, "ttl"), "ttl");
        Attribute<Integer> cacheHits = Attribute.integer(values, "cacheHits");
        Attribute<Integer> updateAfter = Attribute.integer(values, "updateAfter");
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
        long timeCondition = checks.timeCondition(context, mirror, values);
        StrategyClasses.Checked condition = checks.condition(context, mirror, values);
        ExceptionCaching exceptions = checks.exceptionCaching(context, mirror, values);
        CommonChecks.Tail tail = checks.tail(context, mirror, values, key, prefix, "Hit");
        if (!tail.ok() || !ok || ttl < 0 || timeCondition < 0 || !condition.ok() || exceptions == null) {
            return null;
        }
        return new HitStrategy(CommonChecks.shownTemplate(context, key, prefix), tail.plan(), ttl, cacheHits.value(),
                updateAfter.value(), timeCondition, condition.name(), exceptions, tail.tags());
    }
}
