package io.cashews.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import io.cashews.time.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code @Failover}: stores real computations, serves them on handled failures. */
class FailoverMethodTest {
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

    private FailoverMethod.Builder failover() {
        return FailoverMethod.builder(cache, "fail:k").ttlMillis(60_000);
    }

    @Test
    void aHandledFailureReturnsTheLastGoodResult() throws IOException {
        FailoverMethod method = failover().exceptions(IOException.class).build();
        assertThat(method.<String, IOException>call("fail:k", null, () -> "good")).isEqualTo("good");
        assertThat(method.<String, IOException>call("fail:k", null, () -> {
            throw new IOException("down");
        })).isEqualTo("good");
        assertThat(cache.<Object>get("fail:k")).isEqualTo("good");
    }

    @Test
    void withoutAStoredResultTheFailurePropagates() {
        IOException down = new IOException("down");
        FailoverMethod method = failover().build();
        assertThatThrownBy(() -> method.<String, IOException>call("fail:k", null, () -> {
            throw down;
        })).isSameAs(down);
    }

    @Test
    void unlistedExceptionsPropagate() {
        FailoverMethod method = failover().exceptions(IOException.class).build();
        method.call("fail:k", null, () -> "good");
        IllegalStateException bug = new IllegalStateException("bug");
        assertThatThrownBy(() -> method.call("fail:k", null, () -> {
            throw bug;
        })).isSameAs(bug);
    }

    @Test
    void theInstanceDefaultAppliesToLayersBuiltAfterwards() {
        FailoverMethod before = failover().build();
        cache.setDefaultFailExceptions(UncheckedIOException.class);
        FailoverMethod after = failover().build();
        before.call("fail:k", null, () -> "good");
        IllegalStateException bug = new IllegalStateException("bug");
        assertThat(before.<String, RuntimeException>call("fail:k", null, () -> {
            throw bug;
        })).isEqualTo("good");
        assertThatThrownBy(() -> after.<String, RuntimeException>call("fail:k", null, () -> {
            throw bug;
        })).isSameAs(bug);
        assertThat(after.<String, RuntimeException>call("fail:k", null, () -> {
            throw new UncheckedIOException(new IOException("down"));
        })).isEqualTo("good");
    }

    @Test
    void aValueAnInnerLayerServedIsNeverStored() {
        FailoverMethod method = failover().build();
        cache.set("inner", "served");
        Origin origin = new Origin();
        // The inner layer answers from its cache: the delegate lambda never runs.
        String result = method.call("fail:k", null, origin, () -> {
            Object stored = cache.get("inner");
            return stored != null ? (String) stored : origin.ran("computed");
        });
        assertThat(result).isEqualTo("served");
        assertThat(cache.exists("fail:k")).isFalse();

        Origin second = new Origin();
        method.call("fail:k", null, second, () -> second.ran("computed"));
        assertThat(cache.<Object>get("fail:k")).isEqualTo("computed");
    }

    @Test
    void asyncFailuresAreAnsweredWithoutBlocking() {
        FailoverMethod method = failover().build();
        assertThat(method.<String>callAsync("fail:k", null, () -> CompletableFuture.completedFuture("good")).join())
                .isEqualTo("good");
        assertThat(method.<String>callAsync("fail:k", null,
                () -> CompletableFuture.failedFuture(new IOException("down"))).join()).isEqualTo("good");
        Origin origin = new Origin();
        assertThat(method.<String>callAsync("fail:k2", null, origin,
                () -> CompletableFuture.completedFuture("served")).join()).isEqualTo("served");
        assertThat(cache.exists("fail:k2")).isFalse();
        Origin ran = new Origin();
        method.<String>callAsync("fail:k2", null, ran,
                () -> ran.ranAsync(CompletableFuture.completedFuture("computed"))).join();
        assertThat(cache.<Object>get("fail:k2")).isEqualTo("computed");
    }

    @Test
    void errorsAreNeverCaught() {
        FailoverMethod method = failover().build();
        method.call("fail:k", null, () -> "good");
        AssertionError error = new AssertionError("boom");
        assertThatThrownBy(() -> method.call("fail:k", null, () -> {
            throw error;
        })).isSameAs(error);
        assertThat(computations).hasValue(0);
    }
}
