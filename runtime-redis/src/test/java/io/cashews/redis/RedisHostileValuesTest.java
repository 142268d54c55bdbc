package io.cashews.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cashews.Cashews;
import io.cashews.codec.HostilePayloads;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Values planted raw in a real Redis by a writer without the secret: read through the facade,
 * through client-side copies and through generated proxies, each is a miss that returns
 * promptly, and a proxy recomputes and replaces it. No read throws into business code, and the
 * backend keeps serving (a bad value is not taken for a Redis failure).
 */
class RedisHostileValuesTest {

    private static final String URL = TestRedis.url(8);
    // A hang guard, not a timing bar: without the bounds the worst of these takes minutes.
    private static final Duration PROMPTLY = Duration.ofSeconds(20);

    private TestRedis.Raw raw;
    private Cashews plain;
    private Cashews clientSide;
    private Cashews json;

    @BeforeEach
    void open() {
        raw = TestRedis.raw(URL);
        raw.sync().flushdb();
        plain = new Cashews();
        plain.setup(URL + "?suppress=false");
        clientSide = new Cashews();
        clientSide.setup(URL + "?suppress=false&client_side=true");
        json = new Cashews();
        json.setup(URL + "?suppress=false&serializer=json");
    }

    @AfterEach
    void close() {
        plain.close();
        clientSide.close();
        json.close();
        raw.close();
    }

    // client_side=true keeps its keys under client_side_prefix (default "cashews:"): plant both.
    private void plant(String key, byte[] stored) {
        raw.sync().set(key, stored);
        raw.sync().set("cashews:" + key, stored);
    }

    private static Map<String, byte[]> bombs() {
        Map<String, byte[]> bombs = new LinkedHashMap<>();
        bombs.put("serial-dos", HostilePayloads.serialDos(64));
        bombs.put("array-length", HostilePayloads.arrayLengthBomb());
        bombs.put("gzip", HostilePayloads.gzipBomb(128L << 20));
        // This module has no zstd-jni (as an application without it): a frame claiming 1 GiB.
        bombs.put("zstd", HostilePayloads.zstdClaiming(1L << 30));
        bombs.put("deep-json", HostilePayloads.deepJson(100_000));
        return bombs;
    }

    @Test
    void everyBombReadsAsAMissThroughTheFacadeAndClientSideCopies() {
        assertTimeoutPreemptively(PROMPTLY, () -> {
            for (Map.Entry<String, byte[]> bomb : bombs().entrySet()) {
                String key = "bomb:" + bomb.getKey();
                plant(key, bomb.getValue());
                for (Cashews reader : List.of(plain, clientSide, json)) {
                    assertThat(reader.<Object>get(key)).as("%s through %s", key, reader).isNull();
                    assertThat(reader.<Object>get(key)).as("again, %s through %s", key, reader).isNull();
                    assertThat(reader.async().<Object>get(key).get(10, TimeUnit.SECONDS)).as("async %s", key).isNull();
                }
            }
            // The backend still works: a bad value was a miss, not an outage.
            for (Cashews reader : List.of(plain, clientSide, json)) {
                reader.set("after", "fine", Duration.ofMinutes(1));
                assertThat(reader.<String>get("after")).isEqualTo("fine");
            }
        });
    }

    @Test
    void garbageBehindEveryTagNeverThrows() {
        assertTimeoutPreemptively(PROMPTLY, () -> {
            List<byte[]> garbage = HostilePayloads.garbage(20);
            for (int i = 0; i < garbage.size(); i++) {
                plant("garbage:" + i, garbage.get(i));
            }
            for (Cashews reader : List.of(plain, clientSide, json)) {
                for (int i = 0; i < garbage.size(); i++) {
                    reader.get("garbage:" + i);
                }
            }
        });
    }

    @Test
    void aProxyRecomputesAndReplacesABombedEntry() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Catalog service = new Catalog() {
            @Override
            public String item(String id) {
                calls.incrementAndGet();
                return "item-" + id;
            }

            @Override
            public CompletableFuture<String> itemAsync(String id) {
                calls.incrementAndGet();
                return CompletableFuture.completedFuture("async-" + id);
            }

            @Override
            public String allowed(String user, String resource) {
                calls.incrementAndGet();
                return user + "|" + resource;
            }
        };
        for (Cashews cache : List.of(plain, clientSide)) {
            Catalog proxy = new Catalog_Cached(service, cache);
            for (Map.Entry<String, byte[]> bomb : bombs().entrySet()) {
                String id = bomb.getKey() + "-" + cache.hashCode();
                plant("item:" + id, bomb.getValue());
                plant("item-async:" + id, bomb.getValue());
                int before = calls.get();
                assertTimeoutPreemptively(PROMPTLY, () -> {
                    assertThat(proxy.item(id)).isEqualTo("item-" + id);
                    assertThat(proxy.itemAsync(id).get(10, TimeUnit.SECONDS)).isEqualTo("async-" + id);
                });
                assertThat(calls.get()).as("both misses computed").isEqualTo(before + 2);
                // The recomputed value replaced the bomb: the next calls hit.
                assertThat(proxy.item(id)).isEqualTo("item-" + id);
                assertThat(proxy.itemAsync(id).get(10, TimeUnit.SECONDS)).isEqualTo("async-" + id);
                assertThat(calls.get()).isEqualTo(before + 2);
            }
        }
    }
}
