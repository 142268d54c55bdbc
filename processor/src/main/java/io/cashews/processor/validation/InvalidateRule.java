package io.cashews.processor.validation;

import io.cashews.processor.mirror.Attribute;
import io.cashews.processor.model.InvalidateStrategy;
import io.cashews.processor.model.Strategy;
import io.cashews.processor.model.TagPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@code @Invalidate}: at least one key template or tag, no empty entry, and every
 * template resolves over the method's parameters as a key template does ({@code *} is literal
 * text here and becomes a glob at run time), and the result is not a lazily consumed
 * {@code Stream}, {@code Iterator} or {@code Flow.Publisher} (the keys would be deleted before the
 * work it does while consumed).
 */
final class InvalidateRule extends CheckedRule {
    static final String NAME = "io.cashews.annotations.Invalidate";

    InvalidateRule(CommonChecks checks) {
        super(checks, NAME);
    }

    @Override
    public @Nullable Strategy validate(Context context, AnnotationMirror mirror) {
        Map<String, AnnotationValue> values = Attribute.values(mirror, checks.support().elements());
        String method = context.method().getSimpleName().toString();
        List<Attribute<String>> written = TagResolver.strings(values, "value");
        TagResolver plans = new TagResolver(checks.support());
        boolean ok = checks.carriableExceptions(context, mirror, "Invalidate");
        TypeMirror result = context.type().getReturnType();
        if (checks.consumedOnce(result)) {
            context.report().error(Messages.invalidateStream(method, result.toString()), context.method(), mirror, null);
            ok = false;
        }
        if (written.isEmpty() && TagResolver.strings(values, "tags").isEmpty()) {
            context.report().error(Messages.emptyInvalidate(method), context.method(), mirror, null);
            return null;
        }
        List<TagPlan> keys = new ArrayList<>();
        for (Attribute<String> entry : written) {
            if (entry.value().isBlank()) {
                context.report().error(Messages.emptyInvalidateKey(method), context.method(), mirror, entry.node());
                ok = false;
                continue;
            }
            TagPlan key = plans.resolve(context, mirror, entry);
            ok &= key != null;
            if (key != null) {
                keys.add(key);
            }
        }
        List<TagPlan> tags = plans.tags(context, mirror, values, "Invalidate");
        if (!ok || tags == null) {
            return null;
        }
        String name = ((TypeElement) context.method().getEnclosingElement()).getQualifiedName() + "." + method;
        return new InvalidateStrategy(name, keys, tags);
    }
}
