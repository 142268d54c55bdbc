package io.cashews.processor.validation;

import io.cashews.processor.mirror.Attribute;
import io.cashews.processor.model.KeyPlan;
import io.cashews.processor.model.LockedStrategy;
import io.cashews.processor.model.Strategy;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.type.TypeMirror;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@code @Locked}: the lock TTL and check interval parse and are positive, the key
 * resolves, and the result is not a lazily consumed {@code Stream}, {@code Iterator} or
 * {@code Flow.Publisher} (the lock would be released before the work is done).
 */
final class LockedRule extends CheckedRule {
    LockedRule(CommonChecks checks) {
        super(checks, "io.cashews.annotations.Locked");
    }

    @Override
    public @Nullable Strategy validate(Context context, AnnotationMirror mirror) {
        Map<String, AnnotationValue> values = checks.values(mirror);
        long ttl = checks.ttl(context, mirror, Attribute.string(values, "ttl"), "ttl");
        long checkInterval = checks.optionalTtl(context, mirror, Attribute.string(values, "checkInterval"),
                "checkInterval");
        boolean carriable = checks.carriableExceptions(context, mirror, "Locked");
        TypeMirror result = context.type().getReturnType();
        boolean eager = !checks.consumedOnce(result);
        if (!eager) {
            context.report().error(Messages.lockedStream(context.method().getSimpleName().toString(), result.toString()),
                    context.method(), mirror, null);
        }
        String prefix = Attribute.string(values, "prefix").value();
        Attribute<String> key = Attribute.string(values, "key");
        KeyPlan plan = checks.key(context, mirror, key, prefix);
        if (ttl < 0 || checkInterval < 0 || !carriable || !eager || plan == null) {
            return null;
        }
        return new LockedStrategy(CommonChecks.shownTemplate(context, key, prefix), plan, ttl,
                Attribute.bool(values, "waitForLock").value(), checkInterval);
    }
}
