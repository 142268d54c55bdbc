package io.cashews.processor.writing;

import java.util.regex.Pattern;

/**
 * The last touch on a rendered proxy, for what JavaPoet cannot be asked for: a javadoc of one
 * line is written on one line, and field declarations follow each other without blank lines.
 * Both patterns match whole lines only, and a rendered string literal never spans lines, so no
 * code or literal is changed.
 */
final class Layout {
    private static final Pattern ONE_LINE_JAVADOC =
            Pattern.compile("(?m)^( *)/\\*\\*\n\\1 \\* ((?:(?!\\*/)[^\n])+)\n\\1 \\*/$");
    private static final Pattern BETWEEN_FIELDS =
            Pattern.compile("(?m)^( *private (?:static )?final [^\n]*;)\n\n(?= *private (?:static )?final )");

    private Layout() {}

    static String tighten(String source) {
        String javadoc = ONE_LINE_JAVADOC.matcher(source).replaceAll("$1/** $2 */");
        return BETWEEN_FIELDS.matcher(javadoc).replaceAll("$1\n");
    }
}
