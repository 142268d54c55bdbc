package io.cashews.processor.validation;

import io.cashews.processor.model.BloomStrategy;
import io.cashews.processor.model.KeyPlan;
import io.cashews.processor.model.Strategy;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@code @Bloom}: capacity and false-positive rate, a yes/no result, the element key,
 * a unique filter name in the interface, and a {@code @BloomAdd} sibling with the same name and
 * parameter types (without one nothing could ever be added, so every call would answer
 * {@code false}).
 */
final class BloomRule implements MethodRule {
    private final BloomSupport bloom;

    BloomRule(BloomSupport bloom) {
        this.bloom = bloom;
    }

    @Override
    public String annotation() {
        return BloomSupport.BLOOM;
    }

    @Override
    public @Nullable Strategy validate(Context context, AnnotationMirror mirror) {
        Map<String, AnnotationValue> values = bloom.values(mirror);
        String method = context.method().getSimpleName().toString();
        String name = BloomSupport.name(values, context.method());
        boolean ok = bloom.sizing(context, mirror, values);
        ok &= bloom.booleanResult(context, mirror);
        KeyPlan key = bloom.elementKey(context, mirror, values);

        List<TypeMirror> parameterTypes =
                bloom.parameterTypes((DeclaredType) context.owner().asType(), context.method());
        ok &= bloom.uniqueName(context, mirror, values, name, BloomSupport.BLOOM);
        boolean paired = bloom.siblings(context, BloomSupport.BLOOM_ADD).stream()
                .anyMatch(add -> add.name().equals(name) && bloom.support().sameTypes(add.parameterTypes(), parameterTypes));
        if (!paired) {
            context.report().error(Messages.bloomWithoutAdd(name, method, BloomSupport.signature(parameterTypes)),
                    context.method(), mirror, null);
            ok = false;
        }
        if (!ok || key == null) {
            return null;
        }
        String prefix = String.valueOf(values.get("prefix").getValue());
        return new BloomStrategy(key, BloomSupport.keyBase(prefix, context.method(), name),
                BloomSupport.longValue(values, "capacity"), BloomSupport.doubleValue(values, "falsePositives"),
                Boolean.TRUE.equals(values.get("checkFalsePositive").getValue()));
    }
}
