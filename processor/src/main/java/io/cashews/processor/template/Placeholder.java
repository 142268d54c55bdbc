package io.cashews.processor.template;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@code {root.prop.prop:formatter(args)}} placeholder.
 *
 * @param root the parameter name, or {@code "@"} for the key context
 * @param properties the property path after the root, possibly empty
 * @param formatter the formatter applied to the rendered value, or {@code null}
 * @param start offset of the opening brace in the template
 * @param end offset just after the closing brace
 */
public record Placeholder(
        String root, List<String> properties, @Nullable FormatterCall formatter, int start, int end)
        implements Segment {

    /**
     * Creates a placeholder, copying {@code properties} so the record stays immutable.
     *
     * @param root the parameter name, or {@code "@"} for the key context
     * @param properties the property path after the root, possibly empty
     * @param formatter the formatter, or {@code null}
     * @param start offset of the opening brace
     * @param end offset just after the closing brace
     */
    public Placeholder {
        properties = List.copyOf(properties);
    }

    /**
     * The root and property path as written, without braces and formatter, for messages.
     *
     * @return for example {@code "request.user.uid"}
     */
    public String path() {
        return properties.isEmpty() ? root : root + "." + String.join(".", properties);
    }
}
