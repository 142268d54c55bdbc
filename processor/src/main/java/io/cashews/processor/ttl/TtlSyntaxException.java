package io.cashews.processor.ttl;

/** A TTL string that does not parse, with the offset of the offending character. */
public final class TtlSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Offset of the offending character, kept with the exception when it is serialized. */
    private final int offset;

    /**
     * Creates the exception.
     *
     * @param message a short lower-case description of the problem
     * @param offset offset in the TTL string as written (before trimming) of the offending character
     */
    public TtlSyntaxException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    /**
     * Offset in the TTL string as written (before trimming) of the character where the syntax broke.
     *
     * @return a zero-based offset; for a blank string, 0
     */
    public int offset() {
        return offset;
    }
}
