package io.cashews.processor.validation;

import io.cashews.processor.mirror.Attribute;
import io.cashews.processor.model.EarlyStrategy;
import io.cashews.processor.model.ExceptionCaching;
import io.cashews.processor.model.Strategy;
import javax.lang.model.element.AnnotationMirror;
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
        CommonChecks.Opening open = checks.open(context, mirror, "Early", true);
        // cashews versions the layout of early entries: the prefix gets ":v2".
        String prefix = open.prefix().isEmpty() ? "v2" : open.prefix() + ":v2";
        long earlyTtl = checks.window(context, mirror, open.values(), "earlyTtl", open.ttlMillis());
        ExceptionCaching exceptions = checks.exceptionCaching(context, mirror, open.values());
        CommonChecks.Tail tail = checks.tail(context, mirror, open.values(), open.key(), prefix, "Early");
        if (!tail.ok() || !open.ok() || earlyTtl < 0 || exceptions == null) {
            return null;
        }
        return new EarlyStrategy(CommonChecks.shownTemplate(prefix, open.template()), tail.plan(), open.ttlMillis(),
                earlyTtl, open.timeConditionMillis(), open.condition(), exceptions,
                Attribute.bool(open.values(), "protect").value(), tail.tags(), open.fingerprint());
    }
}
