package io.cashews.processor;

import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@code @Dynamic}, which becomes a {@link HitStrategy} with {@code cacheHits = 3} and
 * {@code updateAfter = 1}: a value result, TTL (default one day), key and condition.
 */
final class DynamicRule implements MethodRule {
    static final String NAME = "io.cashews.annotations.Dynamic";
    private static final int CACHE_HITS = 3;
    private static final int UPDATE_AFTER = 1;

    private final CommonChecks checks;

    DynamicRule(CommonChecks checks) {
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
        boolean ok = checks.valueShape(context, mirror, "Dynamic") != null;
        long ttl = checks.ttl(context, mirror, Attribute.string(values, "ttl"), "ttl");
        StrategyClasses.Checked condition = checks.condition(context, mirror, Attribute.type(values, "condition"));
        ok &= checks.carriableExceptions(context, mirror, "Dynamic");
        KeyPlan plan = checks.key(context, mirror, key, prefix);
        List<TagPlans.Tag> tags = new TagPlans(checks.support()).tags(context, mirror, values, "Dynamic");
        if (tags == null || !ok || ttl < 0 || !condition.ok() || plan == null) {
            return null;
        }
        return new HitStrategy(CommonChecks.shownTemplate(prefix, CommonChecks.template(context, key)), plan, ttl,
                CACHE_HITS, UPDATE_AFTER, 0, condition.name(), ExceptionCaching.NONE, tags);
    }
}
