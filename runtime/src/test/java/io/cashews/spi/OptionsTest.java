package io.cashews.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void mapValuesOverrideUrlValues() {
        Options options = Options.merge(CacheUrl.parse("mem://?size=10&check_interval=1"), Map.of("size", 20));
        assertThat(options.getLong("size", 0, 1)).isEqualTo(20);
        assertThat(options.getDuration("check_interval", Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void booleans() {
        Options options = Options.of(Map.of("a", "TRUE", "b", "0", "c", true, "d", "yes"));
        assertThat(options.getBoolean("a", false)).isTrue();
        assertThat(options.getBoolean("b", true)).isFalse();
        assertThat(options.getBoolean("c", false)).isTrue();
        assertThat(options.getBoolean("missing", true)).isTrue();
        assertThatThrownBy(() -> options.getBoolean("d", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'d'").hasMessageContaining("yes");
    }

    @Test
    void numbers() {
        Options options = Options.of(Map.of("a", "12", "b", 7, "c", "1.5", "d", "-3", "e", "99999999999"));
        assertThat(options.getInt("a", 0, 0)).isEqualTo(12);
        assertThat(options.getLong("b", 0, 0)).isEqualTo(7);
        assertThat(options.getDouble("c", 0)).isEqualTo(1.5);
        assertThatThrownBy(() -> options.getInt("c", 0, 0)).hasMessageContaining("'c'").hasMessageContaining("whole number");
        assertThatThrownBy(() -> options.getLong("d", 0, 0)).hasMessageContaining("'d'").hasMessageContaining("at least 0");
        assertThatThrownBy(() -> options.getInt("e", 0, 0)).hasMessageContaining("'e'");
    }

    @Test
    void durations() {
        Options options = Options.of(Map.of("a", "500ms", "b", "2", "c", 0.25, "d", Duration.ofMinutes(1), "e", "soon", "f", "-1"));
        assertThat(options.getDuration("a", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(options.getDuration("b", Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.getDuration("c", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(options.getDuration("d", Duration.ZERO)).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> options.getDuration("e", Duration.ZERO)).hasMessageContaining("'e'");
        assertThatThrownBy(() -> options.getDuration("f", Duration.ZERO)).hasMessageContaining("'f'");
    }

    @Test
    void choicesAndStrings() {
        Options options = Options.of(Map.of("digestmod", "SHA256", "bad", "crc"));
        assertThat(options.getChoice("digestmod", "md5", "md5", "sha1", "sha256")).isEqualTo("sha256");
        assertThat(options.getChoice("missing", "md5", "md5")).isEqualTo("md5");
        assertThat(options.getString("bad", null)).isEqualTo("crc");
        assertThatThrownBy(() -> options.getChoice("bad", "md5", "md5", "sha1"))
                .hasMessageContaining("'bad'").hasMessageContaining("md5, sha1");
    }

    @Test
    void unknownOptionsAreNamed() {
        Options options = Options.of(Map.of("size", 1, "sise", 2));
        assertThatThrownBy(() -> options.requireKnown(Set.of("size"), "mem://"))
                .hasMessageContaining("'sise'").hasMessageContaining("mem://").hasMessageContaining("size");
    }

    @Test
    void nullValuesAreRejected() {
        Map<String, Object> values = new HashMap<>();
        values.put("size", null);
        assertThatThrownBy(() -> Options.of(values)).hasMessageContaining("'size'");
    }
}
