package io.cashews.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.internal.CacheMethod;
import io.cashews.time.ManualClock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A remote backend answers on its own I/O threads; the delegate of an async miss must not run
 * there (on Redis that is Lettuce's event loop, which a slow delegate would stall) but on the
 * instance executor.
 */
class RemoteMissThreadTest {
    private ExecutorService io;
    private ExecutorService instance;
    private Cashews cache;

    @BeforeEach
    void setUp() {
        io = Executors.newSingleThreadExecutor(task -> new Thread(task, "backend-io"));
        instance = Executors.newSingleThreadExecutor(task -> new Thread(task, "instance-executor"));
        cache = Cashews.builder().clock(new ManualClock()).executor(instance)
                .provider(SpiBaseContractTest.wrapping("remote", (inner, ctx) -> new DelegatingAsyncBackend(inner, io)))
                .build();
        cache.setup("remote://?check_interval=0");
    }

    @AfterEach
    void tearDown() {
        cache.close();
        io.shutdownNow();
        instance.shutdownNow();
    }

    @Test
    void theDelegateOfAnAsyncMissRunsOnTheInstanceExecutor() throws Exception {
        assertDelegateThread(CacheMethod.builder(cache, "k").ttlMillis(60_000).build());
    }

    @Test
    void alsoWhenTheMissTakesTheBackendLock() throws Exception {
        assertDelegateThread(CacheMethod.builder(cache, "k").ttlMillis(60_000).lock(true).build());
    }

    @Test
    void alsoWithoutProtection() throws Exception {
        assertDelegateThread(CacheMethod.builder(cache, "k").ttlMillis(60_000).protect(false).build());
    }

    private void assertDelegateThread(CacheMethod method) throws Exception {
        // Hold the backend's I/O thread so the read is still in flight when callAsync returns, as
        // a network round trip would be.
        CountDownLatch gate = new CountDownLatch(1);
        io.execute(() -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<String> first = method.callAsync("k", null,
                () -> CompletableFuture.completedFuture(Thread.currentThread().getName()));
        assertThat(first).isNotDone();
        gate.countDown();
        String thread = first.get(5, TimeUnit.SECONDS);
        assertThat(thread).isEqualTo("instance-executor");
        // and the value was stored: the next call is a hit
        assertThat(method.<String>callAsync("k", null, () -> CompletableFuture.completedFuture("again"))
                .get(5, TimeUnit.SECONDS)).isEqualTo("instance-executor");
    }
}
