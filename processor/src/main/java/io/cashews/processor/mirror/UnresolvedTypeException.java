package io.cashews.processor.mirror;

/**
 * Raised while reading an interface that mentions a type javac has not resolved yet; the step
 * catches it and retries the interface in the next round.
 */
public final class UnresolvedTypeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception naming the unresolved type as javac printed it. */
    public UnresolvedTypeException(String typeName) {
        super(typeName, null, false, false);
    }

    /** The type as javac printed it. */
    public String typeName() {
        return getMessage();
    }
}
