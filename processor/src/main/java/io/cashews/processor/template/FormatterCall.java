package io.cashews.processor.template;

import java.util.List;

/**
 * A formatter named in a placeholder, such as {@code hash(sha256)}: its name and arguments.
 *
 * @param name the formatter's name, a Java identifier such as {@code hash}
 * @param arguments the trimmed, non-empty arguments between the parentheses; empty when the
 *     formatter was written without parentheses
 */
public record FormatterCall(String name, List<String> arguments) {
    /**
     * Creates a formatter call, copying {@code arguments} so the record stays immutable.
     *
     * @param name the formatter's name
     * @param arguments the arguments, possibly empty
     */
    public FormatterCall {
        arguments = List.copyOf(arguments);
    }
}
