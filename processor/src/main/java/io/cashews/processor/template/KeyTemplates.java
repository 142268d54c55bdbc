package io.cashews.processor.template;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parser for key templates such as {@code "user:{request.user.uid}:{name:hash(sha1)}"}.
 *
 * <p>Grammar (SPEC §5):
 *
 * <pre>
 * template    = ( literal | "{{" | "}}" | placeholder )*
 * placeholder = "{" root ( "." identifier )* ( ":" identifier ( "(" argument ( "," argument )* ")" )? )? "}"
 * root        = identifier | "@"          ("@" is the key context and takes no properties)
 * argument    = any text without "{", "}", "(", ")" and ",", trimmed, not empty
 * </pre>
 *
 * <p>Whitespace is not allowed between the braces except inside a formatter's parentheses, where
 * it is trimmed around each argument. Identifiers are Java identifiers; keywords are accepted
 * because a property may name a map entry such as {@code get("class")}, and whether a name means
 * anything is the resolver's question, not the parser's.
 *
 * <p>The parser knows nothing about the element being compiled; every syntax error carries the
 * offset of the offending character so that callers can point at it.
 */
public final class KeyTemplates {

    private KeyTemplates() {}

    /**
     * Parses a key template into its segments.
     *
     * @param template the template as written in the annotation
     * @return an immutable list of segments in template order; adjacent literal text (including
     *     escaped braces) is merged into one {@link Literal}, and no literal is empty
     * @throws TemplateSyntaxException if the template breaks the grammar; its offset points at the
     *     offending character (for an unclosed brace or parenthesis, at that brace or parenthesis)
     */
    public static List<Segment> parse(String template) throws TemplateSyntaxException {
        return new Parser(template).parse();
    }

    /** One parse; holds the cursor so the grammar methods stay small. */
    private static final class Parser {
        private final String text;
        private final List<Segment> segments = new ArrayList<>();
        private final StringBuilder literal = new StringBuilder();
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        List<Segment> parse() throws TemplateSyntaxException {
            int length = text.length();
            while (pos < length) {
                char c = text.charAt(pos);
                if (c == '{') {
                    if (pos + 1 < length && text.charAt(pos + 1) == '{') {
                        literal.append('{');
                        pos += 2;
                    } else {
                        flushLiteral();
                        segments.add(placeholder());
                    }
                } else if (c == '}') {
                    if (pos + 1 < length && text.charAt(pos + 1) == '}') {
                        literal.append('}');
                        pos += 2;
                    } else {
                        throw error("unmatched '}' (write '}}' for a literal brace)", pos);
                    }
                } else {
                    literal.append(c);
                    pos++;
                }
            }
            flushLiteral();
            return List.copyOf(segments);
        }

        private void flushLiteral() {
            if (literal.length() > 0) {
                segments.add(new Literal(literal.toString()));
                literal.setLength(0);
            }
        }

        /** Parses one placeholder; {@code pos} is at its opening brace. */
        private Placeholder placeholder() throws TemplateSyntaxException {
            int start = pos;
            pos++;
            String root = root(start);
            List<String> properties = new ArrayList<>();
            while (peek(start) == '.') {
                if (root.equals("@")) {
                    throw error("the key context '@' takes no properties", pos);
                }
                pos++;
                properties.add(identifier(start, "empty property name"));
            }
            @Nullable FormatterCall formatter = null;
            if (peek(start) == ':') {
                pos++;
                formatter = formatter(start);
            }
            char c = peek(start);
            if (c != '}') {
                if (formatter == null) {
                    throw unexpected(c, "after the property path");
                }
                if (c == ':') {
                    throw error("only one formatter per placeholder", pos);
                }
                throw unexpected(c, formatter.arguments().isEmpty() ? "after the formatter name" : "after ')'");
            }
            pos++;
            return new Placeholder(root, properties, formatter, start, pos);
        }

        private String root(int start) throws TemplateSyntaxException {
            char c = peek(start);
            if (c == '}') {
                throw error("empty placeholder", start);
            }
            if (c == '.' || c == ':') {
                throw error("missing parameter name or '@' before '" + c + "'", pos);
            }
            if (c == '@') {
                pos++;
                char next = peek(start);
                if (next != '}' && next != ':' && next != '.') {
                    throw unexpected(next, "after '@'");
                }
                return "@";
            }
            return identifier(start, "missing parameter name");
        }

        private FormatterCall formatter(int start) throws TemplateSyntaxException {
            String name = identifier(start, "empty formatter name");
            if (peek(start) != '(') {
                return new FormatterCall(name, List.of());
            }
            return new FormatterCall(name, arguments());
        }

        /** Parses {@code (a, b)}; {@code pos} is at the opening parenthesis. */
        private List<String> arguments() throws TemplateSyntaxException {
            int open = pos;
            pos++;
            List<String> arguments = new ArrayList<>();
            int argumentStart = pos;
            while (true) {
                if (pos >= text.length()) {
                    throw error("unclosed '('", open);
                }
                char c = text.charAt(pos);
                if (c == ',' || c == ')') {
                    String argument = trim(text.substring(argumentStart, pos));
                    if (argument.isEmpty()) {
                        boolean onlyOne = c == ')' && arguments.isEmpty();
                        throw error(onlyOne ? "empty argument list" : "empty formatter argument", pos);
                    }
                    arguments.add(argument);
                    pos++;
                    if (c == ')') {
                        return arguments;
                    }
                    argumentStart = pos;
                } else if (c == '}') {
                    // "{a:hash(x}" almost always means a forgotten ')'; blame the '('.
                    throw error("unclosed '('", open);
                } else if (c == '{' || c == '(') {
                    throw error("'" + c + "' is not allowed in formatter arguments", pos);
                } else {
                    pos++;
                }
            }
        }

        /**
         * Reads a Java identifier at {@code pos}.
         *
         * @param emptyMessage the error when no identifier character is there at all
         */
        private String identifier(int start, String emptyMessage) throws TemplateSyntaxException {
            int from = pos;
            while (pos < text.length() && !isDelimiter(text.charAt(pos))) {
                pos++;
            }
            if (pos == from) {
                if (pos >= text.length()) {
                    throw unclosed(start);
                }
                char c = text.charAt(pos);
                if (Character.isWhitespace(c)) {
                    throw whitespace(pos);
                }
                throw error(emptyMessage, pos);
            }
            String name = text.substring(from, pos);
            int bad = firstNonIdentifierChar(name);
            if (bad >= 0) {
                throw error("'" + name + "' is not a java identifier", from + bad);
            }
            return name;
        }

        /** The next character inside the braces; end of text or whitespace there is an error. */
        private char peek(int start) throws TemplateSyntaxException {
            if (pos >= text.length()) {
                throw unclosed(start);
            }
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) {
                throw whitespace(pos);
            }
            return c;
        }

        private TemplateSyntaxException unexpected(char c, String where) {
            if (c == '{') {
                return error("'{' inside a placeholder (write '{{' for a literal brace)", pos);
            }
            return error("unexpected '" + c + "' " + where, pos);
        }

        private static TemplateSyntaxException unclosed(int start) {
            return error("unclosed '{' (write '{{' for a literal brace)", start);
        }

        private static TemplateSyntaxException whitespace(int at) {
            return error("whitespace inside a placeholder", at);
        }

        private static TemplateSyntaxException error(String message, int offset) {
            return new TemplateSyntaxException(message, offset);
        }
    }

    /** Characters that end an identifier token; anything else is read and then validated. */
    private static boolean isDelimiter(char c) {
        return c == '{' || c == '}' || c == '.' || c == ':' || c == '(' || c == ')'
                || Character.isWhitespace(c);
    }

    /** Index of the first character that cannot appear in a Java identifier, or -1. */
    private static int firstNonIdentifierChar(String name) {
        int i = 0;
        while (i < name.length()) {
            int cp = name.codePointAt(i);
            boolean ok = i == 0 ? Character.isJavaIdentifierStart(cp) : Character.isJavaIdentifierPart(cp);
            // Ignorable code points (controls, format characters) are legal to javac but invisible
            // in a message and in generated names; refuse them.
            if (!ok || Character.isIdentifierIgnorable(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /** Trims the whitespace {@link Character#isWhitespace} knows, matching the placeholder check. */
    private static String trim(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }
}
