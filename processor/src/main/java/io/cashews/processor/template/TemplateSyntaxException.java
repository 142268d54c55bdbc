package io.cashews.processor.template;

/** A key template that does not parse, with the offset of the offending character. */
public final class TemplateSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Offset of the offending character, kept with the exception when it is serialized. */
    private final int offset;

    /**
     * Creates the exception.
     *
     * @param message a short lower-case description of the problem
     * @param offset offset in the template of the offending character
     */
    public TemplateSyntaxException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    /**
     * Offset in the template of the character where the syntax broke.
     *
     * @return a zero-based offset into the template as written
     */
    public int offset() {
        return offset;
    }
}
