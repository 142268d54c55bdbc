package io.cashews.processor.validation;

import io.cashews.processor.model.TypeRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The application classes a cached result can carry, for the proxy's {@code ValueTypes.allow}:
 * JDK deserialization checks every class it meets, so a result type alone is not enough (a
 * record with an enum component read back as a miss on Redis, issue 21). From each result type
 * it follows type arguments, array components, wildcard and type variable bounds, and, in
 * application classes, the superclass and every instance field that serialization writes (not
 * {@code static}, not {@code transient}; record components are such fields), recursively. JDK
 * types ({@code java.*}) are not listed and not looked into (the runtime admits its own value
 * types), only their type arguments. A class the proxy
 * cannot name (private, or package-private elsewhere) is looked into but not listed: it still
 * needs {@code serializer_allow}.
 */
final class ValueTypeReach {

    private final Elements elements;
    private final String proxyPackage;
    private final Set<String> visited = new HashSet<>();
    private final Set<TypeElement> found = new LinkedHashSet<>();

    ValueTypeReach(Elements elements, TypeElement iface) {
        this.elements = elements;
        this.proxyPackage = elements.getPackageOf(iface).getQualifiedName().toString();
    }

    /** Adds the classes reachable from a result type. */
    void add(TypeMirror type) {
        visit(type);
    }

    /** The classes found, in the order first met. */
    List<TypeRef.Named> types() {
        List<TypeRef.Named> names = new ArrayList<>();
        found.forEach(type -> names.add(TypeRefs.of(type)));
        return names;
    }

    private void visit(TypeMirror type) {
        if (type.getKind() == TypeKind.ARRAY) {
            visit(((ArrayType) type).getComponentType());
        } else if (type.getKind() == TypeKind.WILDCARD) {
            WildcardType wildcard = (WildcardType) type;
            if (wildcard.getExtendsBound() != null) {
                visit(wildcard.getExtendsBound());
            }
        } else if (type.getKind() == TypeKind.TYPEVAR) {
            TypeVariable variable = (TypeVariable) type;
            // Once per variable: bounds may mention the variable itself (T extends Comparable<T>).
            if (visited.add("<" + variable.asElement() + ">@" + variable.asElement().getEnclosingElement())) {
                visit(variable.getUpperBound());
            }
        } else if (type.getKind() == TypeKind.INTERSECTION) {
            ((IntersectionType) type).getBounds().forEach(this::visit);
        } else if (type.getKind() == TypeKind.DECLARED) {
            DeclaredType declared = (DeclaredType) type;
            TypeElement element = (TypeElement) declared.asElement();
            boolean first = !isJdk(element) && visited.add(element.getQualifiedName().toString());
            if (first && nameable(element)) {
                found.add(element);
            }
            declared.getTypeArguments().forEach(this::visit);
            if (first) {
                contents(element);
            }
        }
    }

    // What JDK serialization writes of an instance: its superclass's state and its own fields.
    // An enum is written by name, so nothing inside it is read back.
    private void contents(TypeElement element) {
        if (element.getKind() == ElementKind.ENUM) {
            return;
        }
        visit(element.getSuperclass());
        for (VariableElement field : ElementFilter.fieldsIn(element.getEnclosedElements())) {
            Set<Modifier> modifiers = field.getModifiers();
            if (!modifiers.contains(Modifier.STATIC) && !modifiers.contains(Modifier.TRANSIENT)) {
                visit(field.asType());
            }
        }
    }

    private boolean isJdk(TypeElement element) {
        String pkg = elements.getPackageOf(element).getQualifiedName().toString();
        return pkg.equals("java") || pkg.startsWith("java.");
    }

    // Whether the proxy, in its own package, can write the class literal.
    private boolean nameable(TypeElement element) {
        for (Element e = element; !(e instanceof PackageElement); e = e.getEnclosingElement()) {
            if (!(e instanceof TypeElement)) {
                return false;
            }
            Set<Modifier> modifiers = e.getModifiers();
            if (modifiers.contains(Modifier.PRIVATE) || !modifiers.contains(Modifier.PUBLIC)
                    && !elements.getPackageOf(e).getQualifiedName().contentEquals(proxyPackage)) {
                return false;
            }
        }
        return true;
    }
}
