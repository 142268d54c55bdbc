package io.cashews.processor.validation;

import io.cashews.processor.mirror.Attribute;
import io.cashews.processor.model.KeyPlan;
import io.cashews.processor.template.KeyTemplates;
import io.cashews.processor.template.TemplateSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import org.jspecify.annotations.Nullable;

/**
 * What the three Bloom rules share: reading {@code long} and {@code double} attributes, the
 * checks of capacity, rate and result type, the element key, and finding the sibling methods of
 * a filter by name.
 *
 * <p>Naming: a filter's name is its {@code name} attribute, or the annotated method's name when
 * empty. The filter's key base is {@code <prefix>:<package>.<Interface>.<name>}, the interface
 * being the one that declares the {@code @Bloom} method. The element key, when {@code key} is
 * empty, is every parameter's value in order joined with {@code ':'} ({@code "{a}:{b}"}): unlike
 * {@code @Cache}'s default it names neither the method nor the parameters, so a
 * {@code @BloomAdd} sibling renders the same element for the same arguments.
 */
final class BloomSupport {
    static final String BLOOM = "io.cashews.annotations.Bloom";
    static final String BLOOM_ADD = "io.cashews.annotations.BloomAdd";
    static final String DUAL_BLOOM = "io.cashews.annotations.DualBloom";

    private final TypeSupport support;
    private final KeyResolver keys;

    BloomSupport(TypeSupport support) {
        this.support = support;
        this.keys = new KeyResolver(support);
    }

    TypeSupport support() {
        return support;
    }

    Map<String, AnnotationValue> values(AnnotationMirror mirror) {
        return Attribute.values(mirror, support.elements());
    }

    static long longValue(Map<String, AnnotationValue> values, String name) {
        return ((Number) values.get(name).getValue()).longValue();
    }

    static double doubleValue(Map<String, AnnotationValue> values, String name) {
        return ((Number) values.get(name).getValue()).doubleValue();
    }

    /** The filter's name: the attribute, or the method's name when empty. */
    static String name(Map<String, AnnotationValue> values, ExecutableElement method) {
        String name = String.valueOf(values.get("name").getValue());
        return name.isEmpty() ? method.getSimpleName().toString() : name;
    }

    /** {@code <prefix>:<package>.<Interface>.<name>}, the interface declaring {@code method}. */
    static String keyBase(String prefix, ExecutableElement method, String name) {
        String owner = ((TypeElement) method.getEnclosingElement()).getQualifiedName().toString();
        return (prefix.isEmpty() ? "" : prefix + ":") + owner + "." + name;
    }

    /** Checks capacity and rate together (the rate's check needs a valid capacity for {@code k}). */
    boolean sizing(MethodRule.Context context, AnnotationMirror mirror, Map<String, AnnotationValue> values) {
        long capacity = longValue(values, "capacity");
        double falsePositives = doubleValue(values, "falsePositives");
        String annotation = simpleName(mirror);
        boolean ok = true;
        if (capacity <= 0) {
            context.report().error(Messages.bloomCapacity(annotation, capacity, "must be positive"), context.method(),
                    mirror, values.get("capacity"));
            ok = false;
        }
        if (!(falsePositives > 0 && falsePositives < 100)) {
            context.report().error(Messages.bloomFalsePositives(annotation, falsePositives,
                    "must be a percentage strictly between 0 and 100, such as 1 or 0.1"), context.method(), mirror,
                    values.get("falsePositives"));
            return false;
        }
        if (!ok) {
            return false;
        }
        long bits = BloomSupport.bitCount(capacity, falsePositives);
        if (bits > (1L << 32) - 1) {
            context.report().error(Messages.bloomCapacity(annotation, capacity, "needs " + bits + " bits at "
                    + falsePositives + " %, more than one backend key holds (2^32 - 1); lower the capacity or"
                    + " raise falsePositives"), context.method(), mirror, values.get("capacity"));
            return false;
        }
        if (BloomSupport.hashCount(capacity, bits) < 1) {
            context.report().error(Messages.bloomFalsePositives(annotation, falsePositives,
                    "is so high that the filter gets no hash function; use at most 70"), context.method(), mirror,
                    values.get("falsePositives"));
            return false;
        }
        return true;
    }

    /**
     * Whether the method answers yes or no: {@code boolean}, {@code Boolean}, or a stage, a
     * {@code Mono} or a {@code Uni} of {@code Boolean}.
     */
    boolean booleanResult(MethodRule.Context context, AnnotationMirror mirror) {
        TypeMirror type = context.type().getReturnType();
        if (isBoolean(type)) {
            return true;
        }
        if (type.getKind() == TypeKind.DECLARED) {
            DeclaredType declared = (DeclaredType) type;
            String raw = ((TypeElement) declared.asElement()).getQualifiedName().toString();
            if ((raw.equals("java.util.concurrent.CompletionStage") || raw.equals("java.util.concurrent.CompletableFuture")
                    || raw.equals(ReactiveTypes.MONO) || raw.equals(ReactiveTypes.UNI))
                    && declared.getTypeArguments().size() == 1 && isBoolean(declared.getTypeArguments().get(0))) {
                return true;
            }
        }
        context.report().error(Messages.bloomResult(simpleName(mirror), context.method().getSimpleName().toString(),
                type.toString()), context.method(), mirror, null);
        return false;
    }

    private boolean isBoolean(TypeMirror type) {
        return type.getKind() == TypeKind.BOOLEAN || (type.getKind() == TypeKind.DECLARED
                && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals("java.lang.Boolean"));
    }

    /** The element's key plan (no prefix), or {@code null} after an error. */
    @Nullable KeyPlan elementKey(MethodRule.Context context, AnnotationMirror mirror, Map<String, AnnotationValue> values) {
        AnnotationValue node = values.get("key");
        String written = String.valueOf(node.getValue());
        String template = written.isEmpty() ? context.method().getParameters().stream()
                .map(p -> "{" + p.getSimpleName() + "}").collect(Collectors.joining(":")) : written;
        try {
            return keys.resolve(new KeyResolver.Source(template, "", KeyTemplates.parse(template),
                    CacheRule.parameters(context), context.method(), mirror, node, context.owner()), context.report());
        } catch (TemplateSyntaxException e) {
            context.report().error(Messages.templateSyntax(template, e.getMessage(), e.offset()), context.method(),
                    mirror, node);
            return null;
        }
    }

    /** A method of the proxied interface carrying one of the Bloom annotations. */
    record Sibling(ExecutableElement method, AnnotationMirror mirror, String name, List<TypeMirror> parameterTypes) {}

    /** Every method of the proxied interface annotated with {@code annotation}, in member order. */
    List<Sibling> siblings(MethodRule.Context context, String annotation) {
        List<Sibling> found = new ArrayList<>();
        DeclaredType owner = (DeclaredType) context.owner().asType();
        for (ExecutableElement method : ElementFilter.methodsIn(support.elements().getAllMembers(context.owner()))) {
            if (method.getModifiers().contains(Modifier.STATIC) || method.getModifiers().contains(Modifier.PRIVATE)) {
                continue;
            }
            for (AnnotationMirror mirror : method.getAnnotationMirrors()) {
                if (ProxyValidator.qualifiedName(mirror).equals(annotation)) {
                    found.add(new Sibling(method, mirror, name(values(mirror), method), parameterTypes(owner, method)));
                }
            }
        }
        return found;
    }

    /**
     * Whether no other method annotated with {@code annotation} uses the filter {@code name};
     * reports each one that does.
     */
    boolean uniqueName(MethodRule.Context context, AnnotationMirror mirror, Map<String, AnnotationValue> values,
            String name, String annotation) {
        String method = context.method().getSimpleName().toString();
        boolean ok = true;
        for (Sibling other : siblings(context, annotation)) {
            if (!other.method().equals(context.method()) && other.name().equals(name)) {
                context.report().error(Messages.bloomDuplicate(name, method, other.method().getSimpleName().toString()),
                        context.method(), mirror, values.get("name"));
                ok = false;
            }
        }
        return ok;
    }

    /** The parameter types of {@code method} as a member of {@code owner}. */
    List<TypeMirror> parameterTypes(DeclaredType owner, ExecutableElement method) {
        return List.copyOf(((ExecutableType) support.types().asMemberOf(owner, method)).getParameterTypes());
    }

    /** The number of bits, as {@code io.cashews.internal.BloomFilter.bitCount} computes it. */
    static long bitCount(long capacity, double falsePositivesPercent) {
        double ln2 = Math.log(2);
        return (long) Math.ceil(-capacity * Math.log(falsePositivesPercent / 100) / (ln2 * ln2));
    }

    /** The number of hash functions, as {@code io.cashews.internal.BloomFilter.hashCount} computes it. */
    static long hashCount(long capacity, long bits) {
        return (long) Math.rint((double) bits / capacity * Math.log(2));
    }

    /** {@code (String, int)}, for messages. */
    static String signature(List<TypeMirror> types) {
        return types.stream().map(TypeMirror::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    static String simpleName(AnnotationMirror mirror) {
        return ((TypeElement) mirror.getAnnotationType().asElement()).getSimpleName().toString();
    }
}
