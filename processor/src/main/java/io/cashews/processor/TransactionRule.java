package io.cashews.processor;

import io.cashews.processor.ttl.TtlParser;
import io.cashews.processor.ttl.TtlSyntaxException;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@code @CacheTransaction}: the timeout parses and is positive, and the result is not
 * a lazily consumed {@code Stream}, {@code Iterator} or {@code Flow.Publisher} (the transaction
 * would commit before the work that writes in it runs).
 */
final class TransactionRule implements MethodRule {
    private static final List<String> LAZY_TYPES =
            List.of("java.util.stream.BaseStream", "java.util.Iterator", "java.util.concurrent.Flow.Publisher");

    private final CommonChecks checks;

    TransactionRule(CommonChecks checks) {
        this.checks = checks;
    }

    @Override
    public String annotation() {
        return "io.cashews.annotations.CacheTransaction";
    }

    @Override
    public @Nullable Strategy validate(Context context, AnnotationMirror mirror) {
        Map<String, AnnotationValue> values = Attribute.values(mirror, checks.support().elements());
        long timeout = timeout(context, mirror, Attribute.string(values, "timeout"));
        boolean carriable = checks.carriableExceptions(context, mirror, "CacheTransaction");
        TypeMirror result = context.type().getReturnType();
        boolean eager = !isLazy(result);
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
        try {
            long millis = TtlParser.parseMillis(attribute.value());
            if (millis > 0) {
                return millis;
            }
            context.report().error(Messages.nonPositiveTimeout(attribute.value()), context.method(), mirror,
                    attribute.node());
        } catch (TtlSyntaxException e) {
            context.report().error(Messages.badTtl("timeout", attribute.value(), e.getMessage()), context.method(),
                    mirror, attribute.node());
        }
        return -1;
    }

    private boolean isLazy(TypeMirror type) {
        if (type.getKind() != TypeKind.DECLARED) {
            return false;
        }
        for (String name : LAZY_TYPES) {
            TypeElement element = checks.support().elements().getTypeElement(name);
            if (element != null && checks.support().types().isSubtype(checks.support().types().erasure(type),
                    checks.support().types().erasure(element.asType()))) {
                return true;
            }
        }
        return false;
    }
}
