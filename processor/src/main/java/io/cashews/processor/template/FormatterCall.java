package io.cashews.processor.template;

import java.util.List;

/** A formatter named in a placeholder, such as {@code hash(sha256)}: its name and arguments. */
public record FormatterCall(String name, List<String> arguments) {
    public FormatterCall {
        arguments = List.copyOf(arguments);
    }
}
