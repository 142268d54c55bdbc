package io.cashews.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Caller values steering keys (SPEC §5) on a real Redis, plain and with client-side copies: a
 * {@code :} in a value cannot make two calls share one answer, and a {@code *} from a caller
 * cannot widen an {@code @Invalidate} (Redis' SCAN MATCH sees it escaped).
 */
class RedisHostileKeysTest {

    private static final String URL = TestRedis.url(9);

    private final AtomicInteger calls = new AtomicInteger();
    private final Catalog service = new Catalog() {
        @Override
        public String item(String id) {
            return "item-" + id + "#" + calls.incrementAndGet();
        }

        @Override
        public CompletableFuture<String> itemAsync(String id) {
            return CompletableFuture.completedFuture("async-" + id);
        }

        @Override
        public String allowed(String user, String resource) {
            return user + "|" + resource + "#" + calls.incrementAndGet();
        }
    };
    private TestRedis.Raw raw;
    private Cashews plain;
    private Cashews clientSide;

    @BeforeEach
    void open() {
        raw = TestRedis.raw(URL);
        raw.sync().flushdb();
        plain = new Cashews();
        plain.setup(URL + "?suppress=false");
        clientSide = new Cashews();
        clientSide.setup(URL + "?suppress=false&client_side=true");
    }

    @AfterEach
    void close() {
        plain.close();
        clientSide.close();
        raw.close();
    }

    @Test
    void aSeparatorInAValueNeverSharesAnAnswer() {
        for (Cashews cache : List.of(plain, clientSide)) {
            Catalog proxy = new Catalog_Cached(service, cache);
            String first = proxy.allowed("alice:admin", "panel");
            String second = proxy.allowed("alice", "admin:panel");
            assertThat(second).isNotEqualTo(first).startsWith("alice|admin:panel#");
            assertThat(proxy.allowed("alice:admin", "panel")).isEqualTo(first);
        }
    }

    @Test
    void aStarFromACallerNeverWidensAnInvalidation() {
        for (Cashews cache : List.of(plain, clientSide)) {
            Catalog proxy = new Catalog_Cached(service, cache);
            String one = proxy.item("1");
            String two = proxy.item("2");
            proxy.item("*");
            proxy.drop("*");
            proxy.dropStartingWith("*");
            assertThat(proxy.item("1")).isEqualTo(one);
            assertThat(proxy.item("2")).isEqualTo(two);
            // The template's own '*' still matches: "1" and "12" go, "2" stays.
            proxy.item("12");
            proxy.dropStartingWith("1");
            assertThat(proxy.item("1")).isNotEqualTo(one);
            assertThat(proxy.item("2")).isEqualTo(two);
            cache.clear();
        }
    }
}
