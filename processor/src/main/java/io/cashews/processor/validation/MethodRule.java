package io.cashews.processor.validation;

import io.cashews.processor.model.Strategy;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ExecutableType;
import org.jspecify.annotations.Nullable;

/**
 * Validation of one method annotation. Each supported annotation is one implementation,
 * registered in {@link CashewsProcessor}; adding an annotation never edits the others.
 */
interface MethodRule {

    /** The annotation's qualified name. */
    String annotation();

    /**
     * Validates the annotation on a method the proxy overrides.
     *
     * @return the strategy, or {@code null} after reporting every problem in {@code context}
     * @throws UnresolvedTypeException when a type needed for the decision is not resolved yet
     */
    @Nullable Strategy validate(Context context, AnnotationMirror mirror);

    /**
     * One method of the interface being proxied.
     *
     * @param owner the interface the proxy implements
     * @param method the method (possibly declared in a superinterface)
     * @param type the method as a member of {@code owner}, type arguments substituted
     * @param report where problems go
     * @param keyName the method's part of default keys, {@code <package>.<Interface>.<method>} named
     *     after {@code owner}, with parameter types for an overload (see {@link DefaultKeys})
     */
    record Context(TypeElement owner, ExecutableElement method, ExecutableType type, Report report, String keyName) {}
}
