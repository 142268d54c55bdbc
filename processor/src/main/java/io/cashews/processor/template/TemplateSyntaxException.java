package io.cashews.processor.template;

/** A key template that does not parse, with the offset of the offending character. */
public final class TemplateSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int offset;

    public TemplateSyntaxException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    /** Offset in the template of the character where the syntax broke. */
    public int offset() {
        return offset;
    }
}
