package io.cashews.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.codec.ValueCodec;
import io.cashews.spi.Options;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyCodecTest {

    record Point(int x, String label) implements Serializable {
    }

    private final KeyCodec codec = new KeyCodec("users", ValueCodec.of(Options.of(Map.of("serializer_allow", "io.cashews.jcache.**"))));

    @Test
    void everyKindOfKeyReadsBackAsItself() {
        for (Object key : List.of("plain", "a:b", "*", "back\\slash", "[x]?", "null", "", 42L, -7L, 3, new Point(1, "a:*"))) {
            String stored = codec.encode(key);
            assertThat(stored).startsWith("users:");
            assertThat(codec.decode(stored)).as(stored).isEqualTo(key);
            assertThat(codec.all().matches(stored)).as(stored).isTrue();
        }
    }

    @Test
    void kindsDoNotCollide() {
        assertThat(codec.encode("1")).isNotEqualTo(codec.encode(1L)).isNotEqualTo(codec.encode(1));
        assertThat(codec.encode(1L)).isNotEqualTo(codec.encode(1));
    }

    @Test
    void hostileKeysStayInsideTheirCache() {
        // a key with ':' or '*' never reaches into another cache's glob, nor a cache name into another's
        KeyCodec star = new KeyCodec("u*", ValueCodec.of(Options.of(Map.of())));
        KeyCodec colon = new KeyCodec("users:x", ValueCodec.of(Options.of(Map.of())));
        assertThat(star.all().matches(codec.encode("a"))).isFalse();
        assertThat(codec.all().matches(colon.encode("a"))).isFalse();
        assertThat(colon.all().matches(codec.encode("x:a"))).isFalse();
        assertThat(codec.decode(colon.encode("a"))).isNull();
    }

    @Test
    void foreignKeysDecodeToNothing() {
        assertThat(codec.decode("users:")).isNull();
        assertThat(codec.decode("users:lnot-a-number")).isNull();
        assertThat(codec.decode("users:j%%%")).isNull();
        assertThat(codec.decode("users:zwhat")).isNull();
        assertThat(codec.decode("other:sfoo")).isNull();
    }
}
