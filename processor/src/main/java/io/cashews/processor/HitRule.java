package io.cashews.processor;

import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.type.TypeMirror;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@code @Hit}: a value result, TTL, {@code cacheHits >= 1},
 * {@code 0 <= updateAfter < cacheHits}, time condition, key, condition and stored exceptions.
 */
final class HitRule implements MethodRule {
    static final String NAME = "io.cashews.annotations.Hit";

    private final CommonChecks checks;

    HitRule(CommonChecks checks) {
        this.checks = checks;
    }

    @Override
    public String annotation() {
        return NAME;
    }

    @Override
    public @Nullable Strategy validate(Context context, AnnotationMirror mirror) {
        Map<String, AnnotationValue> values = Attribute.values(mirror, checks.support().elements());
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
        long timeCondition = checks.timeCondition(context, mirror, Attribute.string(values, "timeCondition"));
        StrategyClasses.Checked condition = checks.condition(context, mirror, Attribute.type(values, "condition"));
        Attribute<List<TypeMirror>> with = Attribute.types(values, "withExceptions");
        Attribute<List<TypeMirror>> only = Attribute.types(values, "onlyExceptions");
        ExceptionCaching exceptions = checks.exceptionCaching(context, mirror, with, only);
        ok &= checks.carriableExceptions(context, mirror, "Hit");
        KeyPlan plan = checks.key(context, mirror, key, prefix);
        List<TagPlans.Tag> tags = new TagPlans(checks.support()).tags(context, mirror, values, "Hit");
        if (tags == null || !ok || ttl < 0 || timeCondition < 0 || !condition.ok() || exceptions == null || plan == null) {
            return null;
        }
        return new HitStrategy(CommonChecks.shownTemplate(prefix, CommonChecks.template(context, key)), plan, ttl,
                cacheHits.value(), updateAfter.value(), timeCondition, condition.name(), exceptions, tags);
    }
}
