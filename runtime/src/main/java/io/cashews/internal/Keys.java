package io.cashews.internal;

import io.cashews.base.KeyText;
import org.jspecify.annotations.Nullable;

/**
 * For generated code: renders values into cache keys and implements the built-in key formatters.
 * The rules live in {@link KeyText}, which the runtime's other packages share; this class keeps
 * the names proxies are compiled against, so each method here only forwards.
 *
 * <p>Keys are unambiguous (SPEC §5): {@link #render} and {@link #escape} put a backslash before
 * {@code \\ : * ? [ ]} in every caller value, so that no value can shift or widen a key.
 *
 * <p>Plain-text rules ({@link #text}; {@link #render} adds the escapes), applied recursively to
 * nested values: {@code null} becomes
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
 * {@link #hash(String, String)}, {@link #jwt}) take the plain text of a placeholder ({@link #text}
 * for a value that is not a {@code String}) and return what goes into the key, escaped where the
 * result could hold a special character.
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
     * Returns what {@code value} contributes to a key, every caller value escaped (see
     * {@link KeyText#render}).
     *
     * @param value any value; {@code null} renders as {@code "null"}
     * @return the text the value contributes to a key
     */
    public static String render(@Nullable Object value) {
        return KeyText.render(value);
    }

    /**
     * Returns the plain text of a value, the input of a key formatter (see {@link KeyText#text}).
     *
     * @param value any value; {@code null} renders as {@code "null"}
     * @return the unescaped text
     */
    public static String text(@Nullable Object value) {
        return KeyText.text(value);
    }

    /**
     * Escapes a {@code String} placeholder value or a formatter's result for a key (see
     * {@link KeyText#escape}); the hit path's only call for a {@code String} parameter, which
     * allocates nothing when the value has nothing to escape.
     *
     * @param value the value; {@code null} gives {@code "null"}
     * @return the escaped value
     */
    public static String escape(@Nullable String value) {
        return KeyText.escape(value);
    }

    /**
     * Escapes the result of a custom key formatter for the key (see {@link KeyText#escapeFormatted}).
     *
     * @param text the formatter's result; {@code null} gives {@code "null"}
     * @return the escaped text
     */
    public static String formatted(@Nullable String text) {
        return KeyText.escapeFormatted(text);
    }

    /**
     * Makes a rendered placeholder value match only itself in a deletion pattern (see
     * {@link KeyText#glob}).
     *
     * @param rendered the value as {@link #render} or {@link #escape} wrote it
     * @return the value for the pattern
     */
    public static String glob(String rendered) {
        return KeyText.glob(rendered);
    }

    /**
     * The {@code lower} formatter, its result escaped for the key.
     *
     * @param text the value's plain text; {@code null} stands for {@code "null"}
     * @return {@code text} in lower case, by the rules of {@link java.util.Locale#ROOT}, escaped
     */
    public static String lower(@Nullable String text) {
        return KeyText.escapeFormatted(KeyText.lower(String.valueOf(text)));
    }

    /**
     * The {@code upper} formatter, its result escaped for the key.
     *
     * @param text the value's plain text; {@code null} stands for {@code "null"}
     * @return {@code text} in upper case, by the rules of {@link java.util.Locale#ROOT}, escaped
     */
    public static String upper(@Nullable String text) {
        return KeyText.escapeFormatted(KeyText.upper(String.valueOf(text)));
    }

    /**
     * The {@code len} formatter.
     *
     * @param text the value's plain text; {@code null} stands for {@code "null"}
     * @return the number of characters (Unicode code points) of {@code text}, in decimal
     */
    public static String len(@Nullable String text) {
        return KeyText.len(String.valueOf(text));
    }

    /**
     * The {@code hash} formatter without argument: the MD5 digest.
     *
     * @param text the value's plain text; {@code null} stands for {@code "null"}
     * @return the MD5 digest of the UTF-8 bytes of {@code text}, as 32 lower-case hex digits
     */
    public static String hash(@Nullable String text) {
        return KeyText.hash(String.valueOf(text));
    }

    /**
     * The {@code hash(algorithm)} formatter.
     *
     * @param text the value's plain text; {@code null} stands for {@code "null"}
     * @param algorithm {@code md5}, {@code sha1} or {@code sha256} (case does not matter)
     * @return the digest of the UTF-8 bytes of {@code text}, as lower-case hex
     * @throws IllegalArgumentException if {@code algorithm} is not one of those three
     */
    public static String hash(@Nullable String text, String algorithm) {
        return KeyText.hash(String.valueOf(text), algorithm);
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
     *     {@code null}, or when the token or its payload is malformed; escaped for the key
     */
    public static String jwt(@Nullable String token, String claim) {
        return KeyText.escapeFormatted(KeyText.jwt(String.valueOf(token), claim));
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
