package io.cashews.internal;

import io.cashews.base.KeyText;
import org.jspecify.annotations.Nullable;

/**
 * For generated code: renders values into cache keys and implements the built-in key formatters.
 * The rules live in {@link KeyText}, which the runtime's other packages share; this class keeps
 * the names proxies are compiled against, so each method here only forwards.
 *
 * <p>Rendering rules (SPEC §5), applied recursively to nested values: {@code null} becomes
 * {@code "null"}; a {@link CharSequence} is taken as is; numbers, booleans and characters by
 * {@link String#valueOf(Object)}; enums by {@link Enum#name()}; a {@code byte[]} as lower-case
 * hex; other arrays, {@link Iterable}s and collections element by element joined with
 * {@code ':'} (except a {@link java.nio.file.Path}, rendered by {@code toString()}); a
 * {@link java.util.Map} as {@code k:v} pairs sorted by rendered key, joined with {@code ':'}; an
 * {@link java.util.Optional} (and {@link java.util.OptionalInt}, {@link java.util.OptionalLong},
 * {@link java.util.OptionalDouble}) by its content, {@code "null"} when empty; anything else by
 * {@code toString()}. A type formatter registered through {@code io.cashews.KeyFormats} for a
 * value's class or a supertype comes before all of these rules, except for {@code String}s,
 * primitives and their boxes.
 *
 * <p>The formatters ({@link #lower}, {@link #upper}, {@link #len}, {@link #hash(String)},
 * {@link #hash(String, String)}, {@link #jwt}) take the rendered text of a placeholder.
 */
public final class Keys {

    private Keys() {
    }

    /**
     * Appends the rendering of {@code value} to {@code builder}.
     *
     * @param builder the key being built
     * @param value any value; {@code null} appends {@code "null"}
     * @return {@code builder}, for chaining
     */
    public static StringBuilder append(StringBuilder builder, @Nullable Object value) {
        return KeyText.append(builder, value);
    }

    /**
     * Returns the rendering of {@code value}.
     *
     * @param value any value; {@code null} renders as {@code "null"}
     * @return the text the value contributes to a key
     */
    public static String render(@Nullable Object value) {
        return KeyText.render(value);
    }

    /**
     * The {@code lower} formatter.
     *
     * @param text rendered text
     * @return {@code text} in lower case, by the rules of {@link java.util.Locale#ROOT}
     */
    public static String lower(String text) {
        return KeyText.lower(text);
    }

    /**
     * The {@code upper} formatter.
     *
     * @param text rendered text
     * @return {@code text} in upper case, by the rules of {@link java.util.Locale#ROOT}
     */
    public static String upper(String text) {
        return KeyText.upper(text);
    }

    /**
     * The {@code len} formatter.
     *
     * @param text rendered text
     * @return the number of characters (Unicode code points) of {@code text}, in decimal
     */
    public static String len(String text) {
        return KeyText.len(text);
    }

    /**
     * The {@code hash} formatter without argument: the MD5 digest.
     *
     * @param text rendered text
     * @return the MD5 digest of the UTF-8 bytes of {@code text}, as 32 lower-case hex digits
     */
    public static String hash(String text) {
        return KeyText.hash(text);
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
        return KeyText.hash(text, algorithm);
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
        return KeyText.jwt(token, claim);
    }

    /**
     * Renders bytes as hex.
     *
     * @param bytes any bytes
     * @return two lower-case hex digits per byte
     */
    public static String hex(byte[] bytes) {
        return KeyText.hex(bytes);
    }
}
