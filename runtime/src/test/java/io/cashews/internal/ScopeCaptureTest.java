package io.cashews.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.Command;
import io.cashews.Detect;
import io.cashews.DetectCall;
import io.cashews.KeyContext;
import io.cashews.Middleware;
import io.cashews.Scope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §10: a call captures the scopes of the thread that makes it, and its asynchronous
 * continuations honour them on whichever thread they run, even after the scopes closed.
 */
@SuppressWarnings("try") // scopes are opened for their effect
class ScopeCaptureTest {

    private final ExecutorService elsewhere = Executors.newFixedThreadPool(2);
    private final Cashews cache = new Cashews();

    @AfterEach
    void close() {
        cache.close();
        elsewhere.shutdownNow();
    }

    // Asynchronous replies arrive on another thread, as a remote backend's would.
    private Middleware remote() {
        return (command, backend, args, next) -> {
            Object result = next.call(args);
            return next.async() ? ((CompletableFuture<?>) result).thenApplyAsync(value -> value, elsewhere) : result;
        };
    }

    @Test
    void aDisablingScopeSkipsTheStoreOfAnAsyncCompletionOnAnotherThread() throws Exception {
        cache.setup("mem://");
        CacheMethod method = CacheMethod.builder(cache, "k").ttlMillis(60_000).build();
        CompletableFuture<String> gate = new CompletableFuture<>();
        CompletableFuture<String> result;
        try (Scope off = cache.disabling(Command.SET)) {
            result = method.callAsync("k", null, () -> gate.thenApplyAsync(value -> value, elsewhere));
        }
        gate.complete("computed");

        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("computed");
        assertThat(cache.exists("k")).as("the store ran with the caller's disabled SET").isFalse();

        CompletableFuture<String> control = new CompletableFuture<>();
        CompletableFuture<String> stored = method.callAsync("k", null, () -> control.thenApplyAsync(value -> value, elsewhere));
        control.complete("computed");
        assertThat(stored.get(5, TimeUnit.SECONDS)).isEqualTo("computed");
        assertThat(cache.<Object>get("k")).isEqualTo("computed");
    }

    @Test
    void aDisablingScopeIsHonouredThroughARemoteStyleBackend() throws Exception {
        cache.setup("mem://", remote());
        CacheMethod method = CacheMethod.builder(cache, "k").ttlMillis(60_000).build();
        CompletableFuture<String> result;
        try (Scope off = cache.disabling(Command.SET)) {
            result = method.callAsync("k", null, () -> CompletableFuture.supplyAsync(() -> "computed", elsewhere));
        }
        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("computed");
        assertThat(cache.exists("k")).isFalse();
    }

    @Test
    void aDetectScopeReceivesAHitServedOnAnotherThread() throws Exception {
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        cache.setup("mem://", (command, backend, args, next) -> {
            Object result = next.call(args);
            return next.async() ? ((CompletableFuture<?>) result).thenApplyAsync(value -> {
                threads.add(Thread.currentThread().getName());
                return value;
            }, elsewhere) : result;
        });
        cache.set("k", "stored");
        CacheMethod method = CacheMethod.builder(cache, "k").ttlMillis(60_000).build();
        try (Detect detect = cache.detect()) {
            String value = method.<String>callAsync("k", null, () -> CompletableFuture.completedFuture("x"))
                    .get(5, TimeUnit.SECONDS);

            assertThat(value).isEqualTo("stored");
            assertThat(threads).isNotEmpty().doesNotContain(Thread.currentThread().getName());
            List<DetectCall> calls = detect.calls().get("k");
            assertThat(calls).extracting(DetectCall::strategy).containsExactly("simple");
        }
    }

    @Test
    void keyContextIsVisibleToAConditionRunInTheAsyncCompletion() throws Exception {
        cache.setup("mem://");
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        CacheMethod method = CacheMethod.builder(cache, "k").ttlMillis(60_000)
                .condition((result, args, key) -> {
                    seen.add(Thread.currentThread().getName() + "|" + KeyContext.get("tenant"));
                    return true;
                })
                .build();
        CompletableFuture<String> gate = new CompletableFuture<>();
        CompletableFuture<String> result;
        try (Scope tenant = KeyContext.with("tenant", "acme")) {
            result = method.callAsync("k", null, () -> gate.thenApplyAsync(value -> value, elsewhere));
        }
        gate.complete("v");
        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("v");

        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).doesNotStartWith(Thread.currentThread().getName() + "|").endsWith("|acme");
    }

    @Test
    void otherLayersCarryTheScopesToo() throws Exception {
        cache.setup("mem://", remote());
        FailoverMethod failover = FailoverMethod.builder(cache, "fail:k").ttlMillis(60_000).build();
        HitMethod hit = HitMethod.builder(cache, "hit:k").ttlMillis(60_000).cacheHits(5).build();
        SoftMethod soft = SoftMethod.builder(cache, "soft:k").ttlMillis(60_000).build();
        EarlyMethod early = EarlyMethod.builder(cache, "early:v2:k").ttlMillis(60_000).build();
        try (Scope off = cache.disabling(Command.SET)) {
            failover.callAsync("fail:k", null, () -> CompletableFuture.supplyAsync(() -> "f", elsewhere)).get(5, TimeUnit.SECONDS);
            hit.callAsync("hit:k", null, () -> CompletableFuture.supplyAsync(() -> "h", elsewhere)).get(5, TimeUnit.SECONDS);
            soft.callAsync("soft:k", null, () -> CompletableFuture.supplyAsync(() -> "s", elsewhere)).get(5, TimeUnit.SECONDS);
            early.callAsync("early:v2:k", null, () -> CompletableFuture.supplyAsync(() -> "e", elsewhere)).get(5, TimeUnit.SECONDS);
        }
        assertThat(cache.scan("*").toList()).as("nothing but hit's counter was stored")
                .doesNotContain("fail:k", "hit:k", "soft:k", "early:v2:k");
    }
}
