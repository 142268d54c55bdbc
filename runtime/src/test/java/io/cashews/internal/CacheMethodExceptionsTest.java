package io.cashews.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import io.cashews.codec.CachedException;
import io.cashews.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code withExceptions} / {@code onlyExceptions} on {@code @Cache}. */
class CacheMethodExceptionsTest {
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

    /** The sync path as a generated proxy writes it. */
    private static <T, E extends Exception> T call(CacheMethod method, String key, Loader<T, E> loader) throws E {
        Object hit = method.lookup(key);
        if (hit != CacheMethod.MISS) {
            return CacheMethod.value(hit);
        }
        return method.load(key, null, loader);
    }

    private Loader<String, IOException> failing(IOException failure) {
        return () -> {
            calls.incrementAndGet();
            throw failure;
        };
    }

    @Test
    void listedExceptionsAreStoredAndRethrownOnHitsUntilTheTtl() {
        CacheMethod method = CacheMethod.builder(cache, "k").ttlMillis(60_000).withExceptions(IOException.class).build();
        IOException down = new IOException("down");
        assertThatThrownBy(() -> call(method, "k", failing(down))).isSameAs(down);
        assertThatThrownBy(() -> call(method, "k", failing(down))).isSameAs(down);
        assertThat(calls).hasValue(1);
        assertThat(cache.<Object>get("k")).isInstanceOf(CachedException.class);
        clock.advance(Duration.ofMinutes(2));
        assertThat(call(method, "k", () -> "up")).isEqualTo("up");
        assertThat(call(method, "k", () -> "other")).isEqualTo("up");
    }

    @Test
    void unlistedExceptionsAreNotStored() {
        CacheMethod method = CacheMethod.builder(cache, "k").ttlMillis(60_000).withExceptions(IOException.class).build();
        IllegalStateException bug = new IllegalStateException("bug");
        assertThatThrownBy(() -> call(method, "k", () -> {
            throw bug;
        })).isSameAs(bug);
        assertThat(cache.exists("k")).isFalse();
    }

    @Test
    void onlyExceptionsNeverStoresResults() throws IOException {
        CacheMethod method = CacheMethod.builder(cache, "k").ttlMillis(60_000).onlyExceptions(IOException.class).build();
        assertThat(call(method, "k", () -> "a")).isEqualTo("a");
        assertThat(call(method, "k", () -> "b")).isEqualTo("b");
        IOException down = new IOException("down");
        assertThatThrownBy(() -> call(method, "k", failing(down))).isSameAs(down);
        assertThatThrownBy(() -> call(method, "k", () -> "c")).isSameAs(down);
    }

    @Test
    void asyncCallsStoreAndReplayExceptions() {
        CacheMethod method = CacheMethod.builder(cache, "k").ttlMillis(60_000).withExceptions(IOException.class).build();
        IOException down = new IOException("down");
        assertThatThrownBy(() -> method.<String>callAsync("k", null, () -> CompletableFuture.failedFuture(down)).join())
                .hasCause(down);
        assertThatThrownBy(() -> method.<String>callAsync("k", null, () -> CompletableFuture.completedFuture("x"))
                .join()).hasCause(down);
        assertThatThrownBy(() -> method.call("k", null, () -> "x")).isSameAs(down);
    }
}
