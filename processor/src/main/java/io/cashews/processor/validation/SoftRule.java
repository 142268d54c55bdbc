package io.cashews.processor.validation;

import io.cashews.processor.mirror.Attribute;
import io.cashews.processor.model.SoftStrategy;
import io.cashews.processor.model.Strategy;
import javax.lang.model.element.AnnotationMirror;
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
        CommonChecks.Opening open = checks.open(context, mirror, "Soft", true);
        long softTtl = checks.window(context, mirror, open.values(), "softTtl", open.ttlMillis());
        CommonChecks.Tail tail = checks.tail(context, mirror, open.values(), open.key(), open.prefix(), "Soft");
        if (!tail.ok() || !open.ok() || softTtl < 0) {
            return null;
        }
        return new SoftStrategy(CommonChecks.shownTemplate(open.prefix(), open.template()), tail.plan(),
                open.ttlMillis(), softTtl, CommonChecks.classNames(Attribute.types(open.values(), "exceptions")),
                open.timeConditionMillis(), open.condition(), Attribute.bool(open.values(), "protect").value(),
                tail.tags(), open.fingerprint());
    }
}
