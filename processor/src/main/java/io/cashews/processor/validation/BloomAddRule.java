package io.cashews.processor.validation;

import io.cashews.processor.model.BloomAddStrategy;
import io.cashews.processor.model.KeyPlan;
import io.cashews.processor.model.Strategy;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@code @BloomAdd}: a result to judge (not {@code void}), the element key, and exactly
 * the {@code @Bloom} sibling it adds to: same name, same parameter types, same prefix. The layer
 * takes the sibling's capacity and rate, so both compute the same filter.
 */
final class BloomAddRule implements MethodRule {
    private final BloomSupport bloom;

    BloomAddRule(BloomSupport bloom) {
        this.bloom = bloom;
    }

    @Override
    public String annotation() {
        return BloomSupport.BLOOM_ADD;
    }

    @Override
    public @Nullable Strategy validate(Context context, AnnotationMirror mirror) {
        Map<String, AnnotationValue> values = bloom.values(mirror);
        String method = context.method().getSimpleName().toString();
        String name = BloomSupport.name(values, context.method());
        boolean ok = true;
        if (context.type().getReturnType().getKind() == TypeKind.VOID) {
            context.report().error(Messages.bloomAddVoid(method), context.method(), mirror, null);
            ok = false;
        }
        KeyPlan key = bloom.elementKey(context, mirror, values);

        List<TypeMirror> parameterTypes =
                bloom.parameterTypes((DeclaredType) context.owner().asType(), context.method());
        List<BloomSupport.Sibling> named = bloom.siblings(context, BloomSupport.BLOOM).stream()
                .filter(b -> b.name().equals(name))
                .toList();
        BloomSupport.Sibling target = named.stream()
                .filter(b -> bloom.support().sameTypes(b.parameterTypes(), parameterTypes))
                .findFirst()
                .orElse(null);
        if (target == null) {
            String found = named.isEmpty() ? "there is no @Bloom method named '" + name + "'"
                    : "@Bloom method '" + named.get(0).method().getSimpleName() + "' named '" + name + "' takes "
                            + BloomSupport.signature(named.get(0).parameterTypes());
            context.report().error(Messages.bloomAddWithoutBloom(name, method, BloomSupport.signature(parameterTypes),
                    found), context.method(), mirror, values.get("name"));
            return null;
        }
        Map<String, AnnotationValue> targetValues = bloom.values(target.mirror());
        String prefix = String.valueOf(values.get("prefix").getValue());
        String targetPrefix = String.valueOf(targetValues.get("prefix").getValue());
        if (!prefix.equals(targetPrefix)) {
            context.report().error(Messages.bloomAddPrefix(method, prefix, target.method().getSimpleName().toString(),
                    targetPrefix), context.method(), mirror, values.get("prefix"));
            ok = false;
        }
        long capacity = BloomSupport.longValue(targetValues, "capacity");
        double falsePositives = BloomSupport.doubleValue(targetValues, "falsePositives");
        // The sibling reports its own sizing errors; this layer simply is not built then.
        boolean sized = capacity > 0 && falsePositives > 0 && falsePositives < 100
                && BloomSupport.bitCount(capacity, falsePositives) < (1L << 32)
                && BloomSupport.hashCount(capacity, BloomSupport.bitCount(capacity, falsePositives)) >= 1;
        if (!ok || !sized || key == null) {
            return null;
        }
        return new BloomAddStrategy(key, BloomSupport.keyBase(prefix, target.method(), name), capacity,
                falsePositives);
    }
}
