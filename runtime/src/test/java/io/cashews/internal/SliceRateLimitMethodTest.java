package io.cashews.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
class SliceRateLimitMethodTest {
    private final ManualClock clock = new ManualClock();
    private final AtomicInteger calls = new AtomicInteger();
    private Cashews cache;
    private SliceRateLimitMethod method;

    @BeforeEach
    void setUp() {
        cache = Cashews.builder().clock(clock).executor(Runnable::run).build();
        cache.setup("mem://");
        method = SliceRateLimitMethod.builder(cache, "srl:{id}").limit(2).periodMillis(10_000).build();
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    private String outcome() {
        try {
            method.call("srl:k", null, calls::incrementAndGet);
            return "ok";
        } catch (RateLimitException e) {
            return "limited";
        }
    }

    private String asyncOutcome() {
        try {
            method.callAsync("srl:k", null, () -> CompletableFuture.completedFuture(calls.incrementAndGet())).join();
            return "ok";
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(RateLimitException.class);
            return "limited";
        }
    }

    private void at(long millis) {
        clock.advance(Duration.ofMillis(millis));
    }

    @Test
    void windowSlidesWithEachAcceptedCall() {
        assertThat(outcome()).isEqualTo("ok");          // t = 0
        at(1_000);
        assertThat(outcome()).isEqualTo("ok");          // t = 1 s
        at(1_000);
        assertThat(outcome()).isEqualTo("limited");     // t = 2 s: two calls in (-8 s, 2 s]
        at(8_000);
        assertThat(outcome()).isEqualTo("ok");          // t = 10 s: the call at 0 left (0, 10 s]
        at(500);
        assertThat(outcome()).isEqualTo("limited");     // t = 10.5 s: calls at 1 s and 10 s
        at(500);
        assertThat(outcome()).isEqualTo("ok");          // t = 11 s: the call at 1 s left
        assertThat(calls).hasValue(4);
    }

    @Test
    void refusedCallsDoNotExtendTheLimit() {
        outcome();
        outcome();
        for (int i = 0; i < 9; i++) {
            at(1_000);
            assertThat(outcome()).isEqualTo("limited");
        }
        at(1_000);
        // Both accepted calls were at 0; refused ones were not recorded.
        assertThat(outcome()).isEqualTo("ok");
    }

    @Test
    void asyncSharesTheWindowWithSync() {
        assertThat(asyncOutcome()).isEqualTo("ok");
        assertThat(outcome()).isEqualTo("ok");
        assertThat(asyncOutcome()).isEqualTo("limited");
        at(10_000);
        assertThat(asyncOutcome()).isEqualTo("ok");
    }

    @Test
    void fallbackAnswersRefusedCalls() {
        SliceRateLimitMethod limited = SliceRateLimitMethod.builder(cache, "srl:{id}").limit(1).periodMillis(1_000)
                .fallback(args -> "later " + args[0]).build();
        SliceRateLimitMethod limitedAsync = SliceRateLimitMethod.builder(cache, "srl:{id}").limit(1).periodMillis(1_000)
                .fallback(args -> CompletableFuture.completedFuture("later " + args[0])).build();
        Object[] args = {"x"};

        assertThat(limited.call("srl:f", args, () -> "now")).isEqualTo("now");
        assertThat(limited.call("srl:f", args, () -> "now")).isEqualTo("later x");
        assertThat(limitedAsync.callAsync("srl:f", args, () -> CompletableFuture.completedFuture("now")).join())
                .isEqualTo("later x");
    }

    @Test
    void disabledOrUnreachableBackendNeverLimits() {
        try (Scope off = cache.disabling(Command.SLICE_INCR)) {
            for (int i = 0; i < 4; i++) {
                assertThat(outcome()).isEqualTo("ok");
                assertThat(asyncOutcome()).isEqualTo("ok");
            }
        }
        BrokenWritesBackend.Provider provider = new BrokenWritesBackend.Provider();
        try (Cashews broken = Cashews.builder().clock(clock).executor(Runnable::run).provider(provider).build()) {
            broken.setup("broken://");
            method = SliceRateLimitMethod.builder(broken, "srl:{id}").limit(1).periodMillis(1_000).build();
            for (int i = 0; i < 3; i++) {
                assertThat(outcome()).isEqualTo("ok");
                assertThat(asyncOutcome()).isEqualTo("ok");
            }
        }
    }
}
