package io.cashews.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.internal.BloomAddMethod;
import io.cashews.internal.BloomFilter;
import io.cashews.internal.BloomMethod;
import io.cashews.internal.DualBloomMethod;
import io.cashews.internal.IteratorMethod;
import io.cashews.time.ManualClock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The iterator and Bloom strategies on a backend whose asynchronous answers arrive later, on
 * another thread (the asynchronous SPI base over a memory backend), where the memory backend's
 * at-once answers would hide ordering and demand bugs.
 */
class RemoteStrategiesTest {
    private ExecutorService executor;
    private Cashews cache;

    @BeforeEach
    void setUp() {
        executor = Executors.newFixedThreadPool(4);
        cache = Cashews.builder().clock(new ManualClock()).executor(executor)
                .provider(SpiBaseContractTest.wrapping("remote", (inner, ctx) -> new DelegatingAsyncBackend(inner,
                        ctx.executor())))
                .build();
        cache.setup("remote://?check_interval=0");
    }

    @AfterEach
    void tearDown() {
        cache.close();
        executor.shutdownNow();
    }

    /** Records signals; thread-safe because a remote replay signals from the backend's threads. */
    private static final class Probe implements Flow.Subscriber<Object> {
        final List<Object> items = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.complete(s);
        }

        @Override
        public void onNext(Object item) {
            items.add(item);
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }
    }

    private static void awaitItems(Probe probe, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (probe.items.size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(probe.items).hasSize(count);
    }

    @Test
    void publisherRecordsThenReplaysInOrderHonouringDemand() throws Exception {
        IteratorMethod method = IteratorMethod.builder(cache, "events:{id}").ttlMillis(60_000).build();
        AtomicInteger calls = new AtomicInteger();
        Flow.Publisher<Object> publisher = method.publisher("events:1", null, () -> {
            calls.incrementAndGet();
            // Cold: a SubmissionPublisher drops what is submitted before anyone subscribes.
            return subscriber -> {
                SubmissionPublisher<Object> source = new SubmissionPublisher<>(executor, 16);
                source.subscribe(subscriber);
                executor.execute(() -> {
                    for (int i = 0; i < 20; i++) {
                        source.submit(i % 3 == 0 ? 0 : "e" + i);
                    }
                    source.close();
                });
            };
        });
        Probe first = new Probe();
        publisher.subscribe(first);
        first.subscription.get(5, TimeUnit.SECONDS).request(Long.MAX_VALUE);
        first.done.get(5, TimeUnit.SECONDS);
        assertThat(first.items).hasSize(20);
        assertThat(cache.<Object>get("events:1")).isEqualTo(20L);

        Probe replay = new Probe();
        publisher.subscribe(replay);
        Flow.Subscription subscription = replay.subscription.get(5, TimeUnit.SECONDS);
        subscription.request(3);
        awaitItems(replay, 3);
        // Without demand no read is even started, so nothing more can arrive.
        assertThat(replay.done).isNotDone();
        assertThat(replay.items).hasSize(3);
        subscription.request(100);
        replay.done.get(5, TimeUnit.SECONDS);
        assertThat(replay.items).containsExactlyElementsOf(first.items);
        assertThat(calls).hasValue(1);
    }

    @Test
    void bloomAsyncOnARemoteBackend() throws Exception {
        BloomFilter filter = new BloomFilter("bloom:t.T.f", 100, 1);
        BloomMethod check = new BloomMethod(cache, filter, true);
        BloomAddMethod add = new BloomAddMethod(cache, filter);
        AtomicInteger lookups = new AtomicInteger();
        assertThat(check.<Boolean>callAsync("x", null, () -> {
            lookups.incrementAndGet();
            return CompletableFuture.completedFuture(true);
        }).get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(lookups).hasValue(0);
        assertThat(add.<Boolean>callAsync("x", null, () -> CompletableFuture.completedFuture(true))
                .get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(check.<Boolean>callAsync("x", null, () -> {
            lookups.incrementAndGet();
            return CompletableFuture.completedFuture(true);
        }).get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(lookups).hasValue(1);
    }

    @Test
    void dualBloomAsyncOnARemoteBackend() throws Exception {
        DualBloomMethod dual = new DualBloomMethod(cache, "dual_bloom:t.T.f", 100, 1);
        AtomicInteger lookups = new AtomicInteger();
        for (int round = 0; round < 3; round++) {
            assertThat(dual.<Boolean>callAsync("yes", null, () -> {
                lookups.incrementAndGet();
                return CompletableFuture.completedFuture(true);
            }).get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(dual.<Boolean>callAsync("no", null, () -> {
                lookups.incrementAndGet();
                return CompletableFuture.completedFuture(false);
            }).get(5, TimeUnit.SECONDS)).isFalse();
        }
        assertThat(lookups).hasValue(2);
    }
}
