package io.cashews.processor;

/**
 * Raised while reading an interface that mentions a type javac has not resolved yet; the step
 * catches it and retries the interface in the next round.
 */
final class UnresolvedTypeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnresolvedTypeException(String typeName) {
        super(typeName, null, false, false);
    }

    /** The type as javac printed it. */
    String typeName() {
        return getMessage();
    }
}
