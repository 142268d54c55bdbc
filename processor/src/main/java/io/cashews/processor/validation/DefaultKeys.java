package io.cashews.processor.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/**
 * The default key (SPEC §5): {@code <package>.<Interface>.<method>:<p1>:{p1}…}, where the
 * interface is always the one the proxy implements (an inherited method gets the sub-interface's
 * name, so {@code UserRepo extends Repo<User, Long>} and {@code Repo} itself never share entries),
 * and an overloaded method lists its parameter types, {@code find(String)} and {@code find(int)}.
 * A non-overloaded method declared in the proxied interface keeps the plain
 * {@code <package>.<Interface>.<method>}.
 */
final class DefaultKeys {
    private DefaultKeys() {}

    /**
     * The method part of each method's default key, {@code com.example.Repo.find} or
     * {@code com.example.Repo.find(long)} for an overload.
     *
     * @param iface the proxied interface
     * @param methods every method the proxy overrides, inherited ones included
     */
    static Map<ExecutableElement, String> names(TypeElement iface, List<ExecutableElement> methods, Types types) {
        Map<String, List<ExecutableElement>> byName = new LinkedHashMap<>();
        for (ExecutableElement method : methods) {
            byName.computeIfAbsent(method.getSimpleName().toString(), n -> new ArrayList<>()).add(method);
        }
        String owner = iface.getQualifiedName().toString();
        DeclaredType site = (DeclaredType) iface.asType();
        Map<ExecutableElement, String> names = new LinkedHashMap<>();
        for (Map.Entry<String, List<ExecutableElement>> group : byName.entrySet()) {
            String base = owner + "." + group.getKey();
            if (group.getValue().size() == 1) {
                names.put(group.getValue().get(0), base);
                continue;
            }
            // Simple type names read best; two overloads that differ only in packages get qualified ones.
            Map<ExecutableElement, String> simple = parameterLists(group.getValue(), site, types, false);
            boolean distinct = new HashSet<>(simple.values()).size() == simple.size();
            Map<ExecutableElement, String> lists = distinct ? simple : parameterLists(group.getValue(), site, types, true);
            lists.forEach((method, list) -> names.put(method, base + "(" + list + ")"));
        }
        return names;
    }

    /** The default template of a method: its {@link #names name} and every parameter. */
    static String template(MethodRule.Context context) {
        StringBuilder template = new StringBuilder(context.keyName());
        for (VariableElement parameter : context.method().getParameters()) {
            template.append(':').append(parameter.getSimpleName()).append(":{").append(parameter.getSimpleName()).append('}');
        }
        return template.toString();
    }

    /**
     * Warns when a value cache whose result mentions a type parameter of the proxied interface
     * uses the default key: proxies of {@code Repo<User, Long>} and {@code Repo<Order, Long>} on one
     * instance would serve each other's entities, and nothing in the interface tells them apart.
     */
    static void warnGeneric(MethodRule.Context context, List<AnnotationMirror> stacked) {
        TypeElement iface = context.owner();
        if (!mentions(context.type().getReturnType(), iface.getTypeParameters())
                || suppressed(context.method(), "cashews:GenericDefaultKey") || suppressed(iface, "cashews:GenericDefaultKey")) {
            return;
        }
        for (AnnotationMirror mirror : stacked) {
            String simple = ProxyValidator.qualifiedName(mirror);
            simple = simple.substring(simple.lastIndexOf('.') + 1);
            boolean storesValues = Combinations.VALUE_CACHES.contains(simple) || simple.equals("Failover");
            // Only what is written counts: a layer's default prefix (fail, hit…) is the same for every T.
            boolean written = mirror.getElementValues().keySet().stream()
                    .anyMatch(e -> e.getSimpleName().contentEquals("key") || e.getSimpleName().contentEquals("prefix"));
            if (storesValues && !written) {
                boolean own = context.method().getEnclosingElement().equals(iface);
                String message = Messages.genericDefaultKey(simple, context.method().getSimpleName().toString(),
                        iface.getQualifiedName().toString(), template(context));
                if (own) {
                    context.report().warning(message, context.method(), mirror, null);
                } else {
                    context.report().warning(message, iface, null, null);
                }
                return;
            }
        }
    }

    /**
     * Whether {@code @SuppressWarnings(warning)} (or {@code "cashews"}) is on the element or an
     * enclosing one.
     */
    static boolean suppressed(Element element, String warning) {
        for (Element e = element; e != null && !(e instanceof PackageElement); e = e.getEnclosingElement()) {
            SuppressWarnings annotation = e.getAnnotation(SuppressWarnings.class);
            if (annotation != null && (List.of(annotation.value()).contains("cashews")
                    || List.of(annotation.value()).contains(warning))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code type} mentions one of {@code variables} anywhere, type arguments included. */
    private static boolean mentions(TypeMirror type, List<? extends TypeParameterElement> variables) {
        if (type instanceof TypeVariable variable) {
            return variables.contains(variable.asElement());
        }
        if (type instanceof ArrayType array) {
            return mentions(array.getComponentType(), variables);
        }
        if (type instanceof WildcardType wildcard) {
            return (wildcard.getExtendsBound() != null && mentions(wildcard.getExtendsBound(), variables))
                    || (wildcard.getSuperBound() != null && mentions(wildcard.getSuperBound(), variables));
        }
        return type instanceof DeclaredType declared
                && declared.getTypeArguments().stream().anyMatch(argument -> mentions(argument, variables));
    }

    private static Map<ExecutableElement, String> parameterLists(List<ExecutableElement> methods, DeclaredType site,
            Types types, boolean qualified) {
        Map<ExecutableElement, String> lists = new LinkedHashMap<>();
        for (ExecutableElement method : methods) {
            ExecutableType type = (ExecutableType) types.asMemberOf(site, method);
            List<String> names = new ArrayList<>();
            for (TypeMirror parameter : type.getParameterTypes()) {
                names.add(name(types.erasure(parameter), qualified));
            }
            lists.put(method, String.join(",", names));
        }
        return lists;
    }

    /** {@code String}, {@code Map.Entry}, {@code int}, {@code byte[]}; qualified: {@code java.lang.String}. */
    private static String name(TypeMirror erased, boolean qualified) {
        if (erased instanceof ArrayType array) {
            return name(array.getComponentType(), qualified) + "[]";
        }
        if (erased instanceof DeclaredType declared) {
            TypeElement element = (TypeElement) declared.asElement();
            if (qualified) {
                return element.getQualifiedName().toString();
            }
            StringBuilder name = new StringBuilder(element.getSimpleName());
            for (Element e = element.getEnclosingElement(); e instanceof TypeElement outer; e = e.getEnclosingElement()) {
                name.insert(0, outer.getSimpleName() + ".");
            }
            return name.toString();
        }
        return erased.toString();
    }
}
