package io.cashews.base;

import org.jspecify.annotations.Nullable;

/**
 * Reads one member of a JSON object, enough for the {@code jwt(claim)} key formatter: the whole
 * text is checked against the JSON grammar, members other than the wanted one are skipped, and
 * any syntax error means "no value". A parse never throws.
 */
final class JsonClaims {

    // Deeper nesting than this is treated as malformed, so a hostile token cannot exhaust the stack.
    private static final int MAX_DEPTH = 256;

    private final String text;
    private int pos;

    private JsonClaims(String text) {
        this.text = text;
    }

    /**
     * Finds a top-level member of a JSON object.
     *
     * @param json the whole JSON text; must be an object
     * @param name the member name
     * @return the member's value as text (strings unquoted and unescaped, anything else as
     *     written), or {@code null} if the member is missing or {@code null}, or the text is not
     *     a well-formed JSON object; when a name repeats, the last member wins
     */
    static @Nullable String find(String json, String name) {
        try {
            return new JsonClaims(json).object(name);
        } catch (Malformed malformed) {
            return null;
        }
    }

    private @Nullable String object(String name) {
        skipWhitespace();
        expect('{');
        String found = null;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
        } else {
            while (true) {
                skipWhitespace();
                String member = string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                int start = pos;
                boolean isString = peek() == '"';
                String decoded = isString ? string() : null;
                if (!isString) {
                    value(1);
                }
                if (member.equals(name)) {
                    found = isString ? decoded : text.substring(start, pos);
                }
                skipWhitespace();
                char c = next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw new Malformed();
                }
            }
        }
        skipWhitespace();
        if (pos != text.length()) {
            throw new Malformed();
        }
        return "null".equals(found) ? null : found;
    }

    /** Skips any JSON value starting at {@code pos}. */
    private void value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new Malformed();
        }
        char c = peek();
        switch (c) {
            case '"' -> string();
            case '{' -> container('}', depth, true);
            case '[' -> container(']', depth, false);
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        }
    }

    private void container(char close, int depth, boolean members) {
        pos++;
        skipWhitespace();
        if (peek() == close) {
            pos++;
            return;
        }
        while (true) {
            skipWhitespace();
            if (members) {
                string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
            }
            value(depth + 1);
            skipWhitespace();
            char c = next();
            if (c == close) {
                return;
            }
            if (c != ',') {
                throw new Malformed();
            }
        }
    }

    private void literal(String word) {
        if (!text.startsWith(word, pos)) {
            throw new Malformed();
        }
        pos += word.length();
    }

    private void number() {
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else {
            digits();
        }
        if (peek() == '.') {
            pos++;
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            digits();
        }
    }

    private void digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == start) {
            throw new Malformed();
        }
    }

    /** Reads a string starting at {@code pos} (which must be a quote) and returns its content. */
    private String string() {
        expect('"');
        StringBuilder out = null;
        int runStart = pos;
        while (true) {
            char c = next();
            if (c == '"') {
                return out == null ? text.substring(runStart, pos - 1)
                        : out.append(text, runStart, pos - 1).toString();
            }
            if (c < 0x20) {
                throw new Malformed();
            }
            if (c == '\\') {
                if (out == null) {
                    out = new StringBuilder();
                }
                out.append(text, runStart, pos - 1);
                char escape = next();
                switch (escape) {
                    case '"', '\\', '/' -> out.append(escape);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> out.append(unicode());
                    default -> throw new Malformed();
                }
                runStart = pos;
            }
        }
    }

    private char unicode() {
        if (pos + 4 > text.length()) {
            throw new Malformed();
        }
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos++), 16);
            if (digit < 0) {
                throw new Malformed();
            }
            code = code * 16 + digit;
        }
        // Surrogate pairs arrive as two escapes; appending each half rebuilds the code point.
        return (char) code;
    }

    private void expect(char wanted) {
        if (next() != wanted) {
            throw new Malformed();
        }
    }

    private char next() {
        if (pos >= text.length()) {
            throw new Malformed();
        }
        return text.charAt(pos++);
    }

    /** The current character, or {@code '\0'} at the end (never valid where a value is expected). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** Control flow for a syntax error; no stack trace, it never leaves this class. */
    private static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed() {
            super(null, null, false, false);
        }
    }
}
