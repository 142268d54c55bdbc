package io.cashews.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.CacheBackendInteractionException;
import io.cashews.Cashews;
import io.cashews.codec.ValueTypes;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The URL and the options: every mistake is named at setup, every option has its effect. */
class RedisOptionsTest {

    private static final String URL = TestRedis.url(3);

    static void setupFails(String url, String... fragments) {
        try (Cashews cashews = new Cashews()) {
            var thrown = assertThatThrownBy(() -> cashews.setup(url)).isInstanceOf(IllegalArgumentException.class);
            for (String fragment : fragments) {
                thrown.hasMessageContaining(fragment);
            }
        }
    }

    @Test
    void unknownOptionIsNamedWithAHint() {
        setupFails(URL + "?supress=false", "supress", "suppress");
    }

    @Test
    void illTypedOptionsAreNamed() {
        setupFails(URL + "?suppress=maybe", "suppress");
        setupFails(URL + "?socket_timeout=soon", "socket_timeout");
        setupFails(URL + "?socket_connect_timeout=0", "socket_connect_timeout");
        setupFails(URL + "?client_side_size=0", "client_side_size");
        setupFails(URL + "?digestmod=sha1", "digestmod", "secret");
        setupFails(URL + "?secret=x&digestmod=crc", "digestmod", "crc");
        setupFails(URL + "?serializer=pickle", "serializer");
        setupFails(URL + "?compress_type=lz4", "compress_type");
    }

    @Test
    void malformedUrlsAreNamed() {
        setupFails("redis://localhost:99999", "99999");
        setupFails("redis://localhost:6379/zero", "/zero");
        setupFails("redis://a:1,b:2", "cluster=true");
        setupFails("redis://localhost?ssl_ca_certs=/tmp/x", "ssl_ca_certs", "rediss");
        setupFails("rediss://localhost?ssl_certfile=/does/not/exist", "ssl_certfile");
    }

    // Issue 21: a traditional key ("openssl rsa -traditional", many older setups) failed only at
    // connect time with "Unable to connect", the cause in a Netty log line.
    @Test
    void pkcs1ClientKeyFailsAtSetupNamingTheFormatAndTheConversion() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
        // A 2048-bit RSA PrivateKeyInfo is a 26-byte header (version, algorithm, octet string) around the PKCS#1 key.
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
        Path dir = Files.createTempDirectory("cashews-pkcs1");
        Path key = dir.resolve("client.key");
        Files.writeString(key, "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs1)
                + "\n-----END RSA PRIVATE KEY-----\n");
        Path cert = Files.writeString(dir.resolve("client.crt"), "not read before the key is checked");
        setupFails("rediss://localhost?ssl_certfile=" + cert + "&ssl_keyfile=" + key,
                "ssl_keyfile", "PKCS#1", "BEGIN RSA PRIVATE KEY", "PKCS#8", "openssl pkcs8 -topk8");
    }

    @Test
    void databaseClientNameAndCredentialsReachTheServer() {
        try (Cashews cashews = new Cashews(); TestRedis.Raw raw = TestRedis.raw(URL)) {
            cashews.setup(URL + "?client_name=orders-service");
            cashews.set("db-check", "v");
            assertThat(raw.sync().exists("db-check")).isEqualTo(1L);
            assertThat(raw.sync().clientList()).contains("name=orders-service");
        }
    }

    @Test
    void connectionsOpensThatManyConnectionsAndSpreadsKeysOverThem() {
        String name = "spread-" + Long.toHexString(System.nanoTime());
        try (Cashews cashews = new Cashews(); TestRedis.Raw raw = TestRedis.raw(URL)) {
            cashews.setup(URL + "?connections=3&client_name=" + name);
            assertThat(raw.sync().clientList().split("\n")).filteredOn(line -> line.contains("name=" + name + " ")).hasSize(3);
            // Keys land on every connection, and each key always on the same one.
            java.util.Set<Integer> used = new java.util.HashSet<>();
            for (int i = 0; i < 100; i++) {
                assertThat(RedisConnector.index("k" + i, 3)).isEqualTo(RedisConnector.index("k" + i, 3));
                used.add(RedisConnector.index("k" + i, 3));
            }
            assertThat(used).containsExactlyInAnyOrder(0, 1, 2);
            cashews.set("spread:a", "1");
            assertThat(cashews.<String>get("spread:a")).isEqualTo("1");
        }
    }

    @Test
    void commandsOnOneKeyKeepTheirOrderAcrossConnections() {
        // Pipelined without waiting: a write followed by a read of the same key must see the write.
        try (Cashews cashews = new Cashews()) {
            cashews.setup(URL + "?connections=4");
            List<java.util.concurrent.CompletableFuture<Object>> reads = new java.util.ArrayList<>();
            for (int round = 0; round < 50; round++) {
                for (int k = 0; k < 20; k++) {
                    String key = "order:" + k;
                    cashews.async().set(key, round, Duration.ofMinutes(1));
                    reads.add(cashews.async().get(key));
                }
            }
            for (int round = 0; round < 50; round++) {
                for (int k = 0; k < 20; k++) {
                    assertThat(reads.get(round * 20 + k).join()).as("read of order:%d in round %d", k, round).isEqualTo(round);
                }
            }
        }
    }

    @Test
    void badConnectionCountsAreNamed() {
        setupFails(URL + "?connections=0", "connections");
        setupFails(URL + "?connections=65", "connections", "64");
        setupFails(URL + "?connections=2&client_side=true", "connections=2", "client_side=true", "tracking connection");
    }

    /** A cached value type, registered as generated proxies will register it. */
    record Order(String id, List<String> lines) implements Serializable {
    }

    @Test
    void compressionAppliesToStoredValues() {
        ValueTypes.allow(Order.class);
        Order order = new Order("o-1", List.of("x".repeat(3000), "y"));
        try (Cashews cashews = new Cashews(); TestRedis.Raw raw = TestRedis.raw(URL)) {
            cashews.setup(URL + "?compress_type=gzip&compress_min_size=100");
            cashews.set("order", order);
            byte[] stored = raw.sync().get("order");
            assertThat(stored.length).isLessThan(400);
            assertThat(stored[0] & 0xff).as("gzip magic").isEqualTo(0x1f);
            assertThat(cashews.<Order>get("order")).isEqualTo(order);
            cashews.set("small", "tiny");
            assertThat(new String(raw.sync().get("small"), StandardCharsets.UTF_8)).isEqualTo("Stiny");
        }
    }

    @Test
    void optionalLibrariesThatAreMissingAreNamedAtSetup() {
        // This module does not depend on zstd-jni: exactly the situation of an application that
        // asks for it without adding it.
        setupFails(URL + "?compress_type=zstd", "compress_type=zstd", "com.github.luben:zstd-jni");
    }

    @Test
    void rawValuesBypassTheCodec() {
        try (Cashews cashews = new Cashews(); TestRedis.Raw raw = TestRedis.raw(URL)) {
            cashews.setup(URL);
            cashews.setRaw("raw:text", "plain text");
            cashews.setRaw("raw:bytes", new byte[] {(byte) 0xff, 0, 1});
            assertThat(new String(raw.sync().get("raw:text"), StandardCharsets.UTF_8)).isEqualTo("plain text");
            assertThat(cashews.<String>getRaw("raw:text")).isEqualTo("plain text");
            assertThat(cashews.<byte[]>getRaw("raw:bytes")).containsExactly((byte) 0xff, 0, 1);
        }
    }

    @Test
    void wrongPasswordFailsWithSuppressFalse() {
        try (Cashews cashews = new Cashews()) {
            String withPassword = URL.replace("redis://", "redis://nobody:wrong@");
            assertThatThrownBy(() -> cashews.setup(withPassword + "?suppress=false"))
                    .isInstanceOf(CacheBackendInteractionException.class).hasMessageNotContaining("wrong");
        }
    }

    @Test
    void deadServerWithSuppressFalseFailsTheSetupFast() throws IOException {
        String dead = "redis://127.0.0.1:" + RedisProcess.freePort();
        try (Cashews cashews = new Cashews()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> cashews.setup(dead, Map.of("suppress", false, "socket_connect_timeout", "300ms")))
                    .isInstanceOf(CacheBackendInteractionException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void deadClusterSeedsWithSuppressReadAsEmpty() throws IOException {
        String dead = "redis://127.0.0.1:" + RedisProcess.freePort() + ",127.0.0.1:" + RedisProcess.freePort()
                + "?cluster=true&socket_connect_timeout=0.3";
        try (Cashews cashews = new Cashews()) {
            cashews.setup(dead);
            assertThat(cashews.<Object>get("k")).isNull();
            assertThat(cashews.set("k", "v")).isFalse();
        }
        try (Cashews cashews = new Cashews()) {
            assertThatThrownBy(() -> cashews.setup(dead + "&suppress=false")).isInstanceOf(CacheBackendInteractionException.class);
        }
    }

    @Test
    void deadServerWithSuppressReadsAsEmptyAndFailsFast() throws IOException {
        String dead = "redis://127.0.0.1:" + RedisProcess.freePort();
        try (Cashews cashews = new Cashews()) {
            cashews.setup(dead + "?socket_connect_timeout=0.3");
            long start = System.nanoTime();
            assertThat(cashews.<Object>get("k")).isNull();
            assertThat(cashews.set("k", "v")).isFalse();
            assertThat(cashews.incr("n")).isZero();
            assertThat(cashews.exists("k")).isFalse();
            assertThat(cashews.getMany("a", "b")).containsExactly(null, null);
            assertThat(cashews.scan("*")).isEmpty();
            assertThat(cashews.getExpire("k")).isEqualTo(-2);
            assertThat(cashews.delete("k")).isFalse();
            assertThat(cashews.getKeysCount()).isZero();
            // A lock on a dead Redis fails open instead of spinning.
            try (var lock = cashews.lock("l", Duration.ofSeconds(1))) {
                assertThat(lock).isNotNull();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThatThrownBy(cashews::ping).isInstanceOf(CacheBackendInteractionException.class);
        }
    }
}
