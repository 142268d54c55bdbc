package io.cashews.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.time.ManualClock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Bloom layers on a backend whose bit commands fail: they fail open, so a filter that cannot
 * be read never turns every answer into {@code false}, and a failed add never fails a call that
 * succeeded.
 */
class BloomBackendFailureTest {
    private final BrokenWritesBackend.Provider provider = new BrokenWritesBackend.Provider();
    private final AtomicInteger lookups = new AtomicInteger();
    private Cashews broken;
    private BloomFilter filter;

    @BeforeEach
    void setUp() {
        broken = Cashews.builder().clock(new ManualClock()).provider(provider).build();
        broken.setup("broken://");
        filter = new BloomFilter("bloom:t.T.f", 100, 1);
    }

    @AfterEach
    void tearDown() {
        broken.close();
    }

    private boolean lookup() {
        lookups.incrementAndGet();
        return true;
    }

    @Test
    void unreadableFilterLetsTheDelegateAnswer() {
        BloomMethod check = new BloomMethod(broken, filter, true);
        assertThat(check.<Boolean, RuntimeException>call("x", null, this::lookup)).isTrue();
        assertThat(lookups).hasValue(1);
        DualBloomMethod dual = new DualBloomMethod(broken, "dual_bloom:t.T.f", 100, 1);
        assertThat(dual.<Boolean, RuntimeException>call("x", null, this::lookup)).isTrue();
        assertThat(lookups).hasValue(2);
    }

    @Test
    void unreadableFilterLetsTheDelegateAnswerAsync() throws Exception {
        BloomMethod check = new BloomMethod(broken, filter, true);
        assertThat(check.<Boolean>callAsync("x", null, () -> CompletableFuture.completedFuture(lookup()))
                .get(5, TimeUnit.SECONDS)).isTrue();
        DualBloomMethod dual = new DualBloomMethod(broken, "dual_bloom:t.T.f", 100, 1);
        assertThat(dual.<Boolean>callAsync("x", null, () -> CompletableFuture.completedFuture(lookup()))
                .get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(lookups).hasValue(2);
    }

    @Test
    void failedAddKeepsTheDelegatesResult() throws Exception {
        BloomAddMethod add = new BloomAddMethod(broken, filter);
        assertThat(add.<Boolean, RuntimeException>call("x", null, () -> true)).isTrue();
        assertThat(add.<Boolean>callAsync("x", null, () -> CompletableFuture.completedFuture(true))
                .get(5, TimeUnit.SECONDS)).isTrue();
    }
}
