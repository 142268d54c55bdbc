package io.cashews.base;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * For the runtime: renders values into cache keys and implements the built-in key formatters. Generated
 * code reaches it through {@code io.cashews.internal.Keys}, which keeps the names proxies are
 * compiled against; {@code io.cashews} (tag templates) calls it here, so that the API package
 * never depends on the generated-code package.
 *
 * <p>Rendering rules (SPEC §5), applied recursively to nested values: {@code null} becomes
 * {@code "null"}; a {@link CharSequence} is taken as is; numbers, booleans and characters by
 * {@link String#valueOf(Object)}; enums by {@link Enum#name()}; a {@code byte[]} as lower-case
 * hex; other arrays, {@link Iterable}s and collections element by element joined with
 * {@code ':'} (except a {@link Path}, rendered by {@code toString()}); a {@link Map} as
 * {@code k:v} pairs sorted by rendered key, joined with {@code ':'}; an {@link Optional} (and
 * {@link OptionalInt}, {@link OptionalLong}, {@link OptionalDouble}) by its content,
 * {@code "null"} when empty; anything else by {@code toString()}. A type formatter registered
 * through {@code io.cashews.KeyFormats} for a value's class or a supertype comes before all of
 * these rules, except for {@code String}s, primitives and their boxes.
 *
 * <p>The formatters ({@link #lower}, {@link #upper}, {@link #len}, {@link #hash(String)},
 * {@link #hash(String, String)}, {@link #jwt}) take the rendered text of a placeholder.
 */
public final class KeyText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final String NULL = "null";
    private static final char SEPARATOR = ':';
    private static final char ESCAPE = '\\';
    // Backslash and a letter: never the result of escaping a value, so free for markers.
    private static final String ESCAPED_NULL = "\\null";
    private static final String EMPTY_GROUP = "\\empty";
    private static final String ABSENT = "\\absent";

    // Looked up once; each call clones a prototype instead of asking the providers again.
    private static final Digest MD5 = new Digest("MD5");
    private static final Digest SHA1 = new Digest("SHA-1");
    private static final Digest SHA256 = new Digest("SHA-256");

    private KeyText() {
    }

    /**
     * Appends the key rendering of {@code value} to {@code builder}: {@link #render}.
     *
     * @param builder the key being built
     * @param value any value; {@code null} appends {@code "null"}
     * @return {@code builder}, for chaining
     */
    public static StringBuilder append(StringBuilder builder, @Nullable Object value) {
        return append(builder, value, true, false);
    }

    /**
     * Returns what {@code value} contributes to a key: its text with the characters {@code \ : *
     * ? [ ]} of every value escaped by a backslash, so that no caller value can widen or shift a
     * key (SPEC §5). A collection's or map's own {@code ':'} joints stay plain; a collection,
     * array or map inside one is written in brackets ({@code [a:b]:[c]}); an empty one is
     * {@code \empty}; the string {@code "null"} is {@code \null}, so that it differs from
     * {@code null}, and an empty {@code Optional} is {@code \absent}. Values without those
     * characters render as {@link #text} renders them.
     *
     * @param value any value; {@code null} renders as {@code "null"}
     * @return the text the value contributes to a key
     */
    public static String render(@Nullable Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof String text) {
            return escape(text);
        }
        if (value instanceof Enum<?> constant && TypeFormats.formatter(value.getClass()) == null) {
            // Enum-typed key parameters come here: no builder for the common case. Names are
            // identifiers, nothing to escape.
            return constant.name();
        }
        return append(new StringBuilder(), value, true, false).toString();
    }

    /**
     * Returns the plain text of a value, unescaped: what a key formatter ({@code lower},
     * {@code hash}, a custom one) takes, whose result is then escaped as a whole.
     *
     * @param value any value; {@code null} renders as {@code "null"}
     * @return the text, collections joined with {@code ':'}
     */
    public static String text(@Nullable Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof String text) {
            return text;
        }
        return append(new StringBuilder(), value, false, false).toString();
    }

    /**
     * Escapes one rendered value for a key: a backslash before each of {@code \ : * ? [ ]}; the
     * string {@code "null"} becomes {@code \null}.
     *
     * @param value the value's text; {@code null} gives {@code "null"}
     * @return the escaped text, {@code value} itself when nothing needs escaping
     */
    public static String escape(@Nullable String value) {
        if (value == null) {
            return NULL;
        }
        int first = firstSpecial(value);
        if (first < 0) {
            return value.equals(NULL) ? ESCAPED_NULL : value;
        }
        StringBuilder out = new StringBuilder(value.length() + 8).append(value, 0, first);
        for (int i = first; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isSpecial(c)) {
                out.append(ESCAPE);
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * Escapes a formatter's result for a key: a backslash before each of {@code \ : * ? [ ]},
     * nothing else (a formatter's {@code "null"} is text like any other).
     *
     * @param text the formatter's result; {@code null} gives {@code "null"}
     * @return the escaped text, {@code text} itself when nothing needs escaping
     */
    public static String escapeFormatted(@Nullable String text) {
        if (text == null) {
            return NULL;
        }
        return firstSpecial(text) < 0 ? text : escape(text);
    }

    /**
     * Undoes {@link #escape}: the text of a value read back out of a key.
     *
     * @param escaped an escaped value
     * @return the value's text
     */
    public static String unescape(String escaped) {
        if (escaped.indexOf(ESCAPE) < 0) {
            return escaped;
        }
        if (escaped.equals(ESCAPED_NULL)) {
            return NULL;
        }
        StringBuilder out = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == ESCAPE && i + 1 < escaped.length()) {
                c = escaped.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * Makes a rendered value match only itself inside a glob ({@code @Invalidate("item:{id}:*")}):
     * a backslash before each of the glob's special characters {@code \ * ? [ ]}.
     *
     * @param rendered a value as {@link #render} or {@link #escape} wrote it
     * @return the text to put in the pattern
     */
    public static String glob(String rendered) {
        StringBuilder out = null;
        for (int i = 0; i < rendered.length(); i++) {
            char c = rendered.charAt(i);
            boolean special = c == '\\' || c == '*' || c == '?' || c == '[' || c == ']';
            if (special && out == null) {
                out = new StringBuilder(rendered.length() + 8).append(rendered, 0, i);
            }
            if (out != null) {
                if (special) {
                    out.append(ESCAPE);
                }
                out.append(c);
            }
        }
        return out == null ? rendered : out.toString();
    }

    private static int firstSpecial(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (isSpecial(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isSpecial(char c) {
        return c == '\\' || c == ':' || c == '*' || c == '?' || c == '[' || c == ']';
    }

    // escaped: the key form (values escaped, nested collections in brackets); otherwise plain
    // text. nested: the value is an element of a collection, array or map.
    private static StringBuilder append(StringBuilder builder, @Nullable Object value, boolean escaped, boolean nested) {
        if (value == null) {
            return builder.append(NULL);
        }
        if (value instanceof String text) {
            return builder.append(escaped ? escape(text) : text);
        }
        // Registered type formatters come before the built-in rules, so that BigDecimal (a
        // Number) or a List subtype can have their own; an empty registry is one volatile read.
        Function<Object, String> formatter = TypeFormats.formatter(value.getClass());
        if (formatter != null) {
            return plain(builder, formatter.apply(value), escaped);
        }
        if (value instanceof Boolean) {
            return builder.append(value);
        }
        if (value instanceof CharSequence || value instanceof Number || value instanceof Character
                || value instanceof Path) {
            // A Path iterates over its names, each again a Path: take its text instead.
            return plain(builder, value.toString(), escaped);
        }
        if (value instanceof Enum<?> constant) {
            return builder.append(constant.name());
        }
        if (value instanceof Optional<?> optional) {
            return optional.isPresent() ? append(builder, optional.get(), escaped, nested) : empty(builder, escaped);
        }
        if (value instanceof OptionalInt optional) {
            return optional.isPresent() ? builder.append(optional.getAsInt()) : empty(builder, escaped);
        }
        if (value instanceof OptionalLong optional) {
            return optional.isPresent() ? builder.append(optional.getAsLong()) : empty(builder, escaped);
        }
        if (value instanceof OptionalDouble optional) {
            return optional.isPresent() ? builder.append(optional.getAsDouble()) : empty(builder, escaped);
        }
        if (value instanceof byte[] bytes) {
            return appendHex(builder, bytes);
        }
        boolean group = value instanceof Map<?, ?> || value instanceof Iterable<?> || value.getClass().isArray();
        if (!group) {
            return plain(builder, value.toString(), escaped);
        }
        // In the key form a group inside a group is bracketed and an empty one is \empty, so that
        // [[a, b], [c]], [[a], [b, c]], [], [""], [[]] and [[""]] all differ.
        boolean bracket = escaped && nested;
        if (bracket) {
            builder.append('[');
        }
        int elements;
        if (value instanceof Map<?, ?> map) {
            elements = appendMap(builder, map, escaped);
        } else if (value instanceof Iterable<?> iterable) {
            elements = appendIterable(builder, iterable, escaped);
        } else {
            elements = appendArray(builder, value, escaped);
        }
        if (escaped && elements == 0) {
            builder.append(EMPTY_GROUP);
        }
        if (bracket) {
            builder.append(']');
        }
        return builder;
    }

    private static StringBuilder plain(StringBuilder builder, @Nullable String text, boolean escaped) {
        return builder.append(text == null ? NULL : escaped ? escape(text) : text);
    }

    private static StringBuilder empty(StringBuilder builder, boolean escaped) {
        return builder.append(escaped ? ABSENT : NULL);
    }

    // Each of these returns how many elements it appended.
    private static int appendIterable(StringBuilder builder, Iterable<?> iterable, boolean escaped) {
        int count = 0;
        for (Object element : iterable) {
            append(separate(builder, count++), element, escaped, true);
        }
        return count;
    }

    private static int appendMap(StringBuilder builder, Map<?, ?> map, boolean escaped) {
        // Sorted by rendered key so that two equal maps give one key whatever their iteration order.
        List<String[]> pairs = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            pairs.add(new String[] {element(entry.getKey(), escaped), element(entry.getValue(), escaped)});
        }
        pairs.sort((a, b) -> a[0].compareTo(b[0]));
        for (int i = 0; i < pairs.size(); i++) {
            if (i > 0) {
                builder.append(SEPARATOR);
            }
            String[] pair = pairs.get(i);
            builder.append(pair[0]).append(SEPARATOR).append(pair[1]);
        }
        return pairs.size();
    }

    private static String element(@Nullable Object value, boolean escaped) {
        return append(new StringBuilder(), value, escaped, true).toString();
    }

    private static int appendArray(StringBuilder builder, Object array, boolean escaped) {
        if (array instanceof Object[] objects) {
            return appendIterable(builder, Arrays.asList(objects), escaped);
        }
        if (array instanceof int[] ints) {
            for (int i = 0; i < ints.length; i++) {
                separate(builder, i).append(ints[i]);
            }
            return ints.length;
        } else if (array instanceof long[] longs) {
            for (int i = 0; i < longs.length; i++) {
                separate(builder, i).append(longs[i]);
            }
            return longs.length;
        } else if (array instanceof double[] doubles) {
            for (int i = 0; i < doubles.length; i++) {
                separate(builder, i).append(doubles[i]);
            }
            return doubles.length;
        } else if (array instanceof float[] floats) {
            for (int i = 0; i < floats.length; i++) {
                separate(builder, i).append(floats[i]);
            }
            return floats.length;
        } else if (array instanceof short[] shorts) {
            for (int i = 0; i < shorts.length; i++) {
                separate(builder, i).append(shorts[i]);
            }
            return shorts.length;
        } else if (array instanceof char[] chars) {
            for (int i = 0; i < chars.length; i++) {
                plain(separate(builder, i), String.valueOf(chars[i]), escaped);
            }
            return chars.length;
        } else if (array instanceof boolean[] booleans) {
            for (int i = 0; i < booleans.length; i++) {
                separate(builder, i).append(booleans[i]);
            }
            return booleans.length;
        }
        return 0;
    }

    private static StringBuilder separate(StringBuilder builder, int index) {
        return index == 0 ? builder : builder.append(SEPARATOR);
    }

    /**
     * The {@code lower} formatter.
     *
     * @param text rendered text
     * @return {@code text} in lower case, by the rules of {@link Locale#ROOT}
     */
    public static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /**
     * The {@code upper} formatter.
     *
     * @param text rendered text
     * @return {@code text} in upper case, by the rules of {@link Locale#ROOT}
     */
    public static String upper(String text) {
        return text.toUpperCase(Locale.ROOT);
    }

    /**
     * The {@code len} formatter.
     *
     * @param text rendered text
     * @return the number of characters (Unicode code points) of {@code text}, in decimal
     */
    public static String len(String text) {
        return Integer.toString(text.codePointCount(0, text.length()));
    }

    /**
     * The {@code hash} formatter without argument: the MD5 digest.
     *
     * @param text rendered text
     * @return the MD5 digest of the UTF-8 bytes of {@code text}, as 32 lower-case hex digits
     */
    public static String hash(String text) {
        return hex(MD5.digest(text));
    }

    /**
     * The {@code hash(algorithm)} formatter.
     *
     * @param text rendered text
     * @param algorithm {@code md5}, {@code sha1} or {@code sha256} (case does not matter)
     * @return the digest of the UTF-8 bytes of {@code text}, as lower-case hex
     * @throws IllegalArgumentException if {@code algorithm} is not one of those three
     */
    public static String hash(String text, String algorithm) {
        return hex(digest(algorithm).digest(text));
    }

    private static Digest digest(String algorithm) {
        switch (algorithm.toLowerCase(Locale.ROOT)) {
            case "md5":
                return MD5;
            case "sha1":
                return SHA1;
            case "sha256":
                return SHA256;
            default:
                throw new IllegalArgumentException("unknown hash algorithm '" + algorithm
                        + "'; use md5, sha1 or sha256");
        }
    }

    /**
     * The {@code jwt(claim)} formatter: decodes the payload of a JSON Web Token <em>without
     * verifying its signature</em> and returns one top-level claim.
     *
     * @param token the rendered token, {@code header.payload.signature} (base64url, padding
     *     optional)
     * @param claim the name of a top-level claim of the payload
     * @return a string claim without its quotes and with its escapes resolved; a number, boolean
     *     or nested object/array claim as written; {@code "null"} when the claim is missing or
     *     {@code null}, or when the token or its payload is malformed
     */
    public static String jwt(String token, String claim) {
        int first = token.indexOf('.');
        if (first < 0) {
            return NULL;
        }
        int second = token.indexOf('.', first + 1);
        String payload = token.substring(first + 1, second < 0 ? token.length() : second);
        byte[] json;
        try {
            json = Base64.getUrlDecoder().decode(payload);
        } catch (IllegalArgumentException malformed) {
            return NULL;
        }
        String value = JsonClaims.find(new String(json, StandardCharsets.UTF_8), claim);
        return value == null ? NULL : value;
    }

    /**
     * Renders bytes as hex.
     *
     * @param bytes any bytes
     * @return two lower-case hex digits per byte
     */
    public static String hex(byte[] bytes) {
        return appendHex(new StringBuilder(bytes.length * 2), bytes).toString();
    }

    private static StringBuilder appendHex(StringBuilder builder, byte[] bytes) {
        for (byte b : bytes) {
            builder.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        return builder;
    }

    /** One digest algorithm, looked up once and cloned per use when the provider allows it. */
    private static final class Digest {
        private final String algorithm;
        private final @Nullable MessageDigest prototype;

        Digest(String algorithm) {
            this.algorithm = algorithm;
            MessageDigest found = newInstance(algorithm);
            MessageDigest cloneable;
            try {
                found.clone();
                cloneable = found;
            } catch (CloneNotSupportedException notCloneable) {
                cloneable = null;
            }
            this.prototype = cloneable;
        }

        byte[] digest(String text) {
            MessageDigest md;
            if (prototype != null) {
                try {
                    md = (MessageDigest) prototype.clone();
                } catch (CloneNotSupportedException impossible) {
                    // checked once in the constructor
                    throw new IllegalStateException(impossible);
                }
            } else {
                md = newInstance(algorithm);
            }
            return md.digest(text.getBytes(StandardCharsets.UTF_8));
        }

        private static MessageDigest newInstance(String algorithm) {
            try {
                return MessageDigest.getInstance(Objects.requireNonNull(algorithm));
            } catch (NoSuchAlgorithmException e) {
                // Every Java platform must provide MD5, SHA-1 and SHA-256.
                throw new IllegalStateException(algorithm + " is not available", e);
            }
        }
    }
}
