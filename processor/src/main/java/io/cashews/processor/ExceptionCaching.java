package io.cashews.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * A validated {@code withExceptions} / {@code onlyExceptions} pair: which exceptions the layer
 * stores (and rethrows on hits), and whether it stores results too.
 *
 * @param types the exception types to store; empty for none
 * @param only whether only exceptions are stored ({@code onlyExceptions}), not results
 */
record ExceptionCaching(List<TypeName> types, boolean only) {
    /** No exception is stored: the default. */
    static final ExceptionCaching NONE = new ExceptionCaching(List.of(), false);

    ExceptionCaching {
        types = List.copyOf(types);
    }

    /** Adds {@code .withExceptions(A.class, B.class)} or {@code .onlyExceptions(…)} to a builder chain. */
    static void add(CodeBlock.Builder builder, ExceptionCaching caching) {
        if (caching.types().isEmpty()) {
            return;
        }
        builder.add(".$N($L)", caching.only() ? "onlyExceptions" : "withExceptions",
                caching.types().stream().map(t -> CodeBlock.of("$T.class", t)).collect(CodeBlock.joining(", ")));
    }
}
