package io.cashews.processor.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Java type as the generated source mentions it: made by the validator from javac's mirrors,
 * turned into JavaPoet names by the writer, so that the model depends on neither.
 */
public sealed interface TypeRef
        permits TypeRef.Primitive, TypeRef.Named, TypeRef.Generic, TypeRef.Array, TypeRef.Variable, TypeRef.Wildcard {

    /** {@code void}, the only non-type a method may return. */
    Primitive VOID = new Primitive("void");

    /** {@code java.lang.Object}. */
    Named OBJECT = new Named("java.lang", List.of("Object"));

    /**
     * JLS 4.7: whether the type is fully available at run time, so that casting {@code Object} to
     * it is checked (and generic varargs of it pollute no heap).
     */
    boolean isReifiable();

    /**
     * A primitive type or {@code void}.
     *
     * @param keyword {@code int}, {@code boolean}, … or {@code void}
     */
    record Primitive(String keyword) implements TypeRef {
        @Override
        public boolean isReifiable() {
            return true;
        }
    }

    /**
     * A class or interface without type arguments.
     *
     * @param packageName the package, empty for the unnamed one
     * @param simpleNames the simple names from the top-level class down to this one
     */
    record Named(String packageName, List<String> simpleNames) implements TypeRef {
        public Named {
            simpleNames = List.copyOf(simpleNames);
        }

        /** The innermost simple name. */
        public String simpleName() {
            return simpleNames.get(simpleNames.size() - 1);
        }

        @Override
        public boolean isReifiable() {
            return true;
        }
    }

    /**
     * A parameterized class: {@code raw<arguments>}, perhaps inside a parameterized outer class
     * ({@code Outer<String>.Inner<Integer>}).
     *
     * @param enclosing the parameterized outer class, or {@code null}
     * @param raw the class
     * @param arguments the type arguments, empty only for a raw member of a parameterized outer class
     */
    record Generic(@Nullable Generic enclosing, Named raw, List<TypeRef> arguments) implements TypeRef {
        public Generic {
            arguments = List.copyOf(arguments);
        }

        @Override
        public boolean isReifiable() {
            return arguments.stream().allMatch(a -> a instanceof Wildcard w && w.isUnbounded())
                    && (enclosing == null || enclosing.isReifiable());
        }
    }

    /**
     * An array type.
     *
     * @param component the component type
     */
    record Array(TypeRef component) implements TypeRef {
        @Override
        public boolean isReifiable() {
            return component.isReifiable();
        }
    }

    /**
     * A type variable. Inside its own bounds ({@code T extends Comparable<T>}) it appears without
     * bounds, which keeps the record finite.
     *
     * @param name the variable's name
     * @param bounds its upper bounds, {@code Object} left out
     */
    record Variable(String name, List<TypeRef> bounds) implements TypeRef {
        public Variable {
            bounds = List.copyOf(bounds);
        }

        @Override
        public boolean isReifiable() {
            return false;
        }
    }

    /**
     * A wildcard type argument.
     *
     * @param upperBounds {@code ? extends}, {@code Object} for {@code ?}
     * @param lowerBounds {@code ? super}, empty for none
     */
    record Wildcard(List<TypeRef> upperBounds, List<TypeRef> lowerBounds) implements TypeRef {
        public Wildcard {
            upperBounds = List.copyOf(upperBounds);
            lowerBounds = List.copyOf(lowerBounds);
        }

        /** {@code ?} (or {@code ? extends Object}). */
        public boolean isUnbounded() {
            return lowerBounds.isEmpty()
                    && (upperBounds.isEmpty() || (upperBounds.size() == 1 && upperBounds.get(0).equals(OBJECT)));
        }

        @Override
        public boolean isReifiable() {
            return false;
        }
    }
}
