package io.cashews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TtlTest {

    @ParameterizedTest
    @CsvSource({
        "600, PT10M",
        "0, PT0S",
        "1d2h3m50s, PT26H3M50S",
        "500ms, PT0.5S",
        "1m30s, PT1M30S",
        "2h, PT2H",
        "1s500ms, PT1.5S",
        "3d, PT72H",
        "10m, PT10M"
    })
    void parsesValidTtls(String text, Duration expected) {
        assertThat(Ttl.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10x", "m", "1h30", "-5", "1.5h", " 10", "10 ", "1hh", "99999999999999999999", "9999999999d"})
    void rejectsInvalidTtlsQuotingThem(String text) {
        assertThatThrownBy(() -> Ttl.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"");
    }
}
