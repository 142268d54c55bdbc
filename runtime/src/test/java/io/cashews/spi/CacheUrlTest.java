package io.cashews.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheUrlTest {

    @Test
    void parsesMemoryUrlWithOptions() {
        CacheUrl url = CacheUrl.parse("mem://?size=1000&check_interval=1");
        assertThat(url.scheme()).isEqualTo("mem");
        assertThat(url.authority()).isEmpty();
        assertThat(url.query()).containsExactly(Map.entry("size", "1000"), Map.entry("check_interval", "1"));
    }

    @Test
    void parsesRedisUrlParts() {
        CacheUrl url = CacheUrl.parse("REDIS://user:secret@host:6380/2?suppress=false&Client_Side=1");
        assertThat(url.scheme()).isEqualTo("redis");
        assertThat(url.address()).isEqualTo("REDIS://user:secret@host:6380/2");
        assertThat(url.authority()).isEqualTo("user:secret@host:6380");
        assertThat(url.path()).isEqualTo("/2");
        assertThat(url.query()).containsEntry("suppress", "false").containsEntry("client_side", "1");
        assertThat(url.toString()).doesNotContain("secret").contains("***");
    }

    @Test
    void decodesPercentEncodingAndKeepsEmptyValues() {
        CacheUrl url = CacheUrl.parse("disk://?directory=%2Ftmp%2Fcache&flag");
        assertThat(url.query()).containsEntry("directory", "/tmp/cache").containsEntry("flag", "");
    }

    @Test
    void rejectsMalformedUrls() {
        assertThatThrownBy(() -> CacheUrl.parse("mem")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"mem\"");
        assertThatThrownBy(() -> CacheUrl.parse("://x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CacheUrl.parse("m_m://")).hasMessageContaining("m_m");
        assertThatThrownBy(() -> CacheUrl.parse("mem://#frag")).hasMessageContaining("fragment");
        assertThatThrownBy(() -> CacheUrl.parse("mem://?size=1&size=2")).hasMessageContaining("'size'");
        assertThatThrownBy(() -> CacheUrl.parse("mem://?=1")).hasMessageContaining("without a name");
        assertThatThrownBy(() -> CacheUrl.parse("mem://?a=%zz")).hasMessageContaining("%zz");
    }

    @Test
    void errorMessagesNeverShowPasswords() {
        assertThatThrownBy(() -> CacheUrl.parse("redis://u:topsecret@h/0?a=1&a=2"))
                .hasMessageNotContaining("topsecret");
    }
}
