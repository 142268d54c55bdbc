package io.cashews.base;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
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

    // Looked up once; each call clones a prototype instead of asking the providers again.
    private static final Digest MD5 = new Digest("MD5");
    private static final Digest SHA1 = new Digest("SHA-1");
    private static final Digest SHA256 = new Digest("SHA-256");

    private KeyText() {
    }

    /**
     * Appends the rendering of {@code value} to {@code builder}.
     *
     * @param builder the key being built
     * @param value any value; {@code null} appends {@code "null"}
     * @return {@code builder}, for chaining
     */
    public static StringBuilder append(StringBuilder builder, @Nullable Object value) {
        if (value == null) {
            return builder.append(NULL);
        }
        if (value instanceof String text) {
            return builder.append(text);
        }
        // Registered type formatters come before the built-in rules, so that BigDecimal (a
        // Number) or a List subtype can have their own; an empty registry is one volatile read.
        Function<Object, String> formatter = TypeFormats.formatter(value.getClass());
        if (formatter != null) {
            String text = formatter.apply(value);
            return builder.append(text == null ? NULL : text);
        }
        if (value instanceof CharSequence text) {
            return builder.append(text);
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof Character) {
            return builder.append(value);
        }
        if (value instanceof Enum<?> constant) {
            return builder.append(constant.name());
        }
        if (value instanceof Optional<?> optional) {
            return append(builder, optional.orElse(null));
        }
        if (value instanceof Map<?, ?> map) {
            return appendMap(builder, map);
        }
        if (value instanceof Path path) {
            // A Path iterates over its names, each again a Path: take its text instead.
            return builder.append(path);
        }
        if (value instanceof Iterable<?> iterable) {
            return appendIterable(builder, iterable);
        }
        if (value.getClass().isArray()) {
            return appendArray(builder, value);
        }
        if (value instanceof OptionalInt optional) {
            return optional.isPresent() ? builder.append(optional.getAsInt()) : builder.append(NULL);
        }
        if (value instanceof OptionalLong optional) {
            return optional.isPresent() ? builder.append(optional.getAsLong()) : builder.append(NULL);
        }
        if (value instanceof OptionalDouble optional) {
            return optional.isPresent() ? builder.append(optional.getAsDouble()) : builder.append(NULL);
        }
        return builder.append(value);
    }

    /**
     * Returns the rendering of {@code value}.
     *
     * @param value any value; {@code null} renders as {@code "null"}
     * @return the text the value contributes to a key
     */
    public static String render(@Nullable Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof String text) {
            return text;
        }
        Function<Object, String> formatter = TypeFormats.formatter(value.getClass());
        if (formatter != null) {
            String text = formatter.apply(value);
            return text == null ? NULL : text;
        }
        if (value instanceof Enum<?> constant) {
            // Enum-typed key parameters come here: no builder for the common case.
            return constant.name();
        }
        return append(new StringBuilder(), value).toString();
    }

    private static StringBuilder appendIterable(StringBuilder builder, Iterable<?> iterable) {
        Iterator<?> it = iterable.iterator();
        if (it.hasNext()) {
            append(builder, it.next());
            while (it.hasNext()) {
                append(builder.append(SEPARATOR), it.next());
            }
        }
        return builder;
    }

    private static StringBuilder appendMap(StringBuilder builder, Map<?, ?> map) {
        // Sorted by rendered key so that two equal maps give one key whatever their iteration order.
        List<String[]> pairs = new ArrayList<>(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            pairs.add(new String[] {render(entry.getKey()), render(entry.getValue())});
        }
        pairs.sort((a, b) -> a[0].compareTo(b[0]));
        for (int i = 0; i < pairs.size(); i++) {
            if (i > 0) {
                builder.append(SEPARATOR);
            }
            String[] pair = pairs.get(i);
            builder.append(pair[0]).append(SEPARATOR).append(pair[1]);
        }
        return builder;
    }

    private static StringBuilder appendArray(StringBuilder builder, Object array) {
        if (array instanceof byte[] bytes) {
            return appendHex(builder, bytes);
        }
        if (array instanceof Object[] objects) {
            return appendIterable(builder, Arrays.asList(objects));
        }
        if (array instanceof int[] ints) {
            for (int i = 0; i < ints.length; i++) {
                separate(builder, i).append(ints[i]);
            }
        } else if (array instanceof long[] longs) {
            for (int i = 0; i < longs.length; i++) {
                separate(builder, i).append(longs[i]);
            }
        } else if (array instanceof double[] doubles) {
            for (int i = 0; i < doubles.length; i++) {
                separate(builder, i).append(doubles[i]);
            }
        } else if (array instanceof float[] floats) {
            for (int i = 0; i < floats.length; i++) {
                separate(builder, i).append(floats[i]);
            }
        } else if (array instanceof short[] shorts) {
            for (int i = 0; i < shorts.length; i++) {
                separate(builder, i).append(shorts[i]);
            }
        } else if (array instanceof char[] chars) {
            for (int i = 0; i < chars.length; i++) {
                separate(builder, i).append(chars[i]);
            }
        } else if (array instanceof boolean[] booleans) {
            for (int i = 0; i < booleans.length; i++) {
                separate(builder, i).append(booleans[i]);
            }
        }
        return builder;
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
