package io.cashews.processor;

import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@code @Soft}: a value result, TTL, {@code softTtl} shorter than it (default a
 * third), exceptions, time condition, key and condition.
 */
final class SoftRule implements MethodRule {
    static final String NAME = "io.cashews.annotations.Soft";

    private final CommonChecks checks;

    SoftRule(CommonChecks checks) {
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
        boolean ok = checks.valueShape(context, mirror, "Soft") != null;
        Attribute<String> ttlAttribute = Attribute.string(values, "ttl");
        long ttl = checks.ttl(context, mirror, ttlAttribute, "ttl");
        long softTtl = checks.window(context, mirror, Attribute.string(values, "softTtl"), "softTtl", ttl,
                ttlAttribute);
        long timeCondition = checks.timeCondition(context, mirror, Attribute.string(values, "timeCondition"));
        StrategyClasses.Checked condition = checks.condition(context, mirror, Attribute.type(values, "condition"));
        ok &= checks.carriableExceptions(context, mirror, "Soft");
        KeyPlan plan = checks.key(context, mirror, key, prefix);
        List<TagPlans.Tag> tags = new TagPlans(checks.support()).tags(context, mirror, values, "Soft");
        if (tags == null || !ok || ttl < 0 || softTtl < 0 || timeCondition < 0 || !condition.ok() || plan == null) {
            return null;
        }
        return new SoftStrategy(CommonChecks.shownTemplate(prefix, CommonChecks.template(context, key)), plan, ttl,
                softTtl, CommonChecks.classNames(Attribute.types(values, "exceptions")), timeCondition,
                condition.name(), Attribute.bool(values, "protect").value(), tags);
    }
}
