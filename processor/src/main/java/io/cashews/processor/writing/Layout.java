package io.cashews.processor.writing;

import org.jspecify.annotations.Nullable;

/**
 * The last touch on a rendered proxy, for what JavaPoet cannot be asked for: a javadoc of one
 * line is written on one line, and field declarations follow each other without blank lines.
 * Both rules look at whole lines only, and a rendered string literal never spans lines, so no
 * code or literal is changed. A plain line scan, not regular expressions: this runs once per proxy
 * in a compiler that is mostly still interpreted, where the patterns showed in the profile.
 */
final class Layout {
    private static final String OPEN = "/**";
    private static final String CLOSE = " */";
    private static final String LINE = " * ";

    private Layout() {}

    static String tighten(String source) {
        String[] lines = source.split("\n", -1);
        StringBuilder out = new StringBuilder(source.length());
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String text = i + 2 < lines.length ? oneLineJavadoc(line, lines[i + 1], lines[i + 2]) : null;
            if (text != null) {
                String indent = line.substring(0, line.length() - OPEN.length());
                out.append(indent).append("/** ").append(text).append(" */");
                i += 2;
            } else if (line.isEmpty() && i > 0 && i + 1 < lines.length && isField(lines[i - 1])
                    && lines[i - 1].endsWith(";") && isField(lines[i + 1])) {
                // A blank line between two fields: dropped, so the line break before it is enough.
                continue;
            } else {
                out.append(line);
            }
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** The text of a javadoc of one line, {@code indent/**}, {@code indent * text}, {@code indent *}{@code /}; else null. */
    private static @Nullable String oneLineJavadoc(String open, String body, String close) {
        if (!open.endsWith(OPEN)) {
            return null;
        }
        int indent = open.length() - OPEN.length();
        if (!isSpaces(open, indent) || !close.equals(open.substring(0, indent) + CLOSE)
                || !body.startsWith(LINE, indent) || !isSpaces(body, indent)) {
            return null;
        }
        String text = body.substring(indent + LINE.length());
        return text.isEmpty() || text.contains("*/") ? null : text;
    }

    private static boolean isSpaces(String line, int count) {
        for (int i = 0; i < count; i++) {
            if (line.charAt(i) != ' ') {
                return false;
            }
        }
        return true;
    }

    /** A line that opens {@code private final …} or {@code private static final …}, after spaces. */
    private static boolean isField(String line) {
        int indent = 0;
        while (indent < line.length() && line.charAt(indent) == ' ') {
            indent++;
        }
        return line.startsWith("private final ", indent) || line.startsWith("private static final ", indent);
    }
}
