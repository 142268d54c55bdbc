package io.cashews.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import io.cashews.CircuitBreakerOpenException;
import io.cashews.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CircuitBreakerMethodTest {
    private static final String KEY = "circuit_breaker:com.example.Api.pay";

    private final ManualClock clock = new ManualClock();
    private final AtomicInteger calls = new AtomicInteger();
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

    private CircuitBreakerMethod.Builder breaker() {
        return CircuitBreakerMethod.builder(cache, KEY).errorsRate(5).periodMillis(10_000).ttlMillis(2_000)
                .minCalls(10);
    }

    private String succeed(CircuitBreakerMethod method) throws IOException {
        return method.<String, IOException>call(KEY, null, () -> "ok" + calls.incrementAndGet());
    }

    private String fail(CircuitBreakerMethod method) throws IOException {
        return method.<String, IOException>call(KEY, null, () -> {
            calls.incrementAndGet();
            throw new IOException("down");
        });
    }

    @Test
    void nineSuccessesAndOneFailureOpenTheBreakerAtFivePercent() throws IOException {
        CircuitBreakerMethod method = breaker().build();
        for (int i = 0; i < 9; i++) {
            succeed(method);
        }
        assertThatThrownBy(() -> fail(method)).isInstanceOf(IOException.class);
        assertThat(calls).hasValue(10);

        // Open: neither a succeeding nor a failing call reaches the delegate.
        assertThatThrownBy(() -> succeed(method)).isInstanceOf(CircuitBreakerOpenException.class)
                .hasMessageContaining(KEY);
        assertThatThrownBy(() -> fail(method)).isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(calls).hasValue(10);

        clock.advance(Duration.ofMillis(2_000));
        assertThat(succeed(method)).isEqualTo("ok11");
    }

    @Test
    void staysClosedBelowMinCalls() throws IOException {
        CircuitBreakerMethod method = breaker().build();
        for (int i = 0; i < 9; i++) {
            assertThatThrownBy(() -> fail(method)).isInstanceOf(IOException.class);
        }
        assertThat(calls).hasValue(9);
        // The tenth call reaches minCalls, with 100 % failures.
        assertThatThrownBy(() -> fail(method)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> succeed(method)).isInstanceOf(CircuitBreakerOpenException.class);
    }

    @Test
    void failuresOutsideTheWindowDoNotCount() throws IOException {
        CircuitBreakerMethod method = breaker().errorsRate(50).minCalls(2).build();
        assertThatThrownBy(() -> fail(method)).isInstanceOf(IOException.class);
        clock.advance(Duration.ofMillis(10_000));
        succeed(method);
        succeed(method);
        assertThat(succeed(method)).isEqualTo("ok4");
    }

    @Test
    void onlyListedExceptionsCount() throws IOException {
        CircuitBreakerMethod method = breaker().minCalls(1).exceptions(IllegalStateException.class).build();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> fail(method)).isInstanceOf(IOException.class);
        }
        assertThatThrownBy(() -> method.call(KEY, null, () -> {
            throw new IllegalStateException("counted");
        })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> succeed(method)).isInstanceOf(CircuitBreakerOpenException.class);
    }

    @Test
    void defaultCountedExceptionsAreTheInstanceDefault() throws IOException {
        cache.setDefaultFailExceptions(IllegalStateException.class);
        CircuitBreakerMethod method = breaker().minCalls(1).build();
        assertThatThrownBy(() -> fail(method)).isInstanceOf(IOException.class);
        assertThat(succeed(method)).isEqualTo("ok2");
        assertThatThrownBy(() -> method.call(KEY, null, () -> {
            throw new IllegalStateException("counted");
        })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> succeed(method)).isInstanceOf(CircuitBreakerOpenException.class);
    }

    @Test
    void halfOpenPhaseLetsTrialCallsThrough() throws IOException {
        AtomicBoolean refuse = new AtomicBoolean(true);
        CircuitBreakerMethod method = breaker().minCalls(1).errorsRate(100).halfOpenTtlMillis(5_000)
                .halfOpenCoin(refuse::get).build();
        assertThatThrownBy(() -> fail(method)).isInstanceOf(IOException.class);
        // The first refused call starts the half-open phase (5 s from now).
        assertThatThrownBy(() -> succeed(method)).isInstanceOf(CircuitBreakerOpenException.class);
        clock.advance(Duration.ofMillis(2_000));
        // Open time over, half-open: the coin decides.
        assertThatThrownBy(() -> succeed(method)).isInstanceOf(CircuitBreakerOpenException.class);
        refuse.set(false);
        assertThat(succeed(method)).isEqualTo("ok2");
        clock.advance(Duration.ofMillis(3_000));
        refuse.set(true);
        assertThat(succeed(method)).isEqualTo("ok3");
    }

    @Test
    void fallbackAnswersWhileOpen() throws IOException {
        CircuitBreakerMethod method = breaker().minCalls(1).errorsRate(100).fallback(args -> "cached").build();
        assertThatThrownBy(() -> fail(method)).isInstanceOf(IOException.class);

        assertThat(succeed(method)).isEqualTo("cached");
        assertThat(method.callAsync(KEY, new Object[0], () -> CompletableFuture.completedFuture("x"))).isNotNull();
    }

    @Test
    void asyncOpensAndRefuses() {
        CircuitBreakerMethod method = breaker().build();
        for (int i = 0; i < 9; i++) {
            assertThat(method.callAsync(KEY, null, () -> CompletableFuture.completedFuture("ok")).join())
                    .isEqualTo("ok");
        }
        IOException failure = new IOException("down");
        CompletableFuture<String> failed = method.callAsync(KEY, null, () -> CompletableFuture.failedFuture(failure));
        assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class).hasCause(failure);

        CompletableFuture<String> refused = method.callAsync(KEY, null, () -> {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture("ok");
        });
        assertThatThrownBy(refused::join).hasCauseInstanceOf(CircuitBreakerOpenException.class);
        assertThat(calls).hasValue(0);
    }

    @Test
    void unreachableBackendNeverOpens() throws IOException {
        BrokenWritesBackend.Provider provider = new BrokenWritesBackend.Provider();
        try (Cashews broken = Cashews.builder().clock(clock).executor(Runnable::run).provider(provider).build()) {
            broken.setup("broken://");
            CircuitBreakerMethod method = CircuitBreakerMethod.builder(broken, KEY).errorsRate(1).periodMillis(1_000)
                    .ttlMillis(1_000).build();
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> fail(method)).isInstanceOf(IOException.class);
            }
            assertThat(succeed(method)).isEqualTo("ok4");
        }
    }

    @Test
    void settingsOutOfRangeAreRejected() {
        assertThatThrownBy(() -> breaker().errorsRate(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> breaker().errorsRate(101).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> breaker().minCalls(0).build()).isInstanceOf(IllegalArgumentException.class);
    }
}
