package io.cashews.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.internal.AsyncLoader;
import io.cashews.internal.BloomAddMethod;
import io.cashews.internal.BloomFilter;
import io.cashews.internal.BloomMethod;
import io.cashews.internal.CacheMethod;
import io.cashews.internal.CircuitBreakerMethod;
import io.cashews.internal.DualBloomMethod;
import io.cashews.internal.EarlyMethod;
import io.cashews.internal.FailoverMethod;
import io.cashews.internal.Fallback;
import io.cashews.internal.HitMethod;
import io.cashews.internal.InvalidateMethod;
import io.cashews.internal.IteratorMethod;
import io.cashews.internal.LockedMethod;
import io.cashews.internal.RateLimitMethod;
import io.cashews.internal.SliceRateLimitMethod;
import io.cashews.internal.SoftMethod;
import io.cashews.internal.TransactionMethod;
import io.cashews.time.ManualClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A remote backend answers on its own I/O threads; the delegate of an async miss must not run
 * there (on Redis that is Lettuce's event loop, which a slow delegate would stall) but on the
 * instance executor. The same holds for every layer that calls its inner layers (or a fallback)
 * after a backend answer; layers that call them before any command run them on the caller's thread.
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

    @Test
    void earlyMiss() throws Exception {
        EarlyMethod early = EarlyMethod.builder(cache, "early:k").ttlMillis(60_000).build();
        assertThat(threadOf(mark -> early.callAsync("early:k", null, marking(mark)))).isEqualTo(INSTANCE);
    }

    @Test
    void softMiss() throws Exception {
        SoftMethod soft = SoftMethod.builder(cache, "soft:k").ttlMillis(60_000).build();
        assertThat(threadOf(mark -> soft.callAsync("soft:k", null, marking(mark)))).isEqualTo(INSTANCE);
    }

    @Test
    void hitMiss() throws Exception {
        HitMethod hit = HitMethod.builder(cache, "hit:k").ttlMillis(60_000).cacheHits(3).build();
        assertThat(threadOf(mark -> hit.callAsync("hit:k", null, marking(mark)))).isEqualTo(INSTANCE);
    }

    @Test
    void publisherMiss() throws Exception {
        IteratorMethod lines = IteratorMethod.builder(cache, "lines:k").ttlMillis(60_000).build();
        assertThat(threadOf(mark -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            lines.<String, RuntimeException>publisher("lines:k", null, () -> {
                mark.run();
                return subscriber -> {
                    subscriber.onSubscribe(new NoSubscription());
                    subscriber.onComplete();
                };
            }).subscribe(new Completing(done));
            return done;
        })).isEqualTo(INSTANCE);
    }

    @Test
    void lockedCall() throws Exception {
        LockedMethod locked = LockedMethod.builder(cache, "locked:k").ttlMillis(10_000).build();
        assertThat(threadOf(mark -> locked.callAsync("locked:k", null, marking(mark)))).isEqualTo(INSTANCE);
    }

    @Test
    void rateLimitedCallLetThrough() throws Exception {
        RateLimitMethod limit = RateLimitMethod.builder(cache, "rate_limit:k").limit(5).periodMillis(1_000)
                .banMillis(1_000).build();
        assertThat(threadOf(mark -> limit.callAsync("rate_limit:k", null, marking(mark)))).isEqualTo(INSTANCE);
    }

    @Test
    void rateLimitFallback() throws Exception {
        AtomicReference<Runnable> marks = new AtomicReference<>(() -> { });
        RateLimitMethod limit = RateLimitMethod.builder(cache, "rate_limit:k").limit(1).periodMillis(60_000)
                .fallback(marking(marks)).build();
        limit.callAsync("rate_limit:k", null, () -> CompletableFuture.completedFuture("first")).get(5, TimeUnit.SECONDS);
        assertThat(threadOf(mark -> {
            marks.set(mark);
            return limit.callAsync("rate_limit:k", null, () -> CompletableFuture.completedFuture("not called"));
        })).isEqualTo(INSTANCE);
    }

    @Test
    void slidingRateLimitedCallLetThrough() throws Exception {
        SliceRateLimitMethod limit = SliceRateLimitMethod.builder(cache, "srl:k").limit(5).periodMillis(1_000).build();
        assertThat(threadOf(mark -> limit.callAsync("srl:k", null, marking(mark)))).isEqualTo(INSTANCE);
    }

    @Test
    void circuitBreakerCallLetThrough() throws Exception {
        CircuitBreakerMethod breaker = CircuitBreakerMethod.builder(cache, "circuit_breaker:k").errorsRate(50)
                .periodMillis(1_000).ttlMillis(1_000).halfOpenTtlMillis(500).build();
        assertThat(threadOf(mark -> breaker.callAsync("circuit_breaker:k", null, marking(mark)))).isEqualTo(INSTANCE);
    }

    @Test
    void openCircuitBreakerFallback() throws Exception {
        AtomicReference<Runnable> marks = new AtomicReference<>(() -> { });
        CircuitBreakerMethod breaker = CircuitBreakerMethod.builder(cache, "circuit_breaker:k").errorsRate(50)
                .periodMillis(1_000).ttlMillis(1_000).fallback(marking(marks)).build();
        cache.set("circuit_breaker:k:open", 1, Duration.ofMinutes(1));
        assertThat(threadOf(mark -> {
            marks.set(mark);
            return breaker.callAsync("circuit_breaker:k", null, () -> CompletableFuture.completedFuture("not called"));
        })).isEqualTo(INSTANCE);
    }

    @Test
    void bloomMaybePresent() throws Exception {
        BloomFilter filter = new BloomFilter("bloom:k", 100, 1.0);
        cache.incrBits(filter.key(), 1, 1, filter.indexes("e"));
        BloomMethod bloom = new BloomMethod(cache, filter, true);
        assertThat(threadOf(mark -> bloom.callAsync("e", null, marking(mark)))).isEqualTo(INSTANCE);
    }

    @Test
    void dualBloomUnknown() throws Exception {
        DualBloomMethod bloom = new DualBloomMethod(cache, "dual_bloom:k", 100, 1.0);
        assertThat(threadOf(mark -> bloom.callAsync("e", null, marking(mark)))).isEqualTo(INSTANCE);
    }

    @Test
    void transactionCommitsOffTheIoThread() throws Exception {
        // The commit writes synchronously; on the thread that completed the inner stage (the I/O
        // thread here) it would wait for that very thread, as on Lettuce's event loop.
        TransactionMethod transaction = TransactionMethod.of(cache, "FAST", 10_000);
        assertThat(threadOf(mark -> transaction.callAsync("transaction", null, () -> {
            mark.run();
            return cache.async().set("tx:k", "v", Duration.ofMinutes(1))
                    .thenCompose(written -> cache.async().exists("tx:elsewhere"));
        }))).isEqualTo(CALLER);
        Object committed = cache.get("tx:k");
        assertThat(committed).isEqualTo("v");
    }

    // Layers that call their inner layers before any backend command: on the caller's thread.

    @Test
    void failoverCallsAtOnce() throws Exception {
        FailoverMethod failover = FailoverMethod.builder(cache, "fail:k").ttlMillis(60_000).build();
        assertThat(threadOf(mark -> failover.callAsync("fail:k", null, marking(mark)))).isEqualTo(CALLER);
    }

    @Test
    void bloomAddCallsAtOnce() throws Exception {
        BloomAddMethod add = new BloomAddMethod(cache, new BloomFilter("bloom:k", 100, 1.0));
        assertThat(threadOf(mark -> add.callAsync("e", null, marking(mark)))).isEqualTo(CALLER);
    }

    @Test
    void invalidateCallsAtOnce() throws Exception {
        InvalidateMethod invalidate = InvalidateMethod.builder(cache, "\"k\"").keys(args -> new String[] {"k"}).build();
        assertThat(threadOf(mark -> invalidate.callAsync("invalidate:k", new Object[0], marking(mark))))
                .isEqualTo(CALLER);
    }

    private static final String INSTANCE = "instance-executor";
    private static final String CALLER = "caller";

    /**
     * Runs {@code call} on a thread named "caller" while the backend's I/O thread is held, so its
     * commands are still in flight when the call returns, as over a network; returns the name of
     * the thread that ran {@code mark} (the delegate or the fallback).
     */
    private String threadOf(Function<Runnable, CompletionStage<?>> call) throws Exception {
        AtomicReference<String> thread = new AtomicReference<>();
        Runnable mark = () -> thread.set(Thread.currentThread().getName());
        CountDownLatch gate = holdIo();
        CompletableFuture<CompletionStage<?>> started = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                started.complete(call.apply(mark));
            } catch (Throwable e) {
                started.completeExceptionally(e);
            }
        }, CALLER);
        caller.start();
        CompletableFuture<?> result = started.get(5, TimeUnit.SECONDS).toCompletableFuture();
        assertThat(result).isNotDone();
        gate.countDown();
        result.get(5, TimeUnit.SECONDS);
        assertThat(thread.get()).as("the marked code ran").isNotNull();
        return thread.get();
    }

    private CountDownLatch holdIo() {
        CountDownLatch gate = new CountDownLatch(1);
        io.execute(() -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return gate;
    }

    private static AsyncLoader<String> marking(Runnable mark) {
        return () -> {
            mark.run();
            return CompletableFuture.completedFuture(Thread.currentThread().getName());
        };
    }

    private static Fallback marking(AtomicReference<Runnable> mark) {
        return args -> {
            mark.get().run();
            return CompletableFuture.completedFuture("fallback");
        };
    }

    private static final class NoSubscription implements Flow.Subscription {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
    }

    /** Requests everything and completes {@code done} at the end. */
    private record Completing(CompletableFuture<Void> done) implements Flow.Subscriber<Object> {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Object item) {}

        @Override
        public void onError(Throwable throwable) {
            done.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }
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
