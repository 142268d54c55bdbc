package io.cashews.processor.validation;

import io.cashews.processor.model.DualBloomStrategy;
import io.cashews.processor.model.KeyPlan;
import io.cashews.processor.model.Strategy;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import org.jspecify.annotations.Nullable;

/**
 * Validates {@code @DualBloom}: capacity and false-positive rate, a yes/no result, the element
 * key, and a filter name used by no other {@code @DualBloom} of the interface. It needs no
 * sibling: it learns from the delegate's own answers.
 */
final class DualBloomRule implements MethodRule {
    private final BloomSupport bloom;

    DualBloomRule(BloomSupport bloom) {
        this.bloom = bloom;
    }

    @Override
    public String annotation() {
        return BloomSupport.DUAL_BLOOM;
    }

    @Override
    public @Nullable Strategy validate(Context context, AnnotationMirror mirror) {
        Map<String, AnnotationValue> values = bloom.values(mirror);
        String name = BloomSupport.name(values, context.method());
        boolean ok = bloom.sizing(context, mirror, values);
        ok &= bloom.booleanResult(context, mirror);
        KeyPlan key = bloom.elementKey(context, mirror, values);
        ok &= bloom.uniqueName(context, mirror, values, name, BloomSupport.DUAL_BLOOM);
        if (!ok || key == null) {
            return null;
        }
        String prefix = String.valueOf(values.get("prefix").getValue());
        return new DualBloomStrategy(key, BloomSupport.keyBase(prefix, context.method(), name),
                BloomSupport.longValue(values, "capacity"), BloomSupport.doubleValue(values, "falsePositives"));
    }
}
