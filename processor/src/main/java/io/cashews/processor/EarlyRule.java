package io.cashews.processor;

import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.type.TypeMirror;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@code @Early}: a value result, TTL, {@code earlyTtl} shorter than it (default a
 * third), time condition, key ({@code <prefix>:v2:…}), condition and stored exceptions.
 */
final class EarlyRule implements MethodRule {
    static final String NAME = "io.cashews.annotations.Early";

    private final CommonChecks checks;

    EarlyRule(CommonChecks checks) {
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
        String written = Attribute.string(values, "prefix").value();
        // cashews versions the layout of early entries: the prefix gets ":v2".
        String prefix = written.isEmpty() ? "v2" : written + ":v2";
        boolean ok = checks.valueShape(context, mirror, "Early") != null;
        Attribute<String> ttlAttribute = Attribute.string(values, "ttl");
        long ttl = checks.ttl(context, mirror, ttlAttribute, "ttl");
        long earlyTtl = checks.window(context, mirror, Attribute.string(values, "earlyTtl"), "earlyTtl", ttl,
                ttlAttribute);
        long timeCondition = checks.timeCondition(context, mirror, Attribute.string(values, "timeCondition"));
        StrategyClasses.Checked condition = checks.condition(context, mirror, Attribute.type(values, "condition"));
        Attribute<List<TypeMirror>> with = Attribute.types(values, "withExceptions");
        Attribute<List<TypeMirror>> only = Attribute.types(values, "onlyExceptions");
        ExceptionCaching exceptions = checks.exceptionCaching(context, mirror, with, only);
        ok &= checks.carriableExceptions(context, mirror, "Early");
        KeyPlan plan = checks.key(context, mirror, key, prefix);
        List<TagPlans.Tag> tags = new TagPlans(checks.support()).tags(context, mirror, values, "Early");
        if (tags == null || !ok || ttl < 0 || earlyTtl < 0 || timeCondition < 0 || !condition.ok() || exceptions == null
                || plan == null) {
            return null;
        }
        return new EarlyStrategy(CommonChecks.shownTemplate(prefix, CommonChecks.template(context, key)), plan, ttl,
                earlyTtl, timeCondition, condition.name(), exceptions, Attribute.bool(values, "protect").value(), tags);
    }
}
