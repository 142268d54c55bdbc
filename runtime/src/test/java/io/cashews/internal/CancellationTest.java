package io.cashews.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.time.ManualClock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Cancellation} and the {@code cancellable} layers built on it: a cancellable layer's
 * caller that cancels cancels what the layer started for it and stores nothing; a plain layer
 * (a {@code CompletableFuture} method's) leaves the delegate's future alone, as before.
 * Continuations run on the calling thread (a direct executor).
 */
class CancellationTest {

    private final AtomicInteger loads = new AtomicInteger();
    private Cashews cache;

    @BeforeEach
    void setUp() {
        cache = Cashews.builder().clock(new ManualClock()).executor(Runnable::run).build();
        cache.setup("mem://");
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    private AsyncLoader<String> loader(CompletableFuture<String> delegate) {
        return () -> {
            loads.incrementAndGet();
            return delegate;
        };
    }

    @Test
    void aCancelledCallCancelsTheFutureItsLoaderStarted() {
        CompletableFuture<String> delegate = new CompletableFuture<>();
        CompletableFuture<String> result = Cancellation.call(true, loader(delegate), Limits::load);
        result.cancel(false);
        assertThat(delegate).isCancelled();
    }

    @Test
    void aCallCancelledBeforeItsLoaderRunsNeverRunsIt() {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<String> result = Cancellation.call(true, loader(new CompletableFuture<>()),
                linked -> gate.thenCompose(ignored -> Limits.load(linked)));
        result.cancel(false);
        gate.complete(null);
        assertThat(loads).hasValue(0);
    }

    @Test
    void aPlainCallIsTheBodysOwnFutureAndLeavesTheDelegateAlone() {
        CompletableFuture<String> delegate = new CompletableFuture<>();
        CompletableFuture<String> body = new CompletableFuture<>();
        assertThat(Cancellation.call(false, loader(delegate), linked -> body)).isSameAs(body);
        CompletableFuture<String> started = Cancellation.start(false, body, loader(delegate));
        body.cancel(false);
        started.cancel(false);
        assertThat(delegate).isNotCancelled();
    }

    @Test
    void aCancellableFailoverCancelsTheDelegateAndStoresNothing() {
        FailoverMethod failover = FailoverMethod.builder(cache, "fail:{id}").ttlMillis(60_000).cancellable(true).build();
        CompletableFuture<String> delegate = new CompletableFuture<>();
        failover.<String>callAsync("fail:a", null, loader(delegate)).cancel(false);
        assertThat(delegate).isCancelled();
        assertThat(cache.exists("fail:a")).isFalse();
    }

    @Test
    void aPlainFailoverLetsTheDelegateFinishAndStores() {
        FailoverMethod failover = FailoverMethod.builder(cache, "fail:{id}").ttlMillis(60_000).build();
        CompletableFuture<String> delegate = new CompletableFuture<>();
        failover.<String>callAsync("fail:a", null, loader(delegate)).cancel(false);
        assertThat(delegate).isNotCancelled();
        delegate.complete("v");
        assertThat(cache.<String>get("fail:a")).isEqualTo("v");
    }

    @Test
    void aCancellableEarlyStoresNothingAndAPlainOneStillStores() {
        EarlyMethod cancellable = EarlyMethod.builder(cache, "early:{id}").ttlMillis(60_000).cancellable(true).build();
        CompletableFuture<String> first = new CompletableFuture<>();
        cancellable.<String>callAsync("early:a", null, loader(first)).cancel(false);
        assertThat(first).isCancelled();
        assertThat(cache.exists("early:a")).isFalse();

        EarlyMethod plain = EarlyMethod.builder(cache, "early:{id}").ttlMillis(60_000).build();
        CompletableFuture<String> second = new CompletableFuture<>();
        plain.<String>callAsync("early:b", null, loader(second)).cancel(false);
        assertThat(second).isNotCancelled();
        second.complete("v");
        assertThat(cache.exists("early:b")).isTrue();
    }

    @Test
    void aCancellableRateLimitCancelsTheDelegate() {
        RateLimitMethod limit = RateLimitMethod.builder(cache, "rate:{id}").limit(5).periodMillis(60_000)
                .cancellable(true).build();
        CompletableFuture<String> delegate = new CompletableFuture<>();
        limit.<String>callAsync("rate:a", null, loader(delegate)).cancel(false);
        assertThat(delegate).isCancelled();
    }

    @Test
    void aCancellableLayerAroundAnInvalidationNeverInvalidatesForACancelledCall() {
        cache.set("user:a", "kept", java.time.Duration.ofMinutes(1));
        CancellableLayer invalidate = CancellableLayer.of(InvalidateMethod.builder(cache, "user:{id}")
                .keys(args -> new String[] {"user:a"}).build());
        CompletableFuture<String> delegate = new CompletableFuture<>();
        invalidate.<String>callAsync("invalidate:a", new Object[] {"a"}, loader(delegate)).cancel(false);
        assertThat(delegate).isCancelled();
        assertThat(cache.<String>get("user:a")).isEqualTo("kept");
    }
}
