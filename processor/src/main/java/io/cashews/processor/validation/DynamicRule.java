package io.cashews.processor.validation;

import io.cashews.processor.model.ExceptionCaching;
import io.cashews.processor.model.HitStrategy;
import io.cashews.processor.model.Strategy;
import javax.lang.model.element.AnnotationMirror;
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
        CommonChecks.Opening open = checks.open(context, mirror, "Dynamic", true);
        CommonChecks.Tail tail = checks.tail(context, mirror, open.values(), open.key(), open.prefix(), "Dynamic");
        if (!tail.ok() || !open.ok()) {
            return null;
        }
        return new HitStrategy(CommonChecks.shownTemplate(open.prefix(), open.template()), tail.plan(),
                open.ttlMillis(), CACHE_HITS, UPDATE_AFTER, 0, open.condition(), ExceptionCaching.NONE, tail.tags(),
                open.fingerprint());
    }
}
