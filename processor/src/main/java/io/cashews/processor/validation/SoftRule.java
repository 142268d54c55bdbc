package io.cashews.processor.validation;

import io.cashews.processor.mirror.Attribute;
import io.cashews.processor.model.SoftStrategy;
import io.cashews.processor.model.Strategy;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@code @Soft}: a value result, TTL, {@code softTtl} shorter than it (default a
 * third), exceptions, time condition, key and condition.
 */
final class SoftRule extends CheckedRule {
    static final String NAME = "io.cashews.annotations.Soft";

    SoftRule(CommonChecks checks) {
        super(checks, NAME);
    }

    @Override
    public @Nullable Strategy validate(Context context, AnnotationMirror mirror) {
        Map<String, AnnotationValue> values = checks.values(mirror);
        Attribute<String> key = Attribute.string(values, "key");
        String prefix = Attribute.string(values, "prefix").value();
        boolean ok = checks.valueShape(context, mirror, "Soft") != null;
        long ttl = checks.ttl(context, mirror, Attribute.string(values, "ttl"), "ttl");
        long softTtl = checks.window(context, mirror, values, "softTtl", ttl);
        long timeCondition = checks.timeCondition(context, mirror, values);
        StrategyClasses.Checked condition = checks.condition(context, mirror, values);
        CommonChecks.Tail tail = checks.tail(context, mirror, values, key, prefix, "Soft");
        if (!tail.ok() || !ok || ttl < 0 || softTtl < 0 || timeCondition < 0 || !condition.ok()) {
            return null;
        }
        return new SoftStrategy(CommonChecks.shownTemplate(context, key, prefix), tail.plan(), ttl, softTtl,
                CommonChecks.classNames(Attribute.types(values, "exceptions")), timeCondition, condition.name(),
                Attribute.bool(values, "protect").value(), tail.tags());
    }
}
