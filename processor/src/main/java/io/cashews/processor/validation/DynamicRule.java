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
 * Validates {@code @Dynamic}, which becomes a {@link HitStrategy} with {@code cacheHits = 3} and
 * {@code updateAfter = 1}: a value result, TTL (default one day), key and condition.
 */
final class DynamicRule extends CheckedRule {
    static final String NAME = "io.cashews.annotations.Dynamic";
    private static final int CACHE_HITS = 3;
    private static final int UPDATE_AFTER = 1;

    DynamicRule(CommonChecks checks) {
        super(checks, NAME);
    }

    @Override
    public @Nullable Strategy validate(Context context, AnnotationMirror mirror) {
        Map<String, AnnotationValue> values = checks.values(mirror);
        Attribute<String> key = Attribute.string(values, "key");
        String prefix = Attribute.string(values, "prefix").value();
        boolean ok = checks.valueShape(context, mirror, "Dynamic") != null;
        long ttl = checks.ttl(context, mirror, Attribute.string(values, "ttl"), "ttl");
        StrategyClasses.Checked condition = checks.condition(context, mirror, values);
        CommonChecks.Tail tail = checks.tail(context, mirror, values, key, prefix, "Dynamic");
        if (!tail.ok() || !ok || ttl < 0 || !condition.ok()) {
            return null;
        }
        return new HitStrategy(CommonChecks.shownTemplate(context, key, prefix), tail.plan(), ttl, CACHE_HITS,
                UPDATE_AFTER, 0, condition.name(), ExceptionCaching.NONE, tail.tags());
    }
}
