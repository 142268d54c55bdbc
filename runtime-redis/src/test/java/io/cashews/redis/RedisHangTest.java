package io.cashews.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.CacheBackendInteractionException;
import io.cashews.Cashews;
import io.cashews.internal.CacheMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Redis that stops answering without closing anything (a loopback proxy holds every byte): a
 * proxied miss waits for one command timeout, not one per command, and a burst of commands is
 * refused once Lettuce's request queue is full instead of queueing without bound (issue 20, D8).
 */
class RedisHangTest {

    private RedisProcess redis;
    private LoopbackProxy proxy;
    private TestRedis.Raw raw;
    private final List<Cashews> instances = new ArrayList<>();

    @BeforeEach
    void start() {
        redis = RedisProcess.launch();
        proxy = new LoopbackProxy(redis.url());
        raw = TestRedis.raw(redis.url());
    }

    @AfterEach
    void stop() {
        proxy.heal();
        instances.forEach(Cashews::close);
        proxy.close();
        raw.close();
        redis.kill();
    }

    private Cashews open(String options) {
        Cashews cache = new Cashews();
        instances.add(cache);
        cache.setup(proxy.url() + "?" + options);
        assertThat(cache.ping()).isEqualTo("PONG");
        return cache;
    }

    @Test
    void aProxiedMissOnAHungRedisSendsNoReCheckAndNoStoreAfterItsReadTimedOut() throws Exception {
        Cashews cache = open("socket_timeout=0.5&socket_connect_timeout=0.5");
        CacheMethod method = CacheMethod.builder(cache, "hang:{n}").ttlMillis(60_000).build();
        raw.sync().configResetstat();

        // Held bytes reach Redis when the proxy heals: what the misses sent can be counted then.
        proxy.hold();
        long start = System.nanoTime();
        assertThat(method.<String, RuntimeException>call("hang:1", null, () -> "computed")).isEqualTo("computed");
        CompletableFuture<String> async = method.callAsync("hang:2", null, () -> CompletableFuture.completedFuture("later"));
        assertThat(async.get(60, TimeUnit.SECONDS)).isEqualTo("later");
        // A hang guard, not a bar: with one timeout per command these took three each.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        proxy.heal();
        // In order on the same connection: answered after everything held before it.
        assertThat(cache.ping()).isEqualTo("PONG");

        String stats = raw.sync().info("commandstats");
        assertThat(calls(stats, "get")).as("GETs that reached Redis: each miss's first read at most").isBetween(1L, 2L);
        assertThat(calls(stats, "set")).as("SETs after a timed-out read").isZero();
    }

    @Test
    void aBurstOnAHungRedisIsRefusedOnceTheRequestQueueIsFull() throws Exception {
        // Long timeouts: nothing may complete by timing out while the burst is counted.
        Cashews lenient = open("socket_timeout=60&request_queue_size=100");
        Cashews strict = open("socket_timeout=60&request_queue_size=100&suppress=false");
        proxy.hold();
        List<CompletableFuture<Object>> lenientReads = new ArrayList<>();
        List<CompletableFuture<Object>> strictReads = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            lenientReads.add(lenient.async().get("burst:" + i));
            strictReads.add(strict.async().get("burst:" + i));
        }
        // Redis answers nothing and nothing times out: whatever completes was refused at once.
        Events.await("the reads beyond the queue refused", () -> lenientReads.stream().filter(CompletableFuture::isDone).count() >= 850
                && strictReads.stream().filter(CompletableFuture::isDone).count() >= 850);
        assertThat(lenientReads.get(999).get(1, TimeUnit.SECONDS)).as("a refused read is a miss").isNull();
        assertThatThrownBy(() -> strictReads.get(999).get(1, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(CacheBackendInteractionException.class)
                // Lettuce says "Request queue size exceeded: 100" or, once written, "Internal stack size exceeded: 100".
                .hasMessageContaining("size exceeded: 100");

        proxy.heal();
        // The queued ones are answered once Redis is reachable again.
        assertThat(lenientReads.get(0).get(60, TimeUnit.SECONDS)).isNull();
        assertThat(strictReads.get(0).get(60, TimeUnit.SECONDS)).isNull();
        assertThat(lenient.ping()).isEqualTo("PONG");
    }

    // How often Redis ran a command since the last CONFIG RESETSTAT.
    private static long calls(String commandStats, String command) {
        for (String line : commandStats.split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                int from = line.indexOf('=') + 1;
                return Long.parseLong(line.substring(from, line.indexOf(',', from)));
            }
        }
        return 0;
    }
}
