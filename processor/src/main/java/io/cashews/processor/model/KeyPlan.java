package io.cashews.processor.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How a proxy method builds its cache key: the template's pieces in order, each resolved to
 * direct code at compile time.
 *
 * @param parts the pieces, literal text merged
 */
public record KeyPlan(List<Part> parts) {

    public KeyPlan {
        parts = List.copyOf(parts);
    }

    /**
     * Whether this is a glob for a deletion: its literal text (never a value) holds {@code *}.
     *
     * @return {@code true} for a pattern
     */
    public boolean isPattern() {
        return parts.stream().anyMatch(part -> part instanceof Text text && text.text().indexOf('*') >= 0);
    }

    /** How a value is turned into key text, chosen from its static type. */
    public enum Render {
        /** {@code String}: concatenated as is ({@code null} gives "null"). */
        STRING,
        /** A primitive: concatenated as the primitive, no boxing. */
        PRIMITIVE,
        /** A boxed primitive: concatenated ({@code null} gives "null"). */
        BOXED,
        /**
         * Anything else, enums included (a type formatter may be registered for an enum): the
         * runtime's rendering rules in {@code Keys}.
         */
        OTHER
    }

    /** One piece of a key. */
    public sealed interface Part permits Text, Value, Path, Context {}

    /** Literal text. */
    public record Text(String text) implements Part {}

    /** A parameter used directly, perhaps through a formatter. */
    public record Value(String parameter, Render render, @Nullable Format format) implements Part {}

    /**
     * A property path from a parameter, walked null-safely.
     *
     * @param parameter the parameter the path starts from
     * @param steps the accessors, in order
     * @param render how the last value renders
     * @param format the formatter, or {@code null}
     */
    public record Path(String parameter, List<Step> steps, Render render, @Nullable Format format)
            implements Part {
        public Path {
            steps = List.copyOf(steps);
        }
    }

    /** A value from the key context: {@code {@:get(name)}}. */
    public record Context(String name) implements Part {}

    /** How one property is read. */
    public enum Access {
        /** A no-argument method: record accessor or getter. */
        METHOD,
        /** A public field. */
        FIELD,
        /** {@code Map.get("name")}. */
        MAP_GET
    }

    /**
     * One link of a property path.
     *
     * @param access how it is read
     * @param member the method, field or map key name
     * @param primitive whether the result is a primitive (then it is never null)
     */
    public record Step(Access access, String member, boolean primitive) {}

    /**
     * A formatter call on the rendered text: {@code Owner.method(text, arguments...)}, built-in
     * ones on {@code Keys}, custom ones on the class declaring the {@code @KeyFormatter} method.
     *
     * @param owner the class declaring the static method, {@code null} for the built-in ones on the
     *     runtime's {@code Keys}
     * @param method the method
     * @param arguments the extra string arguments after the text
     * @param fixed how many of {@code arguments} are passed one by one; the rest go in a
     *     {@code String[]} for the method's varargs parameter
     * @param varargs whether the method takes varargs (then the array is passed even when empty)
     */
    public record Format(TypeRef.@Nullable Named owner, String method, List<String> arguments, int fixed, boolean varargs) {
        public Format {
            arguments = List.copyOf(arguments);
        }

        /** A built-in formatter: {@code Keys.<method>(text, arguments...)}. */
        public Format(String method, List<String> arguments) {
            this(null, method, arguments, arguments.size(), false);
        }
    }
}
