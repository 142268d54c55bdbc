package io.cashews.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.annotations.Cache;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous reads are decoded and completed on the instance's executor in batches
 * ({@code io.cashews.spi.HandOver}), not on Lettuce's event loop: code chained on a hit never
 * runs on the event loop, and a synchronous cache call from such code never deadlocks, even when
 * the executor has a single thread and many hits are in flight.
 */
class RedisHandOverTest {

    private static final String URL = TestRedis.url(12);
    private static final int KEYS = 300;

    /** The proxied interface: one key, read asynchronously and synchronously. */
    public interface Prices {
        @Cache(ttl = "1h", key = "handover:price:{sku}")
        CompletableFuture<Long> priceAsync(String sku);

        @Cache(ttl = "1h", key = "handover:price:{sku}")
        Long price(String sku);
    }

    static final class Source implements Prices {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public CompletableFuture<Long> priceAsync(String sku) {
            return CompletableFuture.completedFuture(price(sku));
        }

        @Override
        public Long price(String sku) {
            calls.incrementAndGet();
            return (long) sku.hashCode();
        }
    }

    private ExecutorService single;
    private Cashews pooled;
    private Cashews oneThread;
    private final Source source = new Source();

    @BeforeEach
    void open() {
        pooled = Cashews.create(URL + "?suppress=false&socket_timeout=10");
        single = Executors.newSingleThreadExecutor(task -> new Thread(task, "handover-only-worker"));
        oneThread = Cashews.builder().executor(single).build();
        oneThread.setup(URL + "?suppress=false&socket_timeout=10");
        Prices warm = new RedisHandOverTest_Prices_Cached(source, pooled);
        for (int i = 0; i < KEYS; i++) {
            warm.price("sku-" + i);
            pooled.set("handover:plain:" + i, "plain-" + i);
        }
        source.calls.set(0);
    }

    @AfterEach
    void close() {
        pooled.close();
        oneThread.close();
        single.shutdownNow();
    }

    private static boolean eventLoop(String thread) {
        return thread.contains("EventLoop") || thread.contains("eventLoop") || thread.startsWith("lettuce-");
    }

    @Test
    void codeChainedOnAsyncHitsNeverRunsOnTheEventLoop() throws Exception {
        for (Cashews cache : List.of(pooled, oneThread)) {
            Prices proxy = new RedisHandOverTest_Prices_Cached(source, cache);
            Set<String> threads = ConcurrentHashMap.newKeySet();
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (int i = 0; i < KEYS; i++) {
                all.add(proxy.priceAsync("sku-" + i).thenApply(price -> threads.add(Thread.currentThread().getName())));
                // The facade's reads too: their futures complete off the event loop.
                all.add(cache.async().get("handover:plain:" + i)
                        .thenApply(value -> threads.add(Thread.currentThread().getName())));
            }
            CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
            assertThat(threads).isNotEmpty().noneMatch(RedisHandOverTest::eventLoop);
            if (cache == oneThread) {
                assertThat(threads).allMatch(name -> name.equals("handover-only-worker") || name.equals(Thread.currentThread().getName()));
            }
        }
        assertThat(source.calls).as("every read was a hit").hasValue(0);
    }

    @Test
    void aSynchronousCacheCallFromCodeChainedOnAHitNeverDeadlocks() throws Exception {
        // One worker thread and 300 hits in flight: each chained step blocks that thread on a
        // synchronous proxy call and a synchronous facade call, whose replies must reach it without
        // needing the worker it blocks.
        for (Cashews cache : List.of(oneThread, pooled)) {
            Prices proxy = new RedisHandOverTest_Prices_Cached(source, cache);
            List<CompletableFuture<String>> all = new ArrayList<>();
            for (int i = 0; i < KEYS; i++) {
                int n = i;
                all.add(proxy.priceAsync("sku-" + i).thenApply(price -> {
                    Long again = proxy.price("sku-" + ((n + 1) % KEYS));
                    String plain = cache.get("handover:plain:" + n);
                    return price + "/" + again + "/" + plain;
                }));
            }
            CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);
            for (int i = 0; i < KEYS; i++) {
                assertThat(all.get(i).join()).isEqualTo(("sku-" + i).hashCode() + "/" + ("sku-" + ((i + 1) % KEYS)).hashCode()
                        + "/plain-" + i);
            }
        }
        assertThat(source.calls).hasValue(0);
    }

    @Test
    void aMissChainedOnAHitComputesOffTheEventLoop() throws Exception {
        Prices proxy = new RedisHandOverTest_Prices_Cached(source, oneThread);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Prices recording = new Prices() {
            @Override
            public CompletableFuture<Long> priceAsync(String sku) {
                threads.add(Thread.currentThread().getName());
                return source.priceAsync(sku);
            }

            @Override
            public Long price(String sku) {
                return source.price(sku);
            }
        };
        Prices missing = new RedisHandOverTest_Prices_Cached(recording, oneThread);
        List<CompletableFuture<Long>> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            all.add(proxy.priceAsync("sku-" + i).thenCompose(price -> missing.priceAsync("fresh-" + n + "-" + System.nanoTime())));
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).get(30, TimeUnit.SECONDS);
        assertThat(threads).isNotEmpty().noneMatch(RedisHandOverTest::eventLoop);
        oneThread.deleteMatch("handover:price:fresh-*");
    }
}
