package io.cashews.processor.mirror;

/**
 * Raised while reading an interface that mentions a type javac has not resolved yet; the step
 * catches it and retries the interface in the next round.
 */
public final class UnresolvedTypeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean reportedByJavac;

    /** An exception naming the unresolved type as javac printed it. */
    public UnresolvedTypeException(String typeName) {
        this(typeName, false);
    }

    private UnresolvedTypeException(String typeName, boolean reportedByJavac) {
        super(typeName, null, false, false);
        this.reportedByJavac = reportedByJavac;
    }

    /**
     * An annotation attribute whose value javac could not evaluate and has reported itself; if it
     * stays so until the last round, the processor adds nothing to javac's error.
     */
    public static UnresolvedTypeException reportedByJavac(String attribute) {
        return new UnresolvedTypeException("the value of " + attribute, true);
    }

    /** The type as javac printed it. */
    public String typeName() {
        return getMessage();
    }

    /** Whether javac has reported the problem, so that no message of the processor is needed. */
    public boolean isReportedByJavac() {
        return reportedByJavac;
    }
}
