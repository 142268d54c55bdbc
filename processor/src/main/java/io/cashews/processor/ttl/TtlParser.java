package io.cashews.processor.ttl;

import java.util.Locale;

/**
 * Parses TTL strings (SPEC §6) into milliseconds.
 *
 * <p>Accepted forms, after trimming surrounding whitespace:
 *
 * <ul>
 *   <li>a whole number of seconds: {@code "600"} is 600,000 ms;
 *   <li>one or more groups of a whole number and a unit, case-insensitive: {@code d} (days),
 *       {@code h}, {@code m}, {@code s}, {@code ms}; {@code "1d2h3m50s"}, {@code "1h30m"},
 *       {@code "250ms"}, {@code "2H"}. As in Go, groups may come in any order and a unit may
 *       repeat; the groups are summed.
 * </ul>
 *
 * <p>Signs, decimal points, inner whitespace and non-ASCII digits are rejected. Zero parses to 0:
 * whether a TTL must be positive is the caller's rule, not the syntax's.
 */
public final class TtlParser {

    private static final long SECOND = 1_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private TtlParser() {}

    /**
     * Parses a TTL string into milliseconds.
     *
     * @param ttl the TTL as written, for example {@code "10m"} or {@code "600"}
     * @return the TTL in milliseconds, zero or more
     * @throws TtlSyntaxException if the string is blank, malformed, names an unknown unit, or does
     *     not fit a {@code long} number of milliseconds; the offset refers to {@code ttl} as
     *     written, before trimming
     */
    public static long parseMillis(String ttl) throws TtlSyntaxException {
        int from = 0;
        int to = ttl.length();
        while (from < to && Character.isWhitespace(ttl.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(ttl.charAt(to - 1))) {
            to--;
        }
        if (from == to) {
            throw new TtlSyntaxException("empty ttl", 0);
        }
        long total = 0;
        int pos = from;
        boolean sawUnit = false;
        while (pos < to) {
            int numberStart = pos;
            long number = 0;
            while (pos < to && isAsciiDigit(ttl.charAt(pos))) {
                number = addDigit(number, ttl.charAt(pos) - '0', numberStart);
                pos++;
            }
            if (pos == numberStart) {
                char c = ttl.charAt(pos);
                throw new TtlSyntaxException(
                        isAsciiLetter(c) ? "missing number before unit" : unexpected(c), pos);
            }
            int unitStart = pos;
            while (pos < to && isAsciiLetter(ttl.charAt(pos))) {
                pos++;
            }
            if (pos == unitStart) {
                if (pos < to) {
                    throw new TtlSyntaxException(unexpected(ttl.charAt(pos)), pos);
                }
                if (!sawUnit) {
                    // The whole string is one bare number: seconds.
                    return scale(number, SECOND, numberStart);
                }
                throw new TtlSyntaxException(
                        "missing unit after '" + ttl.substring(numberStart, pos) + "'", numberStart);
            }
            String unit = ttl.substring(unitStart, pos);
            long millisPerUnit = unitMillis(unit, unitStart);
            total = add(total, scale(number, millisPerUnit, numberStart), numberStart);
            sawUnit = true;
        }
        return total;
    }

    private static long unitMillis(String unit, int offset) throws TtlSyntaxException {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "d" -> DAY;
            case "h" -> HOUR;
            case "m" -> MINUTE;
            case "s" -> SECOND;
            case "ms" -> 1L;
            default -> throw new TtlSyntaxException(
                    "unknown unit '" + unit + "' (use d, h, m, s or ms)", offset);
        };
    }

    private static long addDigit(long number, int digit, int offset) throws TtlSyntaxException {
        try {
            return Math.addExact(Math.multiplyExact(number, 10), digit);
        } catch (ArithmeticException e) {
            throw tooLarge(offset);
        }
    }

    private static long scale(long number, long millisPerUnit, int offset) throws TtlSyntaxException {
        try {
            return Math.multiplyExact(number, millisPerUnit);
        } catch (ArithmeticException e) {
            throw tooLarge(offset);
        }
    }

    private static long add(long total, long millis, int offset) throws TtlSyntaxException {
        try {
            return Math.addExact(total, millis);
        } catch (ArithmeticException e) {
            throw tooLarge(offset);
        }
    }

    private static TtlSyntaxException tooLarge(int offset) {
        return new TtlSyntaxException("ttl too large for a long number of milliseconds", offset);
    }

    private static String unexpected(char c) {
        return Character.isWhitespace(c) ? "whitespace inside ttl" : "unexpected character '" + c + "'";
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
