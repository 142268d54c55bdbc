package io.cashews.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import io.cashews.Command;
import io.cashews.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code @Invalidate}: deletes rendered keys, globs and tags after a normal return only. */
class InvalidateMethodTest {
    private Cashews cache;
    private InvalidateMethod method;

    @BeforeEach
    void setUp() {
        cache = Cashews.builder().clock(new ManualClock()).executor(Runnable::run).build();
        cache.setup("mem://");
        cache.registerTag("user:{id}", "orders:{id}");
        cache.set("user:1", "u1");
        cache.set("items:page:1", "p1");
        cache.set("items:page:2", "p2");
        cache.set("orders:1", "o1", Duration.ofMinutes(1), "user:1");
        cache.set("keep", "k");
        method = InvalidateMethod.builder(cache, "\"user:{id}\", \"items:page:*\", tag \"user:{id}\"")
                .keys(args -> new String[] {"user:" + args[0]})
                .patterns(args -> new String[] {"items:page:*"})
                .tags(args -> new String[] {"user:" + args[0]})
                .build();
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    private void assertInvalidated() {
        assertThat(cache.exists("user:1")).isFalse();
        assertThat(cache.exists("items:page:1")).isFalse();
        assertThat(cache.exists("items:page:2")).isFalse();
        assertThat(cache.exists("orders:1")).isFalse();
        assertThat(cache.<Object>get("keep")).isEqualTo("k");
    }

    @Test
    void deletesAfterANormalReturn() {
        assertThat(method.<String, RuntimeException>call("invalidate:m", new Object[] {1}, () -> {
            assertThat(cache.exists("user:1")).as("not before the call").isTrue();
            return "saved";
        })).isEqualTo("saved");
        assertInvalidated();
    }

    @Test
    void aThrowingCallDeletesNothing() {
        assertThatThrownBy(() -> method.<String, IOException>call("invalidate:m", new Object[] {1}, () -> {
            throw new IOException("refused");
        })).isInstanceOf(IOException.class);
        assertThat(cache.exists("user:1")).isTrue();
        assertThat(cache.exists("orders:1")).isTrue();
    }

    @Test
    void asyncDeletesWhenTheStageCompletesNormally() throws Exception {
        CompletableFuture<String> work = new CompletableFuture<>();
        CompletableFuture<String> result = method.callAsync("invalidate:m", new Object[] {1}, () -> work);
        assertThat(cache.exists("user:1")).isTrue();
        work.complete("done");
        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("done");
        assertInvalidated();
    }

    @Test
    void aFailedStageDeletesNothing() {
        CompletableFuture<String> result = method.callAsync("invalidate:m", new Object[] {1},
                () -> CompletableFuture.failedFuture(new IllegalStateException("no")));
        assertThat(result).failsWithin(5, TimeUnit.SECONDS);
        assertThat(cache.exists("user:1")).isTrue();
    }

    @Test
    void disabledDeletesLeaveTheResultAlone() {
        cache.disable(Command.DELETE, Command.DELETE_MATCH, Command.DELETE_MANY, Command.SET_POP);
        assertThat(method.<String, RuntimeException>call("invalidate:m", new Object[] {1}, () -> "saved"))
                .isEqualTo("saved");
        cache.enable();
        assertThat(cache.exists("user:1")).isTrue();
    }

    @Test
    void aStrategyThatDeletesNothingIsRefused() {
        assertThatThrownBy(() -> InvalidateMethod.builder(cache, "nothing").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("deletes nothing");
        assertThatThrownBy(() -> method.<String, RuntimeException>call("invalidate:m", null, () -> "x"))
                .isInstanceOf(NullPointerException.class);
    }
}
