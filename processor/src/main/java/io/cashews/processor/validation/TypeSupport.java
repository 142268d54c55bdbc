package io.cashews.processor.validation;

import io.cashews.processor.mirror.UnresolvedTypeException;
import io.cashews.processor.model.KeyPlan;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import org.jspecify.annotations.Nullable;

/** Questions about types that several validators ask. */
final class TypeSupport {
    private static final Set<String> BOXES = Set.of(
            "java.lang.Boolean", "java.lang.Byte", "java.lang.Short", "java.lang.Character",
            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double");

    /** Types whose rendering the runtime defines, so a missing {@code toString()} does not matter. */
    private static final List<String> RENDERED_SUPERTYPES = List.of(
            "java.lang.CharSequence", "java.util.Collection", "java.util.Map", "java.util.Optional",
            "java.lang.Number", "java.lang.Boolean", "java.lang.Character");

    /** Types whose type arguments the runtime renders element by element, most specific first. */
    private static final List<String> ELEMENT_CONTAINERS = List.of("java.util.Map", "java.lang.Iterable", "java.util.Optional");

    /** How deep arrays and type arguments are followed for a type without {@code toString()}. */
    private static final int MAX_ELEMENT_DEPTH = 8;

    private final Elements elements;
    private final Types types;
    private final KeyFormatterCatalog formatters;
    private final Fingerprints fingerprints = new Fingerprints();
    private final Map<String, Optional<TypeElement>> platformTypes = new HashMap<>();

    TypeSupport(Elements elements, Types types) {
        this.elements = elements;
        this.types = types;
        this.formatters = new KeyFormatterCatalog(this);
    }

    /** The custom key formatters of this compilation, for every key resolver. */
    KeyFormatterCatalog formatters() {
        return formatters;
    }

    /** The fingerprints of stored types, which know the sources of this compilation. */
    Fingerprints fingerprints() {
        return fingerprints;
    }

    /**
     * The element type of a one-parameter container ({@code Stream<T>}, {@code Mono<T>}, …): the
     * type argument, a wildcard's upper bound, or {@code Object} when raw or unbounded.
     */
    TypeMirror elementType(TypeMirror type) {
        List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
        TypeMirror object = typeElement("java.lang.Object").asType();
        if (arguments.isEmpty()) {
            return object;
        }
        TypeMirror argument = arguments.get(0);
        if (argument instanceof WildcardType wildcard) {
            return wildcard.getExtendsBound() == null ? object : wildcard.getExtendsBound();
        }
        return argument;
    }

    Types types() {
        return types;
    }

    Elements elements() {
        return elements;
    }

    /**
     * The type named {@code name}, or {@code null} where the compilation lacks it. Platform types
     * ({@code java.…}, {@code javax.…}) are remembered for the processor's life: the platform does
     * not change between rounds, and {@link Elements#getTypeElement} searches every module, slowest
     * for names that do not exist (a check per package member showed in the profile). Other names
     * are looked up each time, as a later round may generate them.
     */
    @Nullable TypeElement typeElement(String name) {
        if (!name.startsWith("java.") && !name.startsWith("javax.")) {
            return elements.getTypeElement(name);
        }
        return platformTypes.computeIfAbsent(name, n -> Optional.ofNullable(elements.getTypeElement(n))).orElse(null);
    }

    /** Throws {@link UnresolvedTypeException} when {@code type} mentions a type javac could not resolve. */
    void requireResolved(TypeMirror type) {
        if (containsError(type, 0)) {
            throw new UnresolvedTypeException(type.toString());
        }
    }

    void requireResolved(ExecutableType type) {
        requireResolved(type.getReturnType());
        type.getParameterTypes().forEach(this::requireResolved);
        type.getThrownTypes().forEach(this::requireResolved);
        for (TypeVariable variable : type.getTypeVariables()) {
            requireResolved(variable.getUpperBound());
        }
    }

    private boolean containsError(TypeMirror type, int depth) {
        if (depth > 16) {
            return false; // recursive bounds such as <T extends Comparable<T>>
        }
        return switch (type.getKind()) {
            case ERROR -> true;
            case DECLARED -> ((DeclaredType) type).getTypeArguments().stream()
                    .anyMatch(t -> containsError(t, depth + 1))
                    || containsError(((DeclaredType) type).getEnclosingType(), depth + 1);
            case ARRAY -> containsError(((ArrayType) type).getComponentType(), depth + 1);
            case WILDCARD -> {
                WildcardType w = (WildcardType) type;
                yield (w.getExtendsBound() != null && containsError(w.getExtendsBound(), depth + 1))
                        || (w.getSuperBound() != null && containsError(w.getSuperBound(), depth + 1));
            }
            case TYPEVAR -> containsError(((TypeVariable) type).getUpperBound(), depth + 1);
            case INTERSECTION -> ((IntersectionType) type).getBounds().stream()
                    .anyMatch(t -> containsError(t, depth + 1));
            default -> false;
        };
    }

    /**
     * The first type that {@code type} mentions and that a class of {@code owner}'s package (the
     * proxy) cannot name, or {@code null}: a private type, or one that is not public (itself or a
     * class it is nested in) and belongs to another package.
     */
    @Nullable TypeElement inaccessible(TypeMirror type, TypeElement owner) {
        return inaccessible(type, elements.getPackageOf(owner), 0);
    }

    private @Nullable TypeElement inaccessible(TypeMirror type, PackageElement from, int depth) {
        if (depth > 16) {
            return null; // recursive bounds such as <T extends Comparable<T>>
        }
        List<TypeMirror> parts = new ArrayList<>();
        switch (type.getKind()) {
            case DECLARED -> {
                DeclaredType declared = (DeclaredType) type;
                for (Element e = declared.asElement(); e instanceof TypeElement t; e = e.getEnclosingElement()) {
                    Set<Modifier> modifiers = t.getModifiers();
                    if (modifiers.contains(Modifier.PRIVATE)
                            || (!modifiers.contains(Modifier.PUBLIC) && !elements.getPackageOf(t).equals(from))) {
                        return t;
                    }
                }
                parts.addAll(declared.getTypeArguments());
            }
            case ARRAY -> parts.add(((ArrayType) type).getComponentType());
            case WILDCARD -> {
                WildcardType wildcard = (WildcardType) type;
                if (wildcard.getExtendsBound() != null) {
                    parts.add(wildcard.getExtendsBound());
                }
                if (wildcard.getSuperBound() != null) {
                    parts.add(wildcard.getSuperBound());
                }
            }
            case TYPEVAR -> parts.add(((TypeVariable) type).getUpperBound());
            case INTERSECTION -> parts.addAll(((IntersectionType) type).getBounds());
            default -> { }
        }
        for (TypeMirror part : parts) {
            TypeElement found = inaccessible(part, from, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    static boolean isString(TypeMirror type) {
        return isNamed(type, "java.lang.String");
    }

    static boolean isNamed(TypeMirror type, String qualifiedName) {
        return type.getKind() == TypeKind.DECLARED
                && ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().contentEquals(qualifiedName);
    }

    /** How a value of this static type is appended to a key. */
    static KeyPlan.Render render(TypeMirror type) {
        if (type.getKind() == TypeKind.CHAR || isNamed(type, "java.lang.Character")) {
            // A character may be one the key escapes (':', '*', ...): rendered by the runtime.
            return KeyPlan.Render.OTHER;
        }
        if (type.getKind().isPrimitive()) {
            return KeyPlan.Render.PRIMITIVE;
        }
        if (type.getKind() == TypeKind.DECLARED) {
            TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
            String name = element.getQualifiedName().toString();
            if (name.equals("java.lang.String")) {
                return KeyPlan.Render.STRING;
            }
            if (BOXES.contains(name)) {
                return KeyPlan.Render.BOXED;
            }
        }
        return KeyPlan.Render.OTHER;
    }

    /**
     * Whether {@code type} is one of the named classes (erasures compared), or with
     * {@code subtypes} a subtype of one; names missing from the classpath never match.
     */
    boolean isOneOf(TypeMirror type, List<String> names, boolean subtypes) {
        if (type.getKind() != TypeKind.DECLARED) {
            return false;
        }
        for (String name : names) {
            TypeElement element = typeElement(name);
            if (element == null) {
                continue;
            }
            TypeMirror erased = types.erasure(element.asType());
            if (subtypes ? types.isSubtype(types.erasure(type), erased)
                    : types.isSameType(types.erasure(type), erased)) {
                return true;
            }
        }
        return false;
    }

    /** Whether two type lists (parameter lists) are the same types in the same order. */
    boolean sameTypes(List<? extends TypeMirror> a, List<? extends TypeMirror> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!types.isSameType(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The declared types to look properties up on, in order: the type itself, or every bound of a
     * type variable or wildcard ({@code <T extends Number & Entity>} has the properties of both);
     * empty for primitives and arrays, which have no properties.
     */
    List<DeclaredType> propertyHolders(TypeMirror type) {
        return switch (type.getKind()) {
            case DECLARED -> List.of((DeclaredType) type);
            case TYPEVAR -> propertyHolders(((TypeVariable) type).getUpperBound());
            case INTERSECTION -> ((IntersectionType) type).getBounds().stream()
                    .flatMap(bound -> propertyHolders(bound).stream())
                    .toList();
            case WILDCARD -> {
                TypeMirror bound = ((WildcardType) type).getExtendsBound();
                yield propertyHolders(bound == null ? typeElement("java.lang.Object").asType() : bound);
            }
            default -> List.of();
        };
    }

    /**
     * The class that would put an identity hash into keys made of this type, or {@code null}: a
     * concrete class (not an interface, record or enum, and not a type the runtime renders
     * itself) that declares no {@code toString()} anywhere below {@code Object}, found as the type
     * itself, as the component of an array (or varargs), or as an element of a collection, an
     * {@code Optional} or a map's keys or values, which the runtime renders element by element.
     */
    @Nullable TypeElement withoutToString(TypeMirror type) {
        return withoutToString(type, 0);
    }

    private @Nullable TypeElement withoutToString(TypeMirror type, int depth) {
        if (depth > MAX_ELEMENT_DEPTH) {
            return null; // a recursive type argument; what lies this deep is not worth a warning
        }
        return switch (type.getKind()) {
            case ARRAY -> withoutToString(((ArrayType) type).getComponentType(), depth + 1);
            case WILDCARD -> {
                TypeMirror bound = ((WildcardType) type).getExtendsBound();
                yield bound == null ? null : withoutToString(bound, depth + 1);
            }
            case DECLARED -> {
                DeclaredType declared = (DeclaredType) type;
                if (lacksToString(declared)) {
                    yield (TypeElement) declared.asElement();
                }
                for (TypeMirror element : renderedElements(declared)) {
                    TypeElement found = withoutToString(element, depth + 1);
                    if (found != null) {
                        yield found;
                    }
                }
                yield null;
            }
            default -> null;
        };
    }

    /**
     * The type arguments the runtime renders one by one when it renders {@code type}: the element
     * type of a {@code Collection} or {@code Optional}, the key and value types of a {@code Map},
     * read through the supertype that declares them ({@code class Ids extends ArrayList<Id>}).
     */
    private List<? extends TypeMirror> renderedElements(DeclaredType type) {
        for (String container : ELEMENT_CONTAINERS) {
            TypeElement containerType = typeElement(container);
            if (containerType == null || !types.isSubtype(types.erasure(type), types.erasure(containerType.asType()))) {
                continue;
            }
            DeclaredType view = supertypeOf(type, containerType);
            return view == null ? List.of() : view.getTypeArguments();
        }
        return List.of();
    }

    /** {@code type} seen as {@code target}, with its type arguments substituted, or {@code null} when raw. */
    private @Nullable DeclaredType supertypeOf(DeclaredType type, TypeElement target) {
        Deque<TypeMirror> queue = new ArrayDeque<>(List.of(type));
        Set<TypeElement> seen = new HashSet<>();
        while (!queue.isEmpty()) {
            TypeMirror current = queue.removeFirst();
            if (current.getKind() != TypeKind.DECLARED) {
                continue;
            }
            DeclaredType declared = (DeclaredType) current;
            TypeElement element = (TypeElement) declared.asElement();
            if (element.equals(target)) {
                return declared;
            }
            if (seen.add(element)) {
                queue.addAll(types.directSupertypes(declared));
            }
        }
        return null;
    }

    private boolean lacksToString(DeclaredType type) {
        TypeElement element = (TypeElement) type.asElement();
        if (element.getKind() != ElementKind.CLASS) {
            return false;
        }
        if (element.getQualifiedName().contentEquals("java.lang.Object")) {
            return false; // an Object parameter may hold anything; warning would be noise
        }
        for (String rendered : RENDERED_SUPERTYPES) {
            TypeElement renderedType = typeElement(rendered);
            if (renderedType != null
                    && types.isSubtype(types.erasure(type), types.erasure(renderedType.asType()))) {
                return false;
            }
        }
        TypeElement current = element;
        while (current != null && !current.getQualifiedName().contentEquals("java.lang.Object")) {
            for (Element member : current.getEnclosedElements()) {
                if (member.getKind() == ElementKind.METHOD
                        && member.getSimpleName().contentEquals("toString")
                        && ((ExecutableElement) member).getParameters().isEmpty()
                        && !member.getModifiers().contains(Modifier.STATIC)) {
                    return false;
                }
            }
            TypeMirror superclass = current.getSuperclass();
            current = superclass.getKind() == TypeKind.DECLARED
                    ? (TypeElement) ((DeclaredType) superclass).asElement()
                    : null;
        }
        return true;
    }
}
