package io.cashews.processor.ttl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Random TTL strings with fixed seeds: the parser either returns the value an independent
 * reference computes or throws {@link TtlSyntaxException} exactly when the reference rejects.
 */
class TtlParserFuzzTest {

    private static final String ALPHABET = "0123456789dhmsDHMSxms .-+\t9";
    private static final Pattern SECONDS = Pattern.compile("[0-9]+");
    private static final Pattern GROUPS = Pattern.compile("([0-9]+(?i:ms|d|h|m|s))+");
    private static final Pattern GROUP = Pattern.compile("([0-9]+)([a-zA-Z]+)");
    private static final String[] UNITS = {"d", "h", "m", "s", "ms", "D", "H", "M", "S", "MS", "mS"};

    @Test
    void randomStringsAgreeWithAReferenceParser() {
        Random random = new Random(0x771_0001L);
        int parsed = 0;
        for (int i = 0; i < 150_000; i++) {
            int length = random.nextInt(12);
            StringBuilder ttl = new StringBuilder(length);
            for (int j = 0; j < length; j++) {
                ttl.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            if (check(ttl.toString())) {
                parsed++;
            }
        }
        assertThat(parsed).isGreaterThan(1_000);
    }

    @Test
    void generatedAndMutatedTtlsAgreeWithAReferenceParser() {
        Random random = new Random(0x771_0002L);
        int parsed = 0;
        int failed = 0;
        for (int i = 0; i < 60_000; i++) {
            StringBuilder ttl = new StringBuilder();
            int groups = 1 + random.nextInt(4);
            for (int g = 0; g < groups; g++) {
                // Occasionally huge numbers, to reach the overflow checks.
                ttl.append(random.nextInt(20) == 0 ? Long.toString(random.nextLong() & Long.MAX_VALUE) : random.nextInt(1000));
                ttl.append(UNITS[random.nextInt(UNITS.length)]);
            }
            if (random.nextBoolean()) {
                int at = random.nextInt(ttl.length() + 1);
                int kind = random.nextInt(3);
                char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                if (kind == 0) {
                    ttl.insert(at, c);
                } else if (at < ttl.length()) {
                    if (kind == 1) {
                        ttl.deleteCharAt(at);
                    } else {
                        ttl.setCharAt(at, c);
                    }
                }
            }
            if (check(ttl.toString())) {
                parsed++;
            } else {
                failed++;
            }
        }
        assertThat(parsed).isGreaterThan(1_000);
        assertThat(failed).isGreaterThan(1_000);
    }

    private static boolean check(String ttl) {
        BigInteger expected = reference(ttl);
        long actual;
        try {
            actual = TtlParser.parseMillis(ttl);
        } catch (TtlSyntaxException e) {
            if (expected != null) {
                fail("\"%s\" rejected (%s at %d) but is %s ms", ttl, e.getMessage(), e.offset(), expected);
            }
            if (e.offset() < 0 || (e.offset() >= ttl.length() && !ttl.isEmpty())) {
                fail("offset %d outside \"%s\"", e.offset(), ttl);
            }
            return false;
        } catch (RuntimeException e) {
            throw new AssertionError("parseMillis(\"" + ttl + "\") threw " + e, e);
        }
        if (expected == null || !expected.equals(BigInteger.valueOf(actual))) {
            fail("\"%s\" parsed to %d, reference says %s", ttl, actual, expected);
        }
        return true;
    }

    /**
     * An independent reading of SPEC §6 with regular expressions and unbounded arithmetic:
     * {@code null} when the string is not a TTL or does not fit a long.
     */
    private static @Nullable BigInteger reference(String ttl) {
        String s = ttl.strip();
        BigInteger total;
        if (SECONDS.matcher(s).matches()) {
            total = new BigInteger(s).multiply(BigInteger.valueOf(1000));
        } else if (GROUPS.matcher(s).matches()) {
            total = BigInteger.ZERO;
            Matcher m = GROUP.matcher(s);
            while (m.find()) {
                long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                    case "d" -> 86_400_000L;
                    case "h" -> 3_600_000L;
                    case "m" -> 60_000L;
                    case "s" -> 1_000L;
                    case "ms" -> 1L;
                    default -> throw new AssertionError(m.group(2));
                };
                BigInteger part = new BigInteger(m.group(1)).multiply(BigInteger.valueOf(unit));
                if (part.bitLength() > 63) {
                    return null; // one group alone overflows
                }
                total = total.add(part);
                if (total.bitLength() > 63) {
                    return null;
                }
            }
        } else {
            return null;
        }
        return total.bitLength() > 63 ? null : total;
    }
}
