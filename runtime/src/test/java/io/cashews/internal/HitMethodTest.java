package io.cashews.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import io.cashews.Command;
import io.cashews.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code @Hit}: cashews' observable sequences on a manual clock with an executor that runs at once. */
class HitMethodTest {
    private final ManualClock clock = new ManualClock();
    private final AtomicInteger computations = new AtomicInteger();
    private Cashews cache;

    @BeforeEach
    void setUp() {
        cache = Cashews.builder().clock(clock).executor(Runnable::run).build();
        cache.setup("mem://");
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    private HitMethod hit(int cacheHits, int updateAfter) {
        return HitMethod.builder(cache, "hit:k").ttlMillis(Duration.ofHours(1).toMillis())
                .cacheHits(cacheHits).updateAfter(updateAfter).build();
    }

    private List<Integer> nineCalls(HitMethod method) {
        List<Integer> results = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            results.add(method.call("hit:k", null, computations::incrementAndGet));
        }
        return results;
    }

    private List<Integer> nineAsyncCalls(HitMethod method) {
        List<Integer> results = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            results.add(method.<Integer>callAsync("hit:k", null,
                    () -> CompletableFuture.completedFuture(computations.incrementAndGet())).join());
        }
        return results;
    }

    @Test
    void aStoredResultServesCacheHitsCalls() {
        assertThat(nineCalls(hit(3, 0))).containsExactly(1, 1, 1, 1, 2, 2, 2, 2, 3);
    }

    @Test
    void updateAfterRefreshesInTheBackgroundAndResetsTheCounter() {
        assertThat(nineCalls(hit(3, 2))).containsExactly(1, 1, 1, 2, 2, 3, 3, 4, 4);
    }

    @Test
    void asyncCallsFollowTheSameSequences() {
        assertThat(nineAsyncCalls(hit(3, 0))).containsExactly(1, 1, 1, 1, 2, 2, 2, 2, 3);
        cache.clear();
        computations.set(0);
        assertThat(nineAsyncCalls(hit(3, 2))).containsExactly(1, 1, 1, 2, 2, 3, 3, 4, 4);
    }

    @Test
    void dynamicRefreshesOnEveryFirstHit() {
        HitMethod dynamic = hit(3, 1);
        List<Integer> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(dynamic.call("hit:k", null, computations::incrementAndGet));
        }
        assertThat(results).containsExactly(1, 1, 2, 3, 4, 5);
    }

    @Test
    void keysUseTheCounterSuffix() {
        HitMethod method = hit(3, 0);
        method.call("hit:k", null, computations::incrementAndGet);
        method.call("hit:k", null, computations::incrementAndGet);
        assertThat(cache.<Object>get("hit:k")).isEqualTo(1);
        assertThat(cache.incr("hit:k:counter", 0, null)).isEqualTo(1);
    }

    @Test
    void entriesExpireWithTheTtl() {
        HitMethod method = hit(100, 0);
        method.call("hit:k", null, computations::incrementAndGet);
        clock.advance(Duration.ofMinutes(61));
        assertThat(method.call("hit:k", null, computations::incrementAndGet)).isEqualTo(2);
    }

    @Test
    void aDisabledCounterComputesEveryCall() {
        HitMethod method = hit(3, 0);
        cache.disable(Command.INCR);
        assertThat(List.of(method.call("hit:k", null, computations::incrementAndGet),
                method.call("hit:k", null, computations::incrementAndGet))).containsExactly(1, 2);
    }

    @Test
    void withExceptionsStoresAndRethrowsTheException() {
        IOException failure = new IOException("down");
        HitMethod method = HitMethod.builder(cache, "hit:k").ttlMillis(60_000).cacheHits(2)
                .withExceptions(IOException.class).build();
        Loader<String, IOException> failing = () -> {
            computations.incrementAndGet();
            throw failure;
        };
        assertThatThrownBy(() -> method.call("hit:k", null, failing)).isSameAs(failure);
        assertThatThrownBy(() -> method.call("hit:k", null, failing)).isSameAs(failure);
        assertThatThrownBy(() -> method.callAsync("hit:k", null, () -> CompletableFuture.completedFuture("x")).join())
                .hasCause(failure);
        assertThat(computations).hasValue(1);
    }

    @Test
    void outOfRangeCountsAreRejected() {
        assertThatThrownBy(() -> hit(0, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> hit(3, 3)).isInstanceOf(IllegalStateException.class);
    }
}
