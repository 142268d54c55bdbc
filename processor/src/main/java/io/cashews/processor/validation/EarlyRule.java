package io.cashews.processor.validation;

import io.cashews.processor.mirror.Attribute;
import io.cashews.processor.model.EarlyStrategy;
import io.cashews.processor.model.ExceptionCaching;
import io.cashews.processor.model.Strategy;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@code @Early}: a value result, TTL, {@code earlyTtl} shorter than it (default a
 * third), time condition, key ({@code <prefix>:v2:…}), condition and stored exceptions.
 */
final class EarlyRule extends CheckedRule {
    static final String NAME = "io.cashews.annotations.Early";

    EarlyRule(CommonChecks checks) {
        super(checks, NAME);
    }

    @Override
    public @Nullable Strategy validate(Context context, AnnotationMirror mirror) {
        Map<String, AnnotationValue> values = checks.values(mirror);
        Attribute<String> key = Attribute.string(values, "key");
        String written = Attribute.string(values, "prefix").value();
        // cashews versions the layout of early entries: the prefix gets ":v2".
        String prefix = written.isEmpty() ? "v2" : written + ":v2";
        boolean ok = checks.valueShape(context, mirror, "Early") != null;
        long ttl = checks.ttl(context, mirror, Attribute.string(values, "ttl"), "ttl");
        long earlyTtl = checks.window(context, mirror, values, "earlyTtl", ttl);
        long timeCondition = checks.timeCondition(context, mirror, values);
        StrategyClasses.Checked condition = checks.condition(context, mirror, values);
        ExceptionCaching exceptions = checks.exceptionCaching(context, mirror, values);
        CommonChecks.Tail tail = checks.tail(context, mirror, values, key, prefix, "Early");
        if (!tail.ok() || !ok || ttl < 0 || earlyTtl < 0 || timeCondition < 0 || !condition.ok()
                || exceptions == null) {
            return null;
        }
        return new EarlyStrategy(CommonChecks.shownTemplate(context, key, prefix), tail.plan(), ttl, earlyTtl,
                timeCondition, condition.name(), exceptions, Attribute.bool(values, "protect").value(), tail.tags());
    }
}
