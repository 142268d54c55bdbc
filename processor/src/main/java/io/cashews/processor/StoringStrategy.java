package io.cashews.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A decorator layer that stores results ({@code @Early}, {@code @Hit}, {@code @Soft},
 * {@code @Failover}): it needs the call's arguments only for a condition or tags.
 */
interface StoringStrategy extends DecoratorStrategy {

    /** The condition class, or {@code null} for none. */
    @Nullable ClassName condition();

    /** The tag templates, rendered when a result is stored. */
    List<TagPlans.Tag> tags();

    @Override
    default boolean needsArguments() {
        return condition() != null || !tags().isEmpty();
    }
}
