package io.cashews.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.CacheBackendInteractionException;
import io.cashews.CacheTransaction;
import io.cashews.Cashews;
import io.cashews.LockedException;
import io.cashews.TransactionMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 20 on a real Redis, in real time: D3 (a deadlock never ends in two commits) and D7 (a
 * commit cut off by a lost connection fails, also with {@code suppress=true}, and a failed
 * release does not hide why).
 */
@SuppressWarnings("try")
class RedisTransactionFailureTest {

    private static final String URL = TestRedis.url(13);
    private TestRedis.Raw raw;
    private ExecutorService threads;

    @BeforeEach
    void open() {
        raw = TestRedis.raw(URL);
        raw.sync().flushdb();
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        raw.sync().flushdb();
        raw.close();
    }

    private long stored(String pattern) {
        return raw.sync().keys(pattern).size();
    }

    // ---------------------------------------------------------------- D3

    /** Opposite-order writers, round after round: at most one commits, and then with all of its writes. */
    @ParameterizedTest
    @ValueSource(strings = {"mem://", "redis", "redis?client_side=true"})
    void aDeadlockNeverEndsInTwoCommits(String backend) throws Exception {
        String url = backend.startsWith("redis") ? URL + backend.substring("redis".length()) : backend;
        try (Cashews cache = new Cashews()) {
            cache.setup(url);
            for (int round = 0; round < 8; round++) {
                cache.deleteMany("dl:a", "dl:b");
                CyclicBarrier firstHeld = new CyclicBarrier(2);
                Future<String> t1 = threads.submit(() -> opposite(cache, firstHeld, "T1", "dl:a", "dl:b"));
                Future<String> t2 = threads.submit(() -> opposite(cache, firstHeld, "T2", "dl:b", "dl:a"));
                String one = t1.get(10, TimeUnit.SECONDS);
                String two = t2.get(10, TimeUnit.SECONDS);
                assertThat(List.of(one, two)).as("round " + round).contains("locked");
                List<Object> written = cache.getMany("dl:a", "dl:b");
                if (one.equals("committed")) {
                    assertThat(written).as("round " + round).containsExactly("T1", "T1");
                } else if (two.equals("committed")) {
                    assertThat(written).as("round " + round).containsExactly("T2", "T2");
                } else {
                    assertThat(written).as("round " + round).containsExactly(null, null);
                }
                assertThat(cache.scan(":*").count()).as("locks released, round " + round).isZero();
            }
        }
    }

    private static String opposite(Cashews cache, CyclicBarrier firstHeld, String name, String first, String second)
            throws Exception {
        try {
            cache.transaction(TransactionMode.LOCKED, Duration.ofMillis(300), () -> {
                cache.set(first, name);
                firstHeld.await(5, TimeUnit.SECONDS);
                cache.set(second, name);
                return null;
            });
            return "committed";
        } catch (LockedException e) {
            return "locked";
        }
    }

    // ---------------------------------------------------------------- D7

    @Test
    void aCommitCutOffByALostConnectionFailsEvenWhenSuppressed() throws Exception {
        int keys = 5_000;
        try (CuttableProxy proxy = new CuttableProxy(URL); Cashews cache = new Cashews()) {
            cache.setup(proxy.url(13) + "?suppress=true&socket_timeout=0.5&socket_connect_timeout=0.5");
            try (CacheTransaction tx = cache.transaction(TransactionMode.FAST, null)) {
                for (int i = 0; i < keys; i++) {
                    cache.set("c:" + i, (long) i);
                }
                // About a tenth of the SETs reach Redis.
                proxy.cutAfter(20_000);
                assertThatThrownBy(tx::commit).isInstanceOf(CacheBackendInteractionException.class)
                        .hasMessageContaining("writes failed").hasMessageContaining("not atomic");
            }
            assertThat(proxy.isCut()).isTrue();
        }
        assertThat(stored("c:*")).isBetween(1L, keys - 1L);
    }

    @Test
    void aFailedReleaseAfterALostConnectionDoesNotHideTheFailedWrites() throws Exception {
        int keys = 500;
        try (CuttableProxy proxy = new CuttableProxy(URL); Cashews cache = new Cashews()) {
            cache.setup(proxy.url(13) + "?suppress=false&socket_timeout=0.5&socket_connect_timeout=0.5");
            List<Throwable> suppressed = new ArrayList<>();
            try (CacheTransaction tx = cache.transaction(TransactionMode.LOCKED, Duration.ofSeconds(30))) {
                for (int i = 0; i < keys; i++) {
                    cache.set("c:" + i, (long) i);
                }
                proxy.cutAfter(5_000);
                assertThatThrownBy(tx::commit).isInstanceOf(CacheBackendInteractionException.class)
                        .hasMessageContaining("writes failed").hasMessageNotContaining("unlock")
                        .satisfies(failure -> suppressed.addAll(List.of(failure.getSuppressed())));
            }
            // The releases were tried and failed on the dead connection: reported beside, not instead.
            assertThat(suppressed).isNotEmpty();
            assertThat(suppressed.get(0)).hasMessageContaining("unlock");
        }
        assertThat(stored("c:*")).isLessThan(keys);
    }
}
