package io.cashews.processor.validation;

import io.cashews.processor.mirror.Attribute;
import io.cashews.processor.model.FailoverStrategy;
import io.cashews.processor.model.KeyPlan;
import io.cashews.processor.model.Strategy;
import io.cashews.processor.model.TagPlan;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@code @Failover}: TTL, time condition, key template, condition class and the
 * exception list. Sync values, {@code void} and asynchronous stages are accepted; streams,
 * iterators and publishers are not, since a failover keeps a copy of every result.
 */
final class FailoverRule extends CheckedRule {
    static final String NAME = "io.cashews.annotations.Failover";

    FailoverRule(CommonChecks checks) {
        super(checks, NAME);
    }

    @Override
    public @Nullable Strategy validate(Context context, AnnotationMirror mirror) {
        Map<String, AnnotationValue> values = checks.values(mirror);
        Attribute<String> key = Attribute.string(values, "key");
        String prefix = Attribute.string(values, "prefix").value();
        long ttl = checks.ttl(context, mirror, Attribute.string(values, "ttl"), "ttl");
        long timeCondition = checks.timeCondition(context, mirror, values);
        StrategyClasses.Checked condition = checks.condition(context, mirror, values);
        boolean carriable = checks.carriableExceptions(context, mirror, "Failover")
                & checks.notConsumedOnce(context, mirror, "Failover");
        KeyPlan plan = checks.key(context, mirror, key, prefix);
        List<TagPlan> tags = new TagResolver(checks.support()).tags(context, mirror, values, "Failover");
        if (tags == null || ttl < 0 || timeCondition < 0 || !condition.ok() || !carriable || plan == null) {
            return null;
        }
        return new FailoverStrategy(CommonChecks.shownTemplate(context, key, prefix), plan, ttl, timeCondition,
                condition.name(), CommonChecks.classNames(Attribute.types(values, "exceptions")), tags);
    }
}
