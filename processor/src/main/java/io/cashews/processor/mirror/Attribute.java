package io.cashews.processor.mirror;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * One annotation attribute as read from its mirror, together with the {@link AnnotationValue}
 * node so that an error can point at the attribute itself.
 *
 * @param value the attribute value (the default when not written)
 * @param node the value node, for {@code Messager} positions
 */
public record Attribute<T>(T value, AnnotationValue node) {
    /** What javac's erroneous annotation values read as. */
    private static final String ERROR = "<error>";

    /** The attribute nodes of a mirror by name, defaults included. */
    public static Map<String, AnnotationValue> values(AnnotationMirror mirror, Elements elements) {
        Map<String, AnnotationValue> byName = new HashMap<>();
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
                elements.getElementValuesWithDefaults(mirror).entrySet()) {
            byName.put(e.getKey().getSimpleName().toString(), e.getValue());
        }
        return byName;
    }

    /** A {@code String} attribute. */
    public static Attribute<String> string(Map<String, AnnotationValue> values, String name) {
        AnnotationValue node = required(values, name);
        return new Attribute<>(String.valueOf(node.getValue()), node);
    }

    /** A {@code boolean} attribute. */
    public static Attribute<Boolean> bool(Map<String, AnnotationValue> values, String name) {
        AnnotationValue node = required(values, name);
        return new Attribute<>(Boolean.TRUE.equals(node.getValue()), node);
    }

    /** An {@code int} attribute. */
    public static Attribute<Integer> integer(Map<String, AnnotationValue> values, String name) {
        AnnotationValue node = required(values, name);
        return new Attribute<>(((Number) node.getValue()).intValue(), node);
    }

    /**
     * A {@code Class[]}-valued attribute as types, in the order written; unresolved classes raise
     * {@link UnresolvedTypeException} as in {@link #type}.
     */
    public static Attribute<List<TypeMirror>> types(Map<String, AnnotationValue> values, String name) {
        AnnotationValue node = required(values, name);
        List<TypeMirror> types = new ArrayList<>();
        if (node.getValue() instanceof List<?> elements) {
            for (Object element : elements) {
                Object value = element instanceof AnnotationValue v ? v.getValue() : element;
                if (!(value instanceof TypeMirror type) || type.getKind() == TypeKind.ERROR) {
                    throw new UnresolvedTypeException(String.valueOf(value));
                }
                types.add(type);
            }
        }
        return new Attribute<>(List.copyOf(types), node);
    }

    /**
     * A {@code Class}-valued attribute as a type. A class that javac could not resolve (perhaps
     * one that another processor has yet to generate) raises {@link UnresolvedTypeException}, so
     * the interface is deferred to a later round.
     */
    public static Attribute<TypeMirror> type(Map<String, AnnotationValue> values, String name) {
        AnnotationValue node = required(values, name);
        Object value = node.getValue();
        if (value instanceof TypeMirror type && type.getKind() != TypeKind.ERROR) {
            return new Attribute<>(type, node);
        }
        throw new UnresolvedTypeException(String.valueOf(value));
    }

    private static AnnotationValue required(Map<String, AnnotationValue> values, String name) {
        AnnotationValue node = values.get(name);
        if (node == null) {
            // Only possible when the annotation jar on the processor path differs from the one
            // the user compiles against.
            throw new IllegalStateException("annotation attribute '" + name + "' is missing; are the"
                    + " cashews-annotations and cashews-processor versions the same?");
        }
        if (isErroneous(node)) {
            // javac has reported the value (a constant it cannot find, perhaps one another
            // processor has yet to generate); checking its placeholder would add a false error.
            throw UnresolvedTypeException.reportedByJavac(name);
        }
        return node;
    }

    /**
     * Whether javac could not evaluate the value: it then stands in as the text {@code <error>},
     * which unlike a string constant prints without quotes.
     */
    private static boolean isErroneous(AnnotationValue node) {
        return ERROR.equals(node.getValue()) && ERROR.equals(node.toString());
    }
}
