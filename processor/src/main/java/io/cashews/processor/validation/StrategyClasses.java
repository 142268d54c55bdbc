package io.cashews.processor.validation;

import io.cashews.processor.mirror.Attribute;
import io.cashews.processor.model.TypeRef;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.jspecify.annotations.Nullable;

/**
 * Checks a user class named in an annotation ({@code condition}, {@code ttlFunction}) that the
 * proxy will create once with {@code new}: it must implement the runtime interface and be
 * instantiable from generated code in another package.
 */
final class StrategyClasses {

    /**
     * Outcome of a check.
     *
     * @param ok whether the attribute is usable
     * @param name the class to instantiate, {@code null} when the attribute is unset or not ok
     */
    record Checked(boolean ok, TypeRef.@Nullable Named name) {}

    private final Elements elements;
    private final Types types;

    StrategyClasses(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
    }

    Checked check(Attribute<TypeMirror> attribute, String attributeName, String requiredInterface,
            MethodRule.Context context, AnnotationMirror mirror) {
        TypeMirror type = attribute.value();
        if (type.getKind() == TypeKind.VOID) {
            return new Checked(true, null);
        }
        String problem = problem(type, attributeName, requiredInterface);
        if (problem != null) {
            context.report().error(problem, context.method(), mirror, attribute.node());
            return new Checked(false, null);
        }
        return new Checked(true, TypeRefs.of((TypeElement) ((DeclaredType) type).asElement()));
    }

    private @Nullable String problem(TypeMirror type, String attributeName, String requiredInterface) {
        TypeElement required = elements.getTypeElement(requiredInterface);
        if (required == null) {
            return Messages.runtimeMissing(attributeName, requiredInterface);
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return Messages.notInstantiable(attributeName, type.toString(), "is not a class");
        }
        TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
        String name = element.getQualifiedName().toString();
        if (element.getKind() != ElementKind.CLASS && element.getKind() != ElementKind.RECORD) {
            return Messages.notInstantiable(attributeName, name,
                    "is " + (element.getKind() == ElementKind.ENUM ? "an enum" : "an interface"));
        }
        if (!types.isAssignable(types.erasure(type), types.erasure(required.asType()))) {
            return Messages.wrongInterface(attributeName, name, requiredInterface);
        }
        if (element.getModifiers().contains(Modifier.ABSTRACT)) {
            return Messages.notInstantiable(attributeName, name, "is abstract");
        }
        for (Element e = element; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (!t.getModifiers().contains(Modifier.PUBLIC)) {
                return Messages.notInstantiable(attributeName, name,
                        t == element ? "is not public" : "is nested in " + t.getSimpleName() + ", which is not public");
            }
        }
        if (element.getNestingKind() == NestingKind.MEMBER && !element.getModifiers().contains(Modifier.STATIC)) {
            return Messages.notInstantiable(attributeName, name, "is an inner (non-static) class");
        }
        if (!element.getTypeParameters().isEmpty()) {
            return Messages.notInstantiable(attributeName, name, "is generic");
        }
        boolean constructor = ElementFilter.constructorsIn(element.getEnclosedElements()).stream()
                .anyMatch(StrategyClasses::isPublicNoArg);
        if (!constructor) {
            return Messages.notInstantiable(attributeName, name, "has no public no-argument constructor");
        }
        return null;
    }

    private static boolean isPublicNoArg(ExecutableElement constructor) {
        return constructor.getParameters().isEmpty() && constructor.getModifiers().contains(Modifier.PUBLIC);
    }
}
