package io.cashews.processor.ttl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TtlParserTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" = {1} ms")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock = """
            "600"          | 600000
            "0"            | 0
            "000"          | 0
            "1"            | 1000
            "1d2h3m50s"    | 93830000
            "10m1s"        | 601000
            "1h30m"        | 5400000
            "250ms"        | 250
            "1s250ms"      | 1250
            "2H"           | 7200000
            "3D"           | 259200000
            "5M"           | 300000
            "7S"           | 7000
            "9MS"          | 9
            "9Ms"          | 9
            "9mS"          | 9
            "0s"           | 0
            "0d0h0m0s0ms"  | 0
            "30s1h"        | 3630000
            "1m1m"         | 120000
            "  10m  "      | 600000
            "\t42\n"       | 42000
            "007s"         | 7000
            """)
    void parsesValidTtls(String ttl, long millis) throws TtlSyntaxException {
        assertThat(TtlParser.parseMillis(ttl.replace("\\t", "\t").replace("\\n", "\n"))).isEqualTo(millis);
    }

    @Test
    void largestValues() throws TtlSyntaxException {
        assertThat(TtlParser.parseMillis(Long.MAX_VALUE + "ms")).isEqualTo(Long.MAX_VALUE);
        assertThat(TtlParser.parseMillis(Long.MAX_VALUE / 1000 + "")).isEqualTo(Long.MAX_VALUE / 1000 * 1000);
        assertThat(TtlParser.parseMillis("106751991167d")).isEqualTo(106_751_991_167L * 86_400_000L);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" fails at {1}: {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            textBlock = """
            ""                       | 0  | empty ttl
            "   "                    | 0  | empty ttl
            "1m10"                   | 2  | missing unit after '10'
            "1h30m15"                | 5  | missing unit after '15'
            "  1m10 "                | 4  | missing unit after '10'
            "10x"                    | 2  | unknown unit 'x'
            "10min"                  | 2  | unknown unit 'min'
            "1hm"                    | 1  | unknown unit 'hm'
            "5mss"                   | 1  | unknown unit 'mss'
            "1h2w"                   | 3  | unknown unit 'w'
            "m"                      | 0  | missing number before unit
            "1hm5"                   | 1  | unknown unit 'hm'
            "1h m"                   | 2  | whitespace inside ttl
            "1 h"                    | 1  | whitespace inside ttl
            "1.5h"                   | 1  | unexpected character '.'
            "-5"                     | 0  | unexpected character '-'
            "+5s"                    | 0  | unexpected character '+'
            "5s-"                    | 2  | unexpected character '-'
            "1h,2m"                  | 2  | unexpected character ','
            "1hh"                    | 1  | unknown unit 'hh'
            "1h5"                    | 2  | missing unit after '5'
            "١٢s"                    | 0  | unexpected character '١'
            "5sé"                    | 2  | unexpected character 'é'
            "9223372036854775808ms"  | 0  | ttl too large
            "99999999999999999999"   | 0  | ttl too large
            "9223372036854776"       | 0  | ttl too large
            "106751991168d"          | 0  | ttl too large
            "1s9223372036854775807ms"| 2  | ttl too large
            " 1s9223372036854775807ms"| 3 | ttl too large
            """)
    void rejectsBadTtlsWithOffset(String ttl, int offset, String message) {
        assertThatThrownBy(() -> TtlParser.parseMillis(ttl))
                .isInstanceOfSatisfying(TtlSyntaxException.class, e -> {
                    assertThat(e.getMessage()).startsWith(message);
                    assertThat(e.offset()).isEqualTo(offset);
                });
    }

    @Test
    void unknownUnitMessageListsTheUnits() {
        assertThatThrownBy(() -> TtlParser.parseMillis("3y"))
                .hasMessage("unknown unit 'y' (use d, h, m, s or ms)");
    }
}
