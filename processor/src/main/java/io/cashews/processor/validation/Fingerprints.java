package io.cashews.processor.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.StringJoiner;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;

/**
 * The fingerprint of a stored type's shape (SPEC §18): a 64-bit FNV-1a hash of a canonical text,
 * so that a value written by another shape of its class reads as a miss.
 *
 * <p>The canonical text is a header line, the type as an expression (qualified names, type
 * arguments, arrays, wildcards; a type variable that no described class declares with its bound),
 * then one line per class of the compilation that the type reaches, in the order first met:
 * <ul>
 *   <li>a record: its type parameters and its components, name and type, in order;</li>
 *   <li>an enum: its constants, in order (an enum is stored by name);</li>
 *   <li>another class or an interface: its type parameters, its superclass, the permitted
 *       subtypes of a sealed one, and its instance fields that serialization writes (not
 *       {@code static}, not {@code transient}), name and type, in declaration order;</li>
 * </ul>
 * each of the types met there described in turn (cycles end at a class already described). A
 * class that is not a source of this compilation (the JDK, a library, an earlier compilation read
 * from class files) is its qualified name only. Last comes {@code version=} and the annotation's
 * {@code version} when it is not empty. Nothing depends on the JDK, the machine or hash-set order,
 * so a fingerprint is the same wherever the sources compile alike.
 */
final class Fingerprints {
    /** The first line of every canonical text: a change of this format changes every fingerprint. */
    static final String HEADER = "cashews-fingerprint-1";

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    // Qualified names of the top-level types of every compilation unit seen so far.
    private final Set<String> sources = new HashSet<>();

    /** Adds the root elements of a processing round: their classes are described, not just named. */
    void noteSources(Set<? extends Element> roots) {
        for (Element root : roots) {
            if (root instanceof TypeElement type) {
                sources.add(type.getQualifiedName().toString());
            }
        }
    }

    /**
     * The fingerprint of a stored type and a {@code version} attribute; {@code 0} (none) when the
     * shape is a single class or array that is not a source of the compilation, without type
     * arguments, and there is no version: the value type's own class check already tells such
     * values apart, and a fingerprint would only turn every value already stored into a miss.
     */
    long of(TypeMirror type, String version) {
        String text = text(type, version);
        return version.isEmpty() && isBareName(text) ? 0 : hash(text);
    }

    // The header and one expression line naming a class (or a primitive, or an array of either).
    private static boolean isBareName(String text) {
        String expression = text.substring(HEADER.length() + 1, text.length() - 1);
        return expression.indexOf('\n') < 0 && expression.chars().allMatch(c -> c == '.' || c == '[' || c == ']'
                || c == '$' || c == '_' || Character.isLetterOrDigit(c));
    }

    /** The canonical text that {@link #of} hashes. */
    String text(TypeMirror type, String version) {
        String shape = new Writer().describe(type);
        return version.isEmpty() ? shape : shape + "version=" + version + "\n";
    }

    /** FNV-1a, 64 bits, over the UTF-8 bytes; {@code 0} (which stands for none) becomes {@code 1}. */
    static long hash(String text) {
        long hash = FNV_OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash == 0 ? 1 : hash;
    }

    private boolean isSource(TypeElement type) {
        Element outermost = type;
        while (!(outermost.getEnclosingElement() instanceof PackageElement)) {
            outermost = outermost.getEnclosingElement();
            if (outermost == null) {
                return false;
            }
        }
        return outermost instanceof TypeElement top && sources.contains(top.getQualifiedName().toString());
    }

    /** One canonical text: the root expression, then the definitions it reaches. */
    private final class Writer {
        private final Set<TypeElement> described = new HashSet<>();
        private final Queue<TypeElement> pending = new ArrayDeque<>();
        private final Set<String> expandedVariables = new HashSet<>();

        String describe(TypeMirror root) {
            StringBuilder text = new StringBuilder(HEADER).append('\n').append(expression(root)).append('\n');
            for (TypeElement next = pending.poll(); next != null; next = pending.poll()) {
                text.append(definition(next)).append('\n');
            }
            return text.toString();
        }

        private String expression(TypeMirror type) {
            switch (type.getKind()) {
                case ARRAY:
                    return expression(((ArrayType) type).getComponentType()) + "[]";
                case DECLARED:
                    return declared((DeclaredType) type);
                case TYPEVAR:
                    return variable((TypeVariable) type);
                case WILDCARD: {
                    WildcardType wildcard = (WildcardType) type;
                    if (wildcard.getExtendsBound() != null) {
                        return "? extends " + expression(wildcard.getExtendsBound());
                    }
                    return wildcard.getSuperBound() != null ? "? super " + expression(wildcard.getSuperBound()) : "?";
                }
                case INTERSECTION: {
                    StringJoiner bounds = new StringJoiner(" & ");
                    ((IntersectionType) type).getBounds().forEach(bound -> bounds.add(expression(bound)));
                    return bounds.toString();
                }
                default:
                    // Primitives, void, and what javac could not resolve (never reached: resolved earlier).
                    return type.getKind() == TypeKind.ERROR ? "!" + type : type.toString();
            }
        }

        private String declared(DeclaredType type) {
            TypeElement element = (TypeElement) type.asElement();
            if (isSource(element) && described.add(element)) {
                pending.add(element);
            }
            String name = element.getQualifiedName().toString();
            List<? extends TypeMirror> arguments = type.getTypeArguments();
            if (arguments.isEmpty()) {
                return name;
            }
            StringJoiner joined = new StringJoiner(", ", name + "<", ">");
            arguments.forEach(argument -> joined.add(expression(argument)));
            return joined.toString();
        }

        // A variable of a described class is its name (the definition lists it with its bounds);
        // another (a method's, the proxied interface's) is its name and, the first time, its bound.
        private String variable(TypeVariable variable) {
            Element owner = variable.asElement().getEnclosingElement();
            String name = variable.asElement().getSimpleName().toString();
            if (owner instanceof TypeElement type && described.contains(type)) {
                return name;
            }
            if (!expandedVariables.add(owner + "#" + name)) {
                return name;
            }
            return name + " extends " + expression(variable.getUpperBound());
        }

        private String definition(TypeElement type) {
            StringBuilder text = new StringBuilder();
            text.append(keyword(type)).append(' ').append(type.getQualifiedName()).append(typeParameters(type));
            if (type.getKind() == ElementKind.ENUM) {
                StringJoiner constants = new StringJoiner(", ", " {", "}");
                for (Element member : type.getEnclosedElements()) {
                    if (member.getKind() == ElementKind.ENUM_CONSTANT) {
                        constants.add(member.getSimpleName());
                    }
                }
                return text.append(constants).toString();
            }
            if (type.getKind() == ElementKind.RECORD) {
                StringJoiner components = new StringJoiner(", ", "(", ")");
                for (RecordComponentElement component : type.getRecordComponents()) {
                    components.add(expression(component.asType()) + " " + component.getSimpleName());
                }
                return text.append(components).toString();
            }
            TypeMirror superclass = type.getSuperclass();
            if (superclass.getKind() == TypeKind.DECLARED
                    && !((TypeElement) ((DeclaredType) superclass).asElement()).getQualifiedName()
                            .contentEquals("java.lang.Object")) {
                text.append(" extends ").append(expression(superclass));
            }
            List<? extends TypeMirror> permitted = type.getPermittedSubclasses();
            if (!permitted.isEmpty()) {
                StringJoiner subtypes = new StringJoiner(", ", " permits ", "");
                permitted.forEach(subtype -> subtypes.add(expression(subtype)));
                text.append(subtypes);
            }
            StringJoiner fields = new StringJoiner("; ", " {", "}");
            for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
                Set<Modifier> modifiers = field.getModifiers();
                if (!modifiers.contains(Modifier.STATIC) && !modifiers.contains(Modifier.TRANSIENT)) {
                    fields.add(expression(field.asType()) + " " + field.getSimpleName());
                }
            }
            return text.append(fields).toString();
        }

        private String typeParameters(TypeElement type) {
            List<? extends TypeParameterElement> parameters = type.getTypeParameters();
            if (parameters.isEmpty()) {
                return "";
            }
            StringJoiner joined = new StringJoiner(", ", "<", ">");
            for (TypeParameterElement parameter : parameters) {
                StringJoiner bounds = new StringJoiner(" & ");
                parameter.getBounds().forEach(bound -> bounds.add(expression(bound)));
                joined.add(parameter.getSimpleName() + " extends " + bounds);
            }
            return joined.toString();
        }

        private String keyword(TypeElement type) {
            String kind = switch (type.getKind()) {
                case RECORD -> "record";
                case ENUM -> "enum";
                case INTERFACE -> "interface";
                case ANNOTATION_TYPE -> "@interface";
                default -> type.getModifiers().contains(Modifier.ABSTRACT) ? "abstract class" : "class";
            };
            return type.getModifiers().contains(Modifier.SEALED) ? "sealed " + kind : kind;
        }
    }
}
