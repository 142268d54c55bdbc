package io.cashews.processor.validation;

import io.cashews.processor.model.TypeRef;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;
import org.jspecify.annotations.Nullable;

/**
 * The checked exceptions a loader must carry for one method: the declared ones that are neither
 * unchecked nor covered by another declared one (a multi-catch must not name a type and its
 * subtype). A declared {@code Throwable} that is not an {@code Exception} cannot be carried by the
 * runtime's loaders; rules report it with {@link #uncarriable}.
 */
final class CheckedExceptions {
    private CheckedExceptions() {}

    /** The minimal list of declared checked {@code Exception} types, in declaration order. */
    static List<TypeRef> minimal(TypeSupport support, List<? extends TypeMirror> thrown) {
        Types types = support.types();
        List<TypeMirror> checked = new ArrayList<>();
        for (TypeMirror type : thrown) {
            if (!isUnchecked(support, type) && types.isSubtype(type, named(support, "java.lang.Exception"))) {
                checked.add(type);
            }
        }
        List<TypeRef> minimal = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            boolean covered = false;
            for (int j = 0; j < checked.size() && !covered; j++) {
                covered = i != j && types.isSubtype(checked.get(i), checked.get(j))
                        && (!types.isSameType(checked.get(i), checked.get(j)) || j < i);
            }
            if (!covered) {
                minimal.add(TypeRefs.of(checked.get(i)));
            }
        }
        return minimal;
    }

    /** The first declared type that is checked but not an {@code Exception} ({@code Throwable}), or {@code null}. */
    static @Nullable TypeMirror uncarriable(TypeSupport support, List<? extends TypeMirror> thrown) {
        for (TypeMirror type : thrown) {
            if (!isUnchecked(support, type)
                    && !support.types().isSubtype(type, named(support, "java.lang.Exception"))) {
                return type;
            }
        }
        return null;
    }

    private static boolean isUnchecked(TypeSupport support, TypeMirror type) {
        return support.types().isSubtype(type, named(support, "java.lang.RuntimeException"))
                || support.types().isSubtype(type, named(support, "java.lang.Error"));
    }

    private static TypeMirror named(TypeSupport support, String name) {
        return support.typeElement(name).asType();
    }
}
