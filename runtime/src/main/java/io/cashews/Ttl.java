package io.cashews;

import java.time.Duration;
import java.util.Objects;

/**
 * The TTL syntax shared by annotations and the runtime API: a whole number of seconds
 * ({@code "600"}), or one or more number-unit pairs with the units {@code d}, {@code h},
 * {@code m}, {@code s} and {@code ms} ({@code "1d2h3m50s"}, {@code "500ms"}, {@code "1m30s"}).
 */
public final class Ttl {

    private Ttl() {
    }

    /**
     * Parses a TTL string.
     *
     * @param text the TTL as written, for example {@code "10m"}
     * @return the duration, never negative (zero only for texts such as {@code "0"} or {@code "0s"})
     * @throws IllegalArgumentException if {@code text} is empty, has an unknown unit, a number
     *     without a unit after another pair, or does not fit in a {@link Duration}; the message
     *     quotes the text
     * @throws NullPointerException if {@code text} is null
     */
    public static Duration parse(String text) {
        Objects.requireNonNull(text, "ttl");
        int length = text.length();
        if (length == 0) {
            throw bad(text, "it is empty");
        }
        if (allDigits(text)) {
            return Duration.ofSeconds(number(text, 0, length));
        }
        long nanos = 0;
        int i = 0;
        while (i < length) {
            int start = i;
            while (i < length && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw bad(text, "expected a number at position " + start);
            }
            long amount = number(text, start, i);
            if (i == length) {
                throw bad(text, "the number at position " + start + " has no unit (d, h, m, s or ms)");
            }
            long unitNanos;
            char unit = text.charAt(i);
            if (unit == 'm' && i + 1 < length && text.charAt(i + 1) == 's') {
                unitNanos = 1_000_000L;
                i += 2;
            } else {
                unitNanos = switch (unit) {
                    case 'd' -> 86_400_000_000_000L;
                    case 'h' -> 3_600_000_000_000L;
                    case 'm' -> 60_000_000_000L;
                    case 's' -> 1_000_000_000L;
                    default -> throw bad(text, "unknown unit '" + unit + "' at position " + i
                            + " (use d, h, m, s or ms)");
                };
                i++;
            }
            try {
                nanos = Math.addExact(nanos, Math.multiplyExact(amount, unitNanos));
            } catch (ArithmeticException e) {
                throw bad(text, "it is too long");
            }
        }
        return Duration.ofNanos(nanos);
    }

    private static long number(String text, int from, int to) {
        if (to - from > 18) {
            throw bad(text, "it is too long");
        }
        return Long.parseLong(text, from, to, 10);
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("invalid TTL \"" + text + "\": " + why
                + "; write whole seconds (\"600\") or units d, h, m, s, ms (\"1h30m\", \"500ms\")");
    }
}
