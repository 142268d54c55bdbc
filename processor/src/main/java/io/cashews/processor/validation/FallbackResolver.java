package io.cashews.processor.validation;

import io.cashews.processor.mirror.Attribute;
import io.cashews.processor.model.FallbackPlan;
import io.cashews.processor.model.TypeRef;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;
import org.jspecify.annotations.Nullable;

/**
 * Checks a {@code fallback = "name"} attribute: the name must be another method of the proxied
 * interface (inherited ones included) with the same parameter types, a return type assignable to
 * the limited method's, no checked exception the limited method does not declare, and neither
 * method may be generic. Errors list the methods that would fit.
 */
final class FallbackResolver {
    private final TypeSupport support;

    FallbackResolver(TypeSupport support) {
        this.support = support;
    }

    /** The outcome: {@code ok} false after an error; {@code plan} null when no fallback is set. */
    record Checked(boolean ok, @Nullable FallbackPlan plan) {}

    Checked check(MethodRule.Context context, AnnotationMirror mirror, Attribute<String> fallback, String annotation) {
        String written = fallback.value();
        if (written.isEmpty()) {
            return new Checked(true, null);
        }
        ExecutableElement limited = context.method();
        String method = limited.getSimpleName().toString();
        Report report = context.report();
        if (written.equals(method) && sameParameters(context.type(), context.type())) {
            report.error(Messages.fallbackItself(annotation, method), limited, mirror, fallback.node());
            return new Checked(false, null);
        }
        if (!context.type().getTypeVariables().isEmpty()) {
            report.error(Messages.fallbackGeneric(annotation, written, method), limited, mirror, fallback.node());
            return new Checked(false, null);
        }
        List<ExecutableElement> methods = methods(context.owner());
        List<String> fitting = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ExecutableElement candidate : methods) {
            String name = candidate.getSimpleName().toString();
            names.add(name);
            if (candidate != limited && !name.equals(method) && problem(context, member(context, candidate)) == null) {
                fitting.add(name);
            }
        }
        List<ExecutableElement> named = methods.stream()
                .filter(m -> m.getSimpleName().contentEquals(written) && m != limited)
                .toList();
        if (named.isEmpty()) {
            report.error(Messages.unknownFallback(annotation, written, method, fitting,
                    Suggestions.didYouMean(written, names)), limited, mirror, fallback.node());
            return new Checked(false, null);
        }
        String firstProblem = null;
        for (ExecutableElement candidate : named) {
            ExecutableType type = member(context, candidate);
            String problem = problem(context, type);
            if (problem == null || problem.startsWith("it declares throws")) {
                return checkThrows(context, mirror, fallback, annotation, type);
            }
            if (firstProblem == null) {
                firstProblem = problem;
            }
        }
        report.error(Messages.fallbackMismatch(annotation, written, method, firstProblem, fitting), limited, mirror,
                fallback.node());
        return new Checked(false, null);
    }

    private Checked checkThrows(MethodRule.Context context, AnnotationMirror mirror, Attribute<String> fallback,
            String annotation, ExecutableType type) {
        TypeMirror undeclared = undeclaredException(context, type);
        if (undeclared != null) {
            context.report().error(Messages.fallbackThrows(annotation, fallback.value(),
                    context.method().getSimpleName().toString(), undeclared.toString()), context.method(), mirror,
                    fallback.node());
            return new Checked(false, null);
        }
        List<TypeRef> parameters = TypeRefs.of(type.getParameterTypes());
        return new Checked(true, new FallbackPlan(fallback.value(), parameters,
                type.getReturnType().getKind() == TypeKind.VOID));
    }

    /** Why {@code candidate} cannot answer for the limited method, or {@code null} when it can. */
    private @Nullable String problem(MethodRule.Context context, ExecutableType candidate) {
        if (!candidate.getTypeVariables().isEmpty()) {
            return "it is generic";
        }
        if (!sameParameters(context.type(), candidate)) {
            return "it takes " + parameterList(candidate) + ", not " + parameterList(context.type());
        }
        TypeMirror expected = context.type().getReturnType();
        TypeMirror actual = candidate.getReturnType();
        boolean fits = expected.getKind() == TypeKind.VOID ? actual.getKind() == TypeKind.VOID
                : actual.getKind() != TypeKind.VOID && support.types().isAssignable(actual, expected);
        if (!fits) {
            return "it returns " + actual + ", which is not assignable to " + expected;
        }
        TypeMirror undeclared = undeclaredException(context, candidate);
        return undeclared == null ? null : "it declares throws " + undeclared;
    }

    /** A checked exception {@code candidate} declares that the limited method does not, or {@code null}. */
    private @Nullable TypeMirror undeclaredException(MethodRule.Context context, ExecutableType candidate) {
        Types types = support.types();
        TypeMirror runtime = support.typeElement("java.lang.RuntimeException").asType();
        TypeMirror error = support.typeElement("java.lang.Error").asType();
        for (TypeMirror thrown : candidate.getThrownTypes()) {
            if (types.isSubtype(thrown, runtime) || types.isSubtype(thrown, error)) {
                continue;
            }
            if (context.type().getThrownTypes().stream().noneMatch(t -> types.isSubtype(thrown, t))) {
                return thrown;
            }
        }
        return null;
    }

    private boolean sameParameters(ExecutableType a, ExecutableType b) {
        return support.sameTypes(a.getParameterTypes(), b.getParameterTypes());
    }

    private static String parameterList(ExecutableType type) {
        List<String> names = type.getParameterTypes().stream().map(TypeMirror::toString).toList();
        return "(" + String.join(", ", names) + ")";
    }

    private ExecutableType member(MethodRule.Context context, ExecutableElement method) {
        return (ExecutableType) support.types().asMemberOf((DeclaredType) context.owner().asType(), method);
    }

    /** The instance methods a proxy of {@code owner} implements, in declaration order. */
    private List<ExecutableElement> methods(TypeElement owner) {
        List<ExecutableElement> methods = new ArrayList<>();
        for (ExecutableElement method : ElementFilter.methodsIn(support.elements().getAllMembers(owner))) {
            Element declaring = method.getEnclosingElement();
            if (declaring.getKind() == ElementKind.INTERFACE && !method.getModifiers().contains(Modifier.STATIC)
                    && !method.getModifiers().contains(Modifier.PRIVATE)) {
                methods.add(method);
            }
        }
        return methods;
    }
}
