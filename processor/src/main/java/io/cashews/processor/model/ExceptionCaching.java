package io.cashews.processor.model;

import java.util.List;

/**
 * A validated {@code withExceptions} / {@code onlyExceptions} pair: which exceptions the layer
 * stores (and rethrows on hits), and whether it stores results too.
 *
 * @param types the exception types to store; empty for none
 * @param only whether only exceptions are stored ({@code onlyExceptions}), not results
 */
public record ExceptionCaching(List<TypeRef> types, boolean only) {
    /** No exception is stored: the default. */
    public static final ExceptionCaching NONE = new ExceptionCaching(List.of(), false);

    public ExceptionCaching {
        types = List.copyOf(types);
    }
}
