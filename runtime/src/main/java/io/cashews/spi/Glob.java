package io.cashews.spi;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A key pattern in glob syntax, the same on every backend: {@code *} matches any run of
 * characters (also none), {@code ?} exactly one, {@code [abc]} one of the listed characters,
 * {@code [a-z]} a range, {@code [^abc]} or {@code [!abc]} anything else; a backslash makes the
 * next character literal. Every other character, regex metacharacters such as {@code .} or
 * {@code +} included, matches only itself. This is the syntax of Redis {@code SCAN MATCH}, so a
 * Redis backend can pass {@link #pattern()} through unchanged.
 */
public final class Glob {

    private final String pattern;
    private final String canonical;
    private final Pattern regex;
    private final String literalPrefix;
    private final boolean literal;

    private Glob(String pattern, String canonical, Pattern regex, String literalPrefix, boolean literal) {
        this.pattern = pattern;
        this.canonical = canonical;
        this.regex = regex;
        this.literalPrefix = literalPrefix;
        this.literal = literal;
    }

    /**
     * Compiles a glob pattern.
     *
     * @param pattern the pattern as the user wrote it
     * @return the compiled pattern
     * @throws IllegalArgumentException if a {@code [} is never closed or the pattern ends with a
     *     lone backslash; the message quotes the pattern and the position
     * @throws NullPointerException if {@code pattern} is null
     */
    public static Glob compile(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        StringBuilder regex = new StringBuilder(pattern.length() + 16);
        StringBuilder prefix = new StringBuilder();
        StringBuilder canonical = new StringBuilder(pattern.length());
        boolean inPrefix = true;
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> {
                    regex.append(".*");
                    canonical.append(c);
                    inPrefix = false;
                    i++;
                }
                case '?' -> {
                    regex.append('.');
                    canonical.append(c);
                    inPrefix = false;
                    i++;
                }
                case '[' -> {
                    int end = characterClass(pattern, i, regex);
                    int body = i + 1;
                    canonical.append('[');
                    if (pattern.charAt(body) == '^' || pattern.charAt(body) == '!') {
                        // The one spelling difference from Redis: it knows only '^' for negation.
                        canonical.append('^');
                        body++;
                    }
                    canonical.append(pattern, body, end);
                    i = end;
                    inPrefix = false;
                }
                case '\\' -> {
                    if (i + 1 >= n) {
                        throw bad(pattern, "it ends with a lone backslash");
                    }
                    char next = pattern.charAt(i + 1);
                    literalChar(regex, next);
                    canonical.append(c).append(next);
                    if (inPrefix) {
                        prefix.append(next);
                    }
                    i += 2;
                }
                default -> {
                    literalChar(regex, c);
                    canonical.append(c);
                    if (inPrefix) {
                        prefix.append(c);
                    }
                    i++;
                }
            }
        }
        return new Glob(pattern, canonical.toString(), Pattern.compile(regex.toString(), Pattern.DOTALL), prefix.toString(), inPrefix);
    }

    // Appends the class starting at pattern[open] == '[' and returns the index after its ']'.
    private static int characterClass(String pattern, int open, StringBuilder regex) {
        int n = pattern.length();
        int i = open + 1;
        regex.append('[');
        if (i < n && (pattern.charAt(i) == '^' || pattern.charAt(i) == '!')) {
            regex.append('^');
            i++;
        }
        boolean first = true;
        while (true) {
            if (i >= n) {
                throw bad(pattern, "the '[' at position " + open + " is never closed");
            }
            char c = pattern.charAt(i);
            if (c == ']' && !first) {
                regex.append(']');
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= n) {
                    throw bad(pattern, "it ends with a lone backslash");
                }
                c = pattern.charAt(++i);
                regex.append('\\').append(c);
            } else if (c == '-' && !first && i + 1 < n && pattern.charAt(i + 1) != ']') {
                regex.append('-');
            } else if (Character.isLetterOrDigit(c)) {
                regex.append(c);
            } else {
                // Escape anything else, so that '&&', '[' and the like stay literal in Java regex.
                regex.append('\\').append(c);
            }
            first = false;
            i++;
        }
    }

    private static void literalChar(StringBuilder regex, char c) {
        if (Character.isLetterOrDigit(c) || c == ':' || c == '_' || c == ' ') {
            regex.append(c);
        } else if (Character.isSurrogate(c)) {
            regex.append(c);
        } else {
            regex.append('\\').append(c);
        }
    }

    private static IllegalArgumentException bad(String pattern, String why) {
        return new IllegalArgumentException("invalid key pattern \"" + pattern + "\": " + why
                + "; use *, ?, [abc] and \\ to make a character literal");
    }

    /**
     * Tells whether a key matches this pattern as a whole.
     *
     * @param key the key
     * @return {@code true} if the whole key matches
     */
    public boolean matches(String key) {
        if (literal) {
            return literalPrefix.equals(key);
        }
        return regex.matcher(key).matches();
    }

    /**
     * Returns the pattern as written.
     *
     * @return the glob text
     */
    public String pattern() {
        return pattern;
    }

    /**
     * Returns the pattern in the canonical spelling that Redis {@code SCAN MATCH} understands:
     * negated classes written {@code [^…]} rather than {@code [!…]}; otherwise as written.
     *
     * @return the canonical glob text
     */
    public String canonical() {
        return canonical;
    }

    /**
     * Returns the literal text every matching key starts with: the characters before the first
     * wildcard, with escapes resolved. Backends use it to narrow a scan.
     *
     * @return the literal prefix, possibly empty
     */
    public String literalPrefix() {
        return literalPrefix;
    }

    /**
     * Tells whether the pattern has no wildcard at all, so it matches exactly one key.
     *
     * @return {@code true} for a pattern without {@code *}, {@code ?} or {@code [}
     */
    public boolean isLiteral() {
        return literal;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Glob g && g.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
