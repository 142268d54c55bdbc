package io.cashews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.spi.Backend;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try") // scopes are opened for their effect, not referenced
class RoutingTest {

    private Cashews cache;
    private Backend fallback;
    private Backend users;
    private Backend admins;

    @BeforeEach
    void setUp() {
        cache = Cashews.builder().executor(Runnable::run).build();
        fallback = cache.setup("mem://?check_interval=0");
        users = cache.setup("mem://?check_interval=0", "user:");
        admins = cache.setup("mem://?check_interval=0", "user:admin:");
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    @Test
    void longestPrefixWins() {
        cache.set("user:admin:1", "a");
        cache.set("user:1", "u");
        cache.set("item:1", "i");
        assertThat(admins.get("user:admin:1")).isEqualTo("a");
        assertThat(users.get("user:admin:1")).isNull();
        assertThat(users.get("user:1")).isEqualTo("u");
        assertThat(fallback.get("item:1")).isEqualTo("i");
        assertThat(fallback.get("user:1")).isNull();
        assertThat(cache.<Object>get("user:admin:1")).isEqualTo("a");
    }

    @Test
    void noMatchWithoutDefaultIsNotConfigured() {
        Cashews only = Cashews.builder().build();
        only.setup("mem://", "user:");
        assertThatThrownBy(() -> only.get("item:1")).isInstanceOf(NotConfiguredException.class)
                .hasMessageContaining("item:1").hasMessageContaining("\"user:\"");
        only.close();
    }

    @Test
    void multiKeyCommandsGroupByBackendAndStayPositional() {
        Map<String, Object> pairs = new LinkedHashMap<>();
        pairs.put("user:1", "u1");
        pairs.put("item:1", "i1");
        pairs.put("user:admin:1", "a1");
        pairs.put("user:2", "u2");
        cache.setMany(pairs, Duration.ofMinutes(1));
        assertThat(users.getKeysCount()).isEqualTo(2);
        assertThat(cache.getMany("user:2", "item:1", "nope", "user:admin:1", "user:1"))
                .containsExactly("u2", "i1", null, "a1", "u1");
        assertThat(cache.deleteMany("user:2", "item:1", "user:admin:1", "nope")).isEqualTo(3);
        assertThat(cache.getKeysCount()).isEqualTo(1);
    }

    @Test
    void asyncMultiKeyCommandsStayPositional() throws Exception {
        cache.set("user:1", "u1");
        cache.set("item:1", "i1");
        cache.set("user:admin:1", "a1");
        assertThat(cache.async().getMany("item:1", "user:admin:1", "user:1").get(5, TimeUnit.SECONDS))
                .containsExactly("i1", "a1", "u1");
        assertThat(cache.async().getKeysCount().get(5, TimeUnit.SECONDS)).isEqualTo(3);
    }

    @Test
    void patternsCoverEveryBackendTheyCanMatch() {
        cache.set("user:1", "u1");
        cache.set("user:admin:1", "a1");
        cache.set("item:1", "i1");
        assertThat(cache.scan("*").sorted().collect(Collectors.toList()))
                .containsExactly("item:1", "user:1", "user:admin:1");
        assertThat(cache.scan("user:*").sorted().collect(Collectors.toList()))
                .containsExactly("user:1", "user:admin:1");
        assertThat(cache.getMatch("*:1").count()).isEqualTo(3);
        assertThat(cache.deleteMatch("user:*")).isEqualTo(2);
        assertThat(cache.getKeysCount()).isEqualTo(1);
    }

    @Test
    void keysStoredDirectlyInTheWrongBackendAreNotReportedTwice() {
        // Written behind the facade's back: the default backend holds a key that routes elsewhere.
        fallback.set("user:9", "stray", null, Exist.ANY);
        cache.set("user:9", "routed");
        assertThat(cache.scan("user:*").collect(Collectors.toList())).containsExactly("user:9");
        assertThat(cache.getMatch("user:*").map(Map.Entry::getValue).collect(Collectors.toList()))
                .containsExactly("routed");
    }

    @Test
    void aBoundedScanFillsItsLimitAcrossBackendsAndPastStrayKeys() {
        for (int i = 0; i < 3; i++) {
            cache.set("user:" + i, "u");
            cache.set("user:admin:" + i, "a");
            cache.set("item:" + i, "i");
        }
        assertThat(cache.scan("*", 100).sorted().collect(Collectors.toList())).hasSize(9);
        assertThat(cache.scan("*", 7).collect(Collectors.toList())).hasSize(7).doesNotHaveDuplicates();
        assertThat(cache.scan("user:*", 4).collect(Collectors.toList())).hasSize(4)
                .allMatch(key -> key.startsWith("user:"));

        // The default backend holds 20 keys of the user: route behind the facade's back, and one
        // of its own: its first answers are all stray, so it is asked again for more.
        for (int i = 0; i < 20; i++) {
            fallback.set("user:stray:" + i, "stray", null, Exist.ANY);
        }
        assertThat(cache.scan("*", 100).collect(Collectors.toList())).hasSize(9);
        assertThat(cache.scan("item:*", 3).sorted().collect(Collectors.toList()))
                .containsExactly("item:0", "item:1", "item:2");
        cache.delete("user:0");
        cache.delete("user:1");
        cache.delete("user:2");
        cache.delete("user:admin:0");
        cache.delete("user:admin:1");
        cache.delete("user:admin:2");
        assertThat(cache.scan("*", 2).sorted().collect(Collectors.toList())).hasSize(2)
                .allMatch(key -> key.startsWith("item:"));
    }

    @Test
    void clearAndKeysCountCoverAllBackends() {
        cache.set("user:1", 1);
        cache.set("user:admin:1", 1);
        cache.set("x", 1);
        assertThat(cache.getKeysCount()).isEqualTo(3);
        cache.clear();
        assertThat(cache.getKeysCount()).isZero();
        assertThat(cache.ping()).isEqualTo("PONG");
    }

    @Test
    void backendDisabledByOptionOnlyAffectsItsPrefix() {
        cache.setup("mem://?disable=1", "off:");
        assertThat(cache.set("off:1", "v")).isFalse();
        assertThat(cache.set("on:1", "v")).isTrue();
        assertThat(cache.getMany("off:1", "on:1")).containsExactly(null, "v");
    }
}
