package io.cashews.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.CacheBackendInteractionException;
import io.cashews.Cashews;
import io.cashews.backend.BackendContract;
import io.cashews.memory.MemoryBackendProvider;
import io.cashews.time.ManualClock;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Runs the backend contract through both SPI base classes and through the decorator base, with a
 * test scheme each.
 */
class SpiBaseContractTest {

    /** A provider of a test scheme that wraps a memory backend. */
    static BackendProvider wrapping(String scheme, BiFunction<Backend, BackendContext, Backend> wrap) {
        return new BackendProvider() {
            @Override
            public Set<String> schemes() {
                return Set.of(scheme);
            }

            @Override
            public Set<String> optionNames() {
                return new MemoryBackendProvider().optionNames();
            }

            @Override
            public Backend create(BackendContext context) {
                return wrap.apply(new MemoryBackendProvider().create(context), context);
            }
        };
    }

    @Nested
    class AsyncBase extends BackendContract {
        @Override
        protected Cashews createCache(ManualClock clock) {
            Cashews cache = Cashews.builder().clock(clock)
                    .provider(wrapping("remote", (inner, ctx) -> new DelegatingAsyncBackend(inner, ctx.executor())))
                    .build();
            cache.setup("remote://?check_interval=0");
            return cache;
        }
    }

    @Nested
    class BlockingBase extends BackendContract {
        @Override
        protected Cashews createCache(ManualClock clock) {
            Cashews cache = Cashews.builder().clock(clock)
                    .provider(wrapping("blocking", (inner, ctx) -> new DelegatingBlockingBackend(inner, ctx.executor())))
                    .build();
            cache.setup("blocking://?check_interval=0");
            return cache;
        }
    }

    @Nested
    class ForwardingBase extends BackendContract {
        @Override
        protected Cashews createCache(ManualClock clock) {
            // Every command of the contract, sync and async, as a BackendCall through intercept.
            Cashews cache = Cashews.builder().clock(clock)
                    .provider(wrapping("forwarding", (inner, ctx) -> new ForwardingBackend(inner) {
                        @Override
                        protected @Nullable Object intercept(BackendCall call) {
                            return call.run(delegate(), call.args().clone());
                        }
                    }))
                    .build();
            cache.setup("forwarding://?check_interval=0");
            return cache;
        }
    }

    @Test
    void builderProviderWinsAndItsSchemeIsListedWhenUnknown() {
        Cashews cache = Cashews.builder()
                .provider(wrapping("remote", (inner, ctx) -> inner))
                .build();
        assertThatThrownBy(() -> cache.setup("nope://"))
                .hasMessageContaining("known schemes: mem, remote");
    }

    @Test
    void syncSideRethrowsUncheckedFailuresUnwrapped() {
        IllegalStateException failure = new IllegalStateException("boom");
        assertThatThrownBy(() -> AbstractAsyncBackend.await(CompletableFuture.failedFuture(failure))).isSameAs(failure);
        CompletableFuture<Object> dependent = CompletableFuture.failedFuture(failure).thenApply(x -> x);
        assertThatThrownBy(() -> AbstractAsyncBackend.await(dependent)).isSameAs(failure);
    }

    @Test
    void syncSideWrapsCheckedFailures() {
        IOException failure = new IOException("connection reset");
        assertThatThrownBy(() -> AbstractAsyncBackend.await(CompletableFuture.failedFuture(failure)))
                .isInstanceOf(CacheBackendInteractionException.class)
                .hasCause(failure);
        CompletableFuture<Object> cancelled = new CompletableFuture<>();
        cancelled.cancel(false);
        assertThatThrownBy(() -> AbstractAsyncBackend.await(cancelled))
                .isInstanceOf(CacheBackendInteractionException.class);
    }

    @Test
    void blockingBaseRunsAsyncCommandsOnTheExecutor() throws Exception {
        Thread[] ranOn = new Thread[1];
        Cashews cache = Cashews.builder()
                .executor(task -> {
                    Thread thread = new Thread(task, "offload-test");
                    ranOn[0] = thread;
                    thread.start();
                })
                .provider(wrapping("blocking", (inner, ctx) -> new DelegatingBlockingBackend(inner, ctx.executor())))
                .build();
        cache.setup("blocking://", Map.of("check_interval", 0));
        assertThat(cache.async().set("k", "v").get()).isTrue();
        assertThat(ranOn[0]).isNotNull();
        assertThat(ranOn[0].getName()).isEqualTo("offload-test");
        cache.close();
    }
}
