package io.cashews.processor;

import static io.cashews.processor.CompiledClasses.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import io.cashews.Cashews;
import io.cashews.LockedException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code @CacheTransaction} through generated proxies on {@code mem://}, sync and {@code CompletableFuture}. */
@SuppressWarnings("try") // transactions are opened for their effect
class TransactionFunctionalTest {

    private static final String ORDERS = """
            package tx;

            import io.cashews.annotations.*;
            import java.io.IOException;
            import java.util.concurrent.CompletableFuture;

            public interface Orders {
                @CacheTransaction
                String place(String id, boolean fail) throws IOException;

                @CacheTransaction(mode = CacheTransaction.Mode.FAST, timeout = "2s")
                CompletableFuture<String> placeAsync(String id, boolean fail);

                // A lease far longer than the test: with 100 ms it could end while the holder
                // waited, on a loaded machine, and the writer then took the lock.
                @CacheTransaction(timeout = "30s")
                String hold(String id) throws InterruptedException;

                @CacheTransaction
                @Cache(ttl = "1h", key = "cached:{id}")
                String cachedInside(String id, boolean fail);

                @CacheTransaction(mode = CacheTransaction.Mode.SERIALIZABLE)
                @Cache(ttl = "1h", key = "acached:{id}")
                CompletableFuture<String> cachedAsync(String id, boolean fail);

                @Cache(ttl = "1h", key = "lookup:{id}")
                CompletableFuture<String> lookup(String id);
            }
            """;

    private static final String ORDERS_IMPL = """
            package tx;

            import io.cashews.Cashews;
            import java.io.IOException;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.Executor;
            import java.util.concurrent.TimeUnit;

            public final class OrdersImpl implements Orders {
                private final Cashews cache;
                private final Executor elsewhere;
                public final CompletableFuture<String> gate = new CompletableFuture<>();
                public final CountDownLatch holding = new CountDownLatch(1);
                public final CountDownLatch release = new CountDownLatch(1);
                public volatile Object seenInside;
                public volatile Object seenElsewhere;

                public OrdersImpl(Cashews cache, Executor elsewhere) {
                    this.cache = cache;
                    this.elsewhere = elsewhere;
                }

                private void write(String id) {
                    cache.set("order:" + id, "placed " + id);
                    cache.incr("orders");
                    seenInside = cache.get("order:" + id);
                    seenElsewhere = CompletableFuture.supplyAsync(() -> cache.get("order:" + id, "<missing>"), elsewhere)
                            .join();
                }

                @Override public String place(String id, boolean fail) throws IOException {
                    write(id);
                    if (fail) {
                        throw new IOException("cannot place " + id);
                    }
                    return "placed " + id;
                }

                @Override public CompletableFuture<String> placeAsync(String id, boolean fail) {
                    write(id);
                    return gate.thenApplyAsync(value -> {
                        if (fail) {
                            throw new IllegalStateException("cannot place " + id);
                        }
                        return value + " " + id;
                    }, elsewhere);
                }

                @Override public String hold(String id) throws InterruptedException {
                    cache.set("held:" + id, 1);
                    holding.countDown();
                    release.await(10, TimeUnit.SECONDS);
                    return "held " + id;
                }

                @Override public CompletableFuture<String> cachedAsync(String id, boolean fail) {
                    return CompletableFuture.supplyAsync(() -> {
                        if (fail) {
                            throw new IllegalStateException("no " + id);
                        }
                        return "async " + id;
                    }, elsewhere);
                }

                @Override public CompletableFuture<String> lookup(String id) {
                    return CompletableFuture.supplyAsync(() -> "looked up " + id, elsewhere);
                }

                @Override public String cachedInside(String id, boolean fail) {
                    cache.set("side:" + id, 1);
                    if (fail) {
                        throw new IllegalArgumentException("no " + id);
                    }
                    return "value " + id;
                }
            }
            """;

    private static CompiledClasses classes;

    private ExecutorService executor;
    private Cashews cache;
    private Object impl;
    private Object proxy;

    @BeforeAll
    static void compile() {
        Compilation compilation = Compilations.compile(
                Compilations.source("tx.Orders", ORDERS),
                Compilations.source("tx.OrdersImpl", ORDERS_IMPL));
        Compilations.assertCleanSuccess(compilation);
        classes = new CompiledClasses(compilation);
    }

    @BeforeEach
    void setUp() throws Exception {
        executor = Executors.newFixedThreadPool(4);
        cache = Cashews.builder().executor(executor).build();
        cache.setup("mem://");
        impl = classes.create("tx.OrdersImpl", cache, executor);
        proxy = classes.create("tx.Orders_Cached", impl, cache);
    }

    @AfterEach
    void tearDown() {
        cache.close();
        executor.shutdownNow();
    }

    private Object field(String name) throws Exception {
        return impl.getClass().getField(name).get(impl);
    }

    @Test
    void aSyncCallCommitsWhenItReturns() throws Throwable {
        assertThat(call(proxy, "place", "1", false)).isEqualTo("placed 1");
        assertThat(field("seenInside")).isEqualTo("placed 1");
        assertThat(field("seenElsewhere")).isEqualTo("<missing>");
        assertThat(cache.<Object>get("order:1")).isEqualTo("placed 1");
        assertThat(cache.<Object>get("orders")).isEqualTo(1L);
    }

    @Test
    void aSyncCallRollsBackWhenItThrowsAndTheExceptionPassesUnchanged() throws Throwable {
        cache.set("orders", 5);
        assertThatThrownBy(() -> call(proxy, "place", "2", true))
                .isInstanceOf(IOException.class).hasMessage("cannot place 2");
        assertThat(field("seenInside")).isEqualTo("placed 2");
        assertThat(cache.exists("order:2")).isFalse();
        assertThat(cache.<Object>get("orders")).isEqualTo(5);
        assertThat(cache.scan("*").toList()).containsExactly("orders");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAsyncCallCommitsWhenItsFutureCompletesOnAnotherThread() throws Throwable {
        CompletableFuture<String> result = (CompletableFuture<String>) call(proxy, "placeAsync", "3", false);
        assertThat(result).isNotDone();
        assertThat(field("seenInside")).isEqualTo("placed 3");
        assertThat(cache.exists("order:3")).as("not committed yet, and not this thread's transaction").isFalse();
        ((CompletableFuture<String>) field("gate")).complete("ok");
        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("ok 3");
        assertThat(cache.<Object>get("order:3")).isEqualTo("placed 3");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAsyncCallRollsBackWhenItsFutureFails() throws Throwable {
        CompletableFuture<String> result = (CompletableFuture<String>) call(proxy, "placeAsync", "4", true);
        ((CompletableFuture<String>) field("gate")).complete("ok");
        assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(IllegalStateException.class).hasRootCauseMessage("cannot place 4");
        assertThat(cache.exists("order:4")).isFalse();
        assertThat(cache.exists("orders")).isFalse();
    }

    @Test
    void aCacheLayerInsideTheTransactionStoresOnCommitOnly() throws Throwable {
        assertThat(call(proxy, "cachedInside", "a", false)).isEqualTo("value a");
        assertThat(cache.<Object>get("cached:a")).isEqualTo("value a");
        assertThat(cache.exists("side:a")).isTrue();

        assertThatThrownBy(() -> call(proxy, "cachedInside", "b", true)).isInstanceOf(IllegalArgumentException.class);
        assertThat(cache.exists("side:b")).isFalse();
        assertThat(cache.exists("cached:b")).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAsyncCacheLayerStoresIntoTheTransactionFromTheThreadThatCompletesIt() throws Throwable {
        CompletableFuture<String> ok = (CompletableFuture<String>) call(proxy, "cachedAsync", "a", false);
        assertThat(ok.get(5, TimeUnit.SECONDS)).isEqualTo("async a");
        assertThat(cache.<Object>get("acached:a")).isEqualTo("async a");
        assertThat(cache.scan(":*").count()).as("the serializable lock is released").isZero();

        CompletableFuture<String> failed = (CompletableFuture<String>) call(proxy, "cachedAsync", "b", true);
        assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("no b");
        assertThat(cache.exists("acached:b")).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aProxiedAsyncCallMadeInsideATransactionCarriesIt() throws Throwable {
        try (io.cashews.CacheTransaction tx = cache.transaction()) {
            CompletableFuture<String> result = (CompletableFuture<String>) call(proxy, "lookup", "1");
            assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("looked up 1");
            // Stored by the thread that completed the delegate's future, into this transaction.
            assertThat(cache.<Object>get("lookup:1")).isEqualTo("looked up 1");
            assertThat(CompletableFuture.supplyAsync(() -> cache.exists("lookup:1"), executor).get()).isFalse();
        }
        assertThat(cache.exists("lookup:1")).as("rolled back with the transaction").isFalse();
    }

    @Test
    void aCallJoinsATransactionOpenOnTheCallingThread() throws Throwable {
        try (io.cashews.CacheTransaction tx = cache.transaction()) {
            call(proxy, "place", "5", false);
            assertThat(CompletableFuture.supplyAsync(() -> cache.exists("order:5"), executor).get()).isFalse();
        }
        assertThat(cache.exists("order:5")).as("the outer transaction rolled back").isFalse();
    }

    @Test
    void aWriterWaitingLongerThanTheTimeoutGetsLockedException() throws Throwable {
        Future<Object> holder = executor.submit(() -> {
            try {
                return call(proxy, "hold", "x");
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(((CountDownLatch) field("holding")).await(5, TimeUnit.SECONDS)).isTrue();
        try {
            assertThatThrownBy(() -> cache.transaction(io.cashews.TransactionMode.LOCKED, Duration.ofMillis(50), () ->
                    cache.set("held:x", 2))).isInstanceOf(LockedException.class);
        } finally {
            ((CountDownLatch) field("release")).countDown();
        }
        assertThat(holder.get(5, TimeUnit.SECONDS)).isEqualTo("held x");
        assertThat(cache.<Object>get("held:x")).isEqualTo(1);
    }
}
