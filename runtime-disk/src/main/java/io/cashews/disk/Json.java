package io.cashews.disk;

import java.util.List;
import java.util.Locale;

/** A JSON array of keys, the one parameter of {@code getMany}'s {@code json_each} query. */
final class Json {

    private Json() {
    }

    static String array(List<String> keys, List<Integer> positions) {
        StringBuilder out = new StringBuilder(positions.size() * 16 + 2).append('[');
        for (int i = 0; i < positions.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, keys.get(positions.get(i)));
        }
        return out.append(']').toString();
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !validPair(text, i)) {
                        // Control characters, and lone surrogates (which UTF-8 cannot carry), as escapes.
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean validPair(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
