package io.cashews.processor.validation;

import io.cashews.processor.mirror.Attribute;
import io.cashews.processor.model.FailoverStrategy;
import io.cashews.processor.model.Strategy;
import javax.lang.model.element.AnnotationMirror;
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
        CommonChecks.Opening open = checks.open(context, mirror, "Failover", false);
        boolean kept = checks.notConsumedOnce(context, mirror, "Failover");
        CommonChecks.Tail tail = checks.tail(context, mirror, open.values(), open.key(), open.prefix(), "Failover");
        if (!tail.ok() || !open.ok() || !kept) {
            return null;
        }
        return new FailoverStrategy(CommonChecks.shownTemplate(open.prefix(), open.template()), tail.plan(),
                open.ttlMillis(), open.timeConditionMillis(), open.condition(),
                CommonChecks.classNames(Attribute.types(open.values(), "exceptions")), tail.tags(),
                open.fingerprint());
    }
}
