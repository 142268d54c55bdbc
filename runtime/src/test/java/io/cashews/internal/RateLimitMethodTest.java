package io.cashews.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import io.cashews.Command;
import io.cashews.RateLimitException;
import io.cashews.Scope;
import io.cashews.time.ManualClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try")
class RateLimitMethodTest {
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

    private String call(RateLimitMethod method) {
        return method.call("rate_limit:k", new Object[] {"a"}, () -> "ok" + calls.incrementAndGet());
    }

    private String outcome(RateLimitMethod method) {
        try {
            call(method);
            return "ok";
        } catch (RateLimitException e) {
            return "limited";
        }
    }

    private String asyncOutcome(RateLimitMethod method) {
        CompletableFuture<String> result = method.callAsync("rate_limit:k", null,
                () -> CompletableFuture.completedFuture("ok" + calls.incrementAndGet()));
        try {
            result.join();
            return "ok";
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(RateLimitException.class);
            return "limited";
        }
    }

    @Test
    void banKeepsTheKeyLimitedAfterItsWindowEnds() {
        RateLimitMethod method = RateLimitMethod.builder(cache, "rate_limit:{id}").limit(2).periodMillis(1_000)
                .banMillis(3_000).build();

        assertThat(outcome(method)).isEqualTo("ok");
        assertThat(outcome(method)).isEqualTo("ok");
        assertThat(outcome(method)).isEqualTo("limited");
        assertThat(outcome(method)).isEqualTo("limited");
        clock.advance(Duration.ofMillis(2_000));
        // The window is over, the ban (3 s from the first refused call) is not.
        assertThat(outcome(method)).isEqualTo("limited");
        clock.advance(Duration.ofMillis(1_500));
        assertThat(outcome(method)).isEqualTo("ok");
        assertThat(calls).hasValue(3);
    }

    @Test
    void asyncFollowsTheSameSequence() {
        RateLimitMethod method = RateLimitMethod.builder(cache, "rate_limit:{id}").limit(2).periodMillis(1_000)
                .banMillis(3_000).build();

        assertThat(asyncOutcome(method)).isEqualTo("ok");
        assertThat(asyncOutcome(method)).isEqualTo("ok");
        assertThat(asyncOutcome(method)).isEqualTo("limited");
        assertThat(asyncOutcome(method)).isEqualTo("limited");
        clock.advance(Duration.ofMillis(2_000));
        assertThat(asyncOutcome(method)).isEqualTo("limited");
        clock.advance(Duration.ofMillis(1_500));
        assertThat(asyncOutcome(method)).isEqualTo("ok");
        assertThat(calls).hasValue(3);
    }

    @Test
    void withoutBanANewWindowAcceptsAgain() {
        RateLimitMethod method = RateLimitMethod.builder(cache, "rate_limit:{id}").limit(1).periodMillis(1_000).build();

        assertThat(outcome(method)).isEqualTo("ok");
        assertThat(outcome(method)).isEqualTo("limited");
        clock.advance(Duration.ofMillis(999));
        assertThat(outcome(method)).isEqualTo("limited");
        clock.advance(Duration.ofMillis(1));
        assertThat(outcome(method)).isEqualTo("ok");
    }

    @Test
    void fallbackAnswersRefusedCallsWithTheArguments() {
        RateLimitMethod method = RateLimitMethod.builder(cache, "rate_limit:{id}").limit(1).periodMillis(1_000)
                .fallback(args -> "busy " + args[0]).build();

        assertThat(call(method)).isEqualTo("ok1");
        assertThat(call(method)).isEqualTo("busy a");
        assertThat(calls).hasValue(1);
    }

    @Test
    void asyncFallbackReturnsItsStage() {
        RateLimitMethod method = RateLimitMethod.builder(cache, "rate_limit:{id}").limit(1).periodMillis(1_000)
                .fallback(args -> CompletableFuture.completedFuture("busy " + args[0])).build();
        Object[] args = {"b"};

        assertThat(method.callAsync("rate_limit:k", args, () -> CompletableFuture.completedFuture("ok")).join())
                .isEqualTo("ok");
        assertThat(method.callAsync("rate_limit:k", args, () -> CompletableFuture.completedFuture("ok")).join())
                .isEqualTo("busy b");
    }

    @Test
    void checkedExceptionOfTheFallbackPassesUnchanged() {
        java.io.IOException failure = new java.io.IOException("no");
        RateLimitMethod method = RateLimitMethod.builder(cache, "rate_limit:{id}").limit(1).periodMillis(1_000)
                .fallback(args -> {
                    throw failure;
                }).build();
        call(method);

        assertThatThrownBy(() -> call(method)).isSameAs(failure);
    }

    @Test
    void twoStrategiesOnOneKeyShareTheLimit() {
        RateLimitMethod first = RateLimitMethod.builder(cache, "rate_limit:{id}").limit(2).periodMillis(1_000).build();
        RateLimitMethod second = RateLimitMethod.builder(cache, "rate_limit:{id}").limit(2).periodMillis(1_000).build();

        assertThat(outcome(first)).isEqualTo("ok");
        assertThat(outcome(second)).isEqualTo("ok");
        assertThat(outcome(first)).isEqualTo("limited");
    }

    @Test
    void disabledCounterNeverLimits() {
        RateLimitMethod method = RateLimitMethod.builder(cache, "rate_limit:{id}").limit(1).periodMillis(1_000).build();
        try (Scope off = cache.disabling(Command.INCR)) {
            for (int i = 0; i < 5; i++) {
                assertThat(outcome(method)).isEqualTo("ok");
                assertThat(asyncOutcome(method)).isEqualTo("ok");
            }
        }
    }

    @Test
    void unreachableBackendNeverLimits() {
        BrokenWritesBackend.Provider provider = new BrokenWritesBackend.Provider();
        try (Cashews broken = Cashews.builder().clock(clock).executor(Runnable::run).provider(provider).build()) {
            broken.setup("broken://");
            RateLimitMethod method = RateLimitMethod.builder(broken, "rate_limit:{id}").limit(1).periodMillis(1_000)
                    .banMillis(5_000).build();
            for (int i = 0; i < 3; i++) {
                assertThat(outcome(method)).isEqualTo("ok");
                assertThat(asyncOutcome(method)).isEqualTo("ok");
            }
        }
    }

    @Test
    void settingsOutOfRangeAreRejected() {
        assertThatThrownBy(() -> RateLimitMethod.builder(cache, "t").limit(0).periodMillis(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit 0");
        assertThatThrownBy(() -> RateLimitMethod.builder(cache, "t").limit(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("period 0");
    }
}
