package io.cashews.processor.writing;

import com.palantir.javapoet.CodeBlock;
import io.cashews.processor.model.ProxyModel;
import io.cashews.processor.model.TypeRef;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes the static initializer that registers the application classes a proxy's cached results
 * can carry with {@code io.cashews.codec.ValueTypes}, so remote and disk backends may decode them
 * (their deserialization admits only registered application classes). The validator finds the
 * classes (result types and what they reach); see docs/generated-code.md.
 */
final class ValueTypesWriter {
    private ValueTypesWriter() {}

    /** The static initializer's code, or {@code null} when no application class is cached. */
    static @Nullable CodeBlock write(ProxyModel model) {
        if (model.valueTypes().isEmpty()) {
            return null;
        }
        List<CodeBlock> literals = new ArrayList<>();
        for (TypeRef.Named type : model.valueTypes()) {
            literals.add(CodeBlock.of("$T.class", Poet.type(type)));
        }
        return CodeBlock.builder()
                .addStatement("$T.allow($L)", RuntimeNames.VALUE_TYPES, CodeBlock.join(literals, ",$W"))
                .build();
    }
}
