package io.cashews.sample.boot4;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.Exist;
import io.cashews.Scope;
import io.cashews.codec.ValueType;
import io.cashews.redis.TestRedis;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * cashews-runtime-redis (built against Lettuce 7) on the Lettuce that Boot 4's BOM puts on the class
 * path instead, on a real Redis: the commands the backend sends, the Lua scripts behind locks and
 * conditional writes (the client-side cache: {@code io.cashews.redis.ClientSideOnBoot4LettuceTest}).
 */
class RuntimeRedisOnBoot4LettuceTest {

    private static final String OPTIONS = "?suppress=false&socket_timeout=10";

    private Cashews cache;

    @BeforeEach
    void open() {
        cache = Cashews.create(TestRedis.url(2) + OPTIONS);
        cache.clear();
    }

    @AfterEach
    void close() {
        cache.close();
    }

    @Test
    void commandsAndScriptsRunOnThisLettuce() {
        assertThat(cache.set("user:1", "ann", Duration.ofMinutes(5))).isTrue();
        assertThat(cache.set("user:1", "bob", Duration.ofMinutes(5), Exist.ABSENT)).isFalse();
        assertThat(cache.<String>get("user:1")).isEqualTo("ann");
        assertThat(cache.getExpire("user:1")).isBetween(290L, 300L);

        Map<String, Object> many = new LinkedHashMap<>();
        many.put("user:2", "cid");
        many.put("user:3", 3);
        cache.setMany(many, Duration.ofMinutes(1));
        assertThat(cache.getMany("user:1", "user:2", "user:3", "user:4")).containsExactly("ann", "cid", 3, null);
        assertThat(cache.scan("user:*").sorted().toList()).containsExactly("user:1", "user:2", "user:3");

        assertThat(cache.incr("hits")).isEqualTo(1L);
        assertThat(cache.incr("hits", 41, Duration.ofMinutes(1))).isEqualTo(42L);
        assertThat(cache.expire("hits", Duration.ofSeconds(30))).isTrue();
        assertThat(cache.getExpire("hits")).isBetween(25L, 30L);

        assertThat(cache.setAdd("tags", null, "a", "b", "c")).isEqualTo(3L);
        assertThat(cache.setMembers("tags")).containsExactlyInAnyOrder("a", "b", "c");

        assertThat(cache.deleteMatch("user:*")).isEqualTo(3L);
        assertThat(cache.exists("user:1")).isFalse();
    }

    @Test
    void locksAreTakenAndReleasedOnThisLettuce() {
        try (Scope held = cache.lock("lock:report", Duration.ofSeconds(30))) {
            assertThat(cache.isLocked("lock:report")).isTrue();
            assertThat(cache.setLock("lock:report", "other", Duration.ofSeconds(30))).isFalse();
        }
        assertThat(cache.isLocked("lock:report")).isFalse();
        assertThat(cache.setLock("lock:report", "mine", Duration.ofSeconds(30))).isTrue();
        assertThat(cache.unlock("lock:report", "other")).isFalse();
        assertThat(cache.unlock("lock:report", "mine")).isTrue();
    }

    /** A value stored as JSON. */
    record Order(String id, int quantity) {
    }

    @Test
    void jsonValuesOnTheJackson2ThatBoot4Manages() {
        try (Cashews json = Cashews.create(TestRedis.url(2) + OPTIONS + "&serializer=json")) {
            assertThat(json.set("orders:1", new Order("tea", 3), Duration.ofMinutes(1))).isTrue();
            assertThat(json.getAs("orders:1", ValueType.of(Order.class))).isEqualTo(new Order("tea", 3));
            String jar = com.fasterxml.jackson.databind.ObjectMapper.class.getProtectionDomain().getCodeSource().getLocation().getPath();
            assertThat(jar).endsWith("/jackson-databind-" + System.getProperty("boot.jackson2.version") + ".jar");
        }
    }
}
