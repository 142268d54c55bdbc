package io.cashews.processor.validation;

import io.cashews.processor.mirror.Attribute;
import io.cashews.processor.model.Strategy;
import io.cashews.processor.model.TransactionStrategy;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@code @CacheTransaction}: the timeout parses and is positive, and the result is not
 * a lazily consumed {@code Stream}, {@code Iterator} or {@code Flow.Publisher} (the transaction
 * would commit before the work that writes in it runs).
 */
final class TransactionRule extends CheckedRule {
    TransactionRule(CommonChecks checks) {
        super(checks, "io.cashews.annotations.CacheTransaction");
    }

    @Override
    public @Nullable Strategy validate(Context context, AnnotationMirror mirror) {
        Map<String, AnnotationValue> values = checks.values(mirror);
        long timeout = timeout(context, mirror, Attribute.string(values, "timeout"));
        boolean carriable = checks.carriableExceptions(context, mirror, "CacheTransaction");
        TypeMirror result = context.type().getReturnType();
        boolean eager = !checks.consumedOnce(result);
        if (!eager) {
            context.report().error(Messages.transactionStream(context.method().getSimpleName().toString(),
                    result.toString()), context.method(), mirror, null);
        }
        if (timeout < 0 || !carriable || !eager) {
            return null;
        }
        return new TransactionStrategy(mode(values), timeout);
    }

    private static String mode(Map<String, AnnotationValue> values) {
        AnnotationValue node = values.get("mode");
        // An enum constant reads as its VariableElement; the default when it is missing is LOCKED.
        return node != null && node.getValue() instanceof VariableElement constant
                ? constant.getSimpleName().toString() : "LOCKED";
    }

    private static long timeout(Context context, AnnotationMirror mirror, Attribute<String> attribute) {
        return CommonChecks.positiveMillis(context, mirror, attribute, Messages::nonPositiveTimeout,
                problem -> Messages.badTtl("timeout", attribute.value(), problem));
    }
}
