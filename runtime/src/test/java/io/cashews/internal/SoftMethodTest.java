package io.cashews.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import io.cashews.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code @Soft}: recompute in the caller after softTtl, fall back to the old value on failures. */
class SoftMethodTest {
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

    private SoftMethod soft() {
        return SoftMethod.builder(cache, "soft:k").ttlMillis(Duration.ofMinutes(30).toMillis())
                .softTtlMillis(Duration.ofMinutes(5).toMillis()).exceptions(IOException.class).build();
    }

    private static Loader<Integer, IOException> failing(IOException failure) {
        return () -> {
            throw failure;
        };
    }

    @Test
    void aSoftFreshValueIsServed() throws IOException {
        SoftMethod method = soft();
        assertThat(method.<Integer, IOException>call("soft:k", null, computations::incrementAndGet)).isEqualTo(1);
        clock.advance(Duration.ofMinutes(4));
        assertThat(method.<Integer, IOException>call("soft:k", null, computations::incrementAndGet)).isEqualTo(1);
    }

    @Test
    void afterSoftTtlTheCallerRecomputes() throws IOException {
        SoftMethod method = soft();
        method.<Integer, IOException>call("soft:k", null, computations::incrementAndGet);
        clock.advance(Duration.ofMinutes(6));
        assertThat(method.<Integer, IOException>call("soft:k", null, computations::incrementAndGet)).isEqualTo(2);
    }

    @Test
    void aHandledFailureServesTheOldValueUntilTheTtl() throws IOException {
        SoftMethod method = soft();
        method.<Integer, IOException>call("soft:k", null, computations::incrementAndGet);
        clock.advance(Duration.ofMinutes(6));
        IOException down = new IOException("down");
        assertThat(method.call("soft:k", null, failing(down))).isEqualTo(1);
        clock.advance(Duration.ofMinutes(25));
        assertThatThrownBy(() -> method.call("soft:k", null, failing(down))).isSameAs(down);
    }

    @Test
    void unlistedFailuresPropagate() throws IOException {
        SoftMethod method = soft();
        method.<Integer, IOException>call("soft:k", null, computations::incrementAndGet);
        clock.advance(Duration.ofMinutes(6));
        IllegalStateException bug = new IllegalStateException("bug");
        assertThatThrownBy(() -> method.<Integer, RuntimeException>call("soft:k", null, () -> {
            throw bug;
        })).isSameAs(bug);
    }

    @Test
    void asyncFailuresFallBackWithoutBlocking() {
        SoftMethod method = soft();
        assertThat(method.<Integer>callAsync("soft:k", null,
                () -> CompletableFuture.completedFuture(computations.incrementAndGet())).join()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(6));
        assertThat(method.<Integer>callAsync("soft:k", null,
                () -> CompletableFuture.failedFuture(new IOException("down"))).join()).isEqualTo(1);
        assertThat(method.<Integer>callAsync("soft:k", null,
                () -> CompletableFuture.completedFuture(computations.incrementAndGet())).join()).isEqualTo(2);
    }

    @Test
    void softTtlDefaultsToAThirdOfTheTtl() {
        SoftMethod method = SoftMethod.builder(cache, "soft:k").ttlMillis(Duration.ofMinutes(30).toMillis()).build();
        method.call("soft:k", null, computations::incrementAndGet);
        clock.advance(Duration.ofMinutes(9));
        assertThat(method.call("soft:k", null, computations::incrementAndGet)).isEqualTo(1);
        clock.advance(Duration.ofMinutes(2));
        assertThat(method.call("soft:k", null, computations::incrementAndGet)).isEqualTo(2);
    }
}
