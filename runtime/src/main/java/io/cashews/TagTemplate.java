package io.cashews;

import io.cashews.base.KeyText;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A key or tag template parsed at run time, for the tag registry: literal text and {@code {…}}
 * placeholders. Two uses:
 * <ul>
 *   <li>as a <em>pattern</em>: every placeholder matches any run of characters, possibly empty,
 *       and captures it under its root name ({@code {user.id:hash}} captures under {@code user});
 *       literal text matches itself exactly (unlike cashews, {@code .} and other regex characters
 *       are never special);</li>
 *   <li>as a <em>renderer</em>: placeholders take the text a key pattern captured for their root
 *       name, or else the {@link KeyContext} value of that name; {@code {@:get(name)}} reads the
 *       key context only and renders a missing value as {@code null}; a plain placeholder whose
 *       value is found nowhere makes the tag underivable (rendering answers {@code null}). The built-in formatters
 *       {@code lower}, {@code upper}, {@code len}, {@code hash}, {@code hash(alg)},
 *       {@code jwt(claim)} are applied to the text; another formatter name leaves the text as is.</li>
 * </ul>
 * A root name used twice matches independently; the first capture is used for rendering.
 */
final class TagTemplate {

    private final String text;
    private final List<Object> parts;
    private final List<String> groups;
    private final Pattern pattern;

    private TagTemplate(String text, List<Object> parts, List<String> groups, Pattern pattern) {
        this.text = text;
        this.parts = parts;
        this.groups = groups;
        this.pattern = pattern;
    }

    /** One placeholder: the root name, whether it reads the key context only, and its formatter. */
    private record Placeholder(String name, boolean contextOnly, @Nullable String formatter, @Nullable String argument) {
    }

    /**
     * Parses a template.
     *
     * @param text the template, such as {@code "user:{user.id}:{name:lower}"}
     * @return the parsed template
     * @throws IllegalArgumentException for unbalanced braces or an empty placeholder, naming the offset
     */
    static TagTemplate parse(String text) {
        Objects.requireNonNull(text, "template");
        List<Object> parts = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        StringBuilder regex = new StringBuilder("\\A");
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '}') {
                throw new IllegalArgumentException("unbalanced '}' at offset " + i + " in template \"" + text + "\"");
            }
            if (c != '{') {
                literal.append(c);
                i++;
                continue;
            }
            int end = text.indexOf('}', i + 1);
            int nested = text.indexOf('{', i + 1);
            if (end < 0 || (nested >= 0 && nested < end)) {
                throw new IllegalArgumentException("unclosed '{' at offset " + i + " in template \"" + text + "\"");
            }
            Placeholder placeholder = placeholder(text.substring(i + 1, end).trim(), text, i);
            if (literal.length() > 0) {
                parts.add(literal.toString());
                regex.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
            }
            parts.add(placeholder);
            // An escaped pair is one unit: a value's escaped ':' never ends a placeholder.
            regex.append("((?:\\\\.|[^\\\\])*)");
            groups.add(placeholder.name);
            i = end + 1;
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
            regex.append(Pattern.quote(literal.toString()));
        }
        regex.append("\\z");
        return new TagTemplate(text, List.copyOf(parts), List.copyOf(groups), Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    private static Placeholder placeholder(String body, String text, int offset) {
        if (body.isEmpty()) {
            throw new IllegalArgumentException("empty placeholder at offset " + offset + " in template \"" + text + "\"");
        }
        if (body.startsWith("@:get(") && body.endsWith(")")) {
            String name = body.substring("@:get(".length(), body.length() - 1).trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty key context name at offset " + offset + " in template \"" + text + "\"");
            }
            return new Placeholder(name, true, null, null);
        }
        int colon = body.indexOf(':');
        String path = colon < 0 ? body : body.substring(0, colon).trim();
        int dot = path.indexOf('.');
        String root = dot < 0 ? path : path.substring(0, dot);
        if (root.isEmpty()) {
            throw new IllegalArgumentException("empty name at offset " + offset + " in template \"" + text + "\"");
        }
        if (colon < 0) {
            return new Placeholder(root, false, null, null);
        }
        String format = body.substring(colon + 1).trim();
        int open = format.indexOf('(');
        if (open >= 0 && format.endsWith(")")) {
            return new Placeholder(root, false, format.substring(0, open).trim(), format.substring(open + 1, format.length() - 1).trim());
        }
        return new Placeholder(root, false, format, null);
    }

    /** The template as written. */
    String text() {
        return text;
    }

    /** Whether the template has no placeholder at all. */
    boolean isLiteral() {
        return groups.isEmpty();
    }

    /**
     * Matches a whole key or tag against this template as a pattern.
     *
     * @param candidate the key or tag
     * @return the matcher after a successful full match, or {@code null}
     */
    @Nullable Matcher match(String candidate) {
        Matcher matcher = pattern.matcher(candidate);
        return matcher.matches() ? matcher : null;
    }

    /**
     * Renders this template with the values another template's pattern captured.
     *
     * @param from the template whose pattern matched
     * @param matcher the successful match of {@code from}
     * @return the rendered text, or {@code null} when a placeholder's value is neither in the
     *     key nor in the key context (the tag cannot be derived from the key)
     */
    @Nullable String render(TagTemplate from, Matcher matcher) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (Object part : parts) {
            if (part instanceof String literal) {
                out.append(literal);
                continue;
            }
            Placeholder placeholder = (Placeholder) part;
            String value = null;
            if (!placeholder.contextOnly) {
                int group = from.groups.indexOf(placeholder.name);
                if (group >= 0) {
                    value = matcher.group(group + 1);
                }
            }
            if (value == null) {
                Object context = KeyContext.get(placeholder.name);
                if (context == null && !placeholder.contextOnly) {
                    return null;
                }
                value = KeyText.render(context);
            }
            out.append(placeholder.formatter == null ? value : KeyText.escapeFormatted(format(KeyText.unescape(value), placeholder)));
        }
        return out.toString();
    }

    // A formatter takes the value's plain text; its result is escaped again by the caller.
    private static String format(String value, Placeholder placeholder) {
        String formatter = Objects.requireNonNull(placeholder.formatter);
        String argument = placeholder.argument;
        return switch (formatter) {
            case "lower" -> KeyText.lower(value);
            case "upper" -> KeyText.upper(value);
            case "len" -> KeyText.len(value);
            case "hash" -> argument == null || argument.isEmpty() ? KeyText.hash(value) : KeyText.hash(value, argument);
            case "jwt" -> argument == null ? value : KeyText.jwt(value, argument);
            // Custom formatters are compiled into proxies, not known here: the text stays as captured.
            default -> value;
        };
    }

    @Override
    public String toString() {
        return text;
    }
}
