package io.cashews.processor;

import static io.cashews.processor.CompiledClasses.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import io.cashews.Cashews;
import io.cashews.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs generated proxies of {@code @Failover}, {@code @Hit}, {@code @Dynamic}, {@code @Early},
 * {@code @Soft}, stored exceptions and stacks on {@code mem://} with a manual clock; background
 * work queues until the test runs it.
 */
class StrategiesFunctionalTest {

    private static final String SERVICE = """
            package sx;

            import io.cashews.annotations.*;
            import java.io.IOException;
            import java.util.concurrent.CompletableFuture;

            public interface Service {
                @Failover(ttl = "1h", exceptions = IOException.class, key = "temp:{city}")
                @Cache(ttl = "10m", key = "temp:{city}")
                String temp(String city) throws IOException;

                @Failover(ttl = "1h", key = "atemp:{city}")
                @Cache(ttl = "10m", key = "atemp:{city}")
                CompletableFuture<String> asyncTemp(String city);

                @Failover(ttl = "1h", key = "ping")
                void ping() throws IOException;

                @Hit(ttl = "1h", cacheHits = 3, key = "hits:{id}")
                int hits(String id);

                @Hit(ttl = "1h", cacheHits = 3, updateAfter = 2, key = "ahits:{id}")
                CompletableFuture<Integer> asyncHits(String id);

                @Dynamic(key = "dyn:{id}")
                int dynamic(String id);

                @Early(ttl = "9m", key = "early:{id}")
                String early(String id) throws IOException;

                @Early(ttl = "9m", key = "aearly:{id}")
                CompletableFuture<String> asyncEarly(String id);

                @Soft(ttl = "30m", softTtl = "5m", exceptions = IOException.class, key = "soft:{id}")
                String soft(String id) throws IOException;

                @Soft(ttl = "30m", softTtl = "5m", key = "asoft:{id}")
                CompletableFuture<String> asyncSoft(String id);

                @Cache(ttl = "1h", key = "ex:{id}", withExceptions = IOException.class)
                String remembered(String id) throws IOException;

                @Failover(ttl = "1h", key = "fe:{id}")
                @Early(ttl = "9m", key = "e:{id}")
                String failEarly(String id) throws IOException;

                @Failover(ttl = "1h", key = "two:{id}", exceptions = java.sql.SQLException.class)
                @Hit(ttl = "1h", cacheHits = 1, key = "two:{id}")
                String two(String id) throws IOException, java.sql.SQLException;
            }
            """;

    private static final String IMPL = """
            package sx;

            import java.io.IOException;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.atomic.AtomicInteger;

            public class ServiceImpl implements Service {
                public final AtomicInteger calls = new AtomicInteger();
                public volatile IOException failure;

                private String next(String prefix) throws IOException {
                    int n = calls.incrementAndGet();
                    if (failure != null) {
                        throw failure;
                    }
                    return prefix + n;
                }

                private CompletableFuture<String> nextAsync(String prefix) {
                    try {
                        return CompletableFuture.completedFuture(next(prefix));
                    } catch (IOException e) {
                        return CompletableFuture.failedFuture(e);
                    }
                }

                @Override public String temp(String city) throws IOException { return next("t"); }
                @Override public CompletableFuture<String> asyncTemp(String city) { return nextAsync("a"); }
                @Override public void ping() throws IOException { next("p"); }
                @Override public int hits(String id) { return calls.incrementAndGet(); }
                @Override public CompletableFuture<Integer> asyncHits(String id) {
                    return CompletableFuture.completedFuture(calls.incrementAndGet());
                }
                @Override public int dynamic(String id) { return calls.incrementAndGet(); }
                @Override public String early(String id) throws IOException { return next("e"); }
                @Override public CompletableFuture<String> asyncEarly(String id) { return nextAsync("ae"); }
                @Override public String soft(String id) throws IOException { return next("s"); }
                @Override public CompletableFuture<String> asyncSoft(String id) { return nextAsync("as"); }
                @Override public String remembered(String id) throws IOException { return next("r"); }
                @Override public String failEarly(String id) throws IOException { return next("fe"); }
                public volatile java.sql.SQLException sql;
                @Override public String two(String id) throws IOException, java.sql.SQLException {
                    if (sql != null) {
                        calls.incrementAndGet();
                        throw sql;
                    }
                    return next("two");
                }
            }
            """;

    private static CompiledClasses classes;

    private final ManualClock clock = new ManualClock();
    private final ConcurrentLinkedQueue<Runnable> background = new ConcurrentLinkedQueue<>();
    private Cashews cache;
    private Object impl;
    private Object service;

    @BeforeAll
    static void compile() {
        Compilation compilation = Compilations.compile(
                Compilations.source("sx.Service", SERVICE), Compilations.source("sx.ServiceImpl", IMPL));
        Compilations.assertCleanSuccess(compilation);
        classes = new CompiledClasses(compilation);
    }

    @BeforeEach
    void setUp() throws Exception {
        cache = Cashews.builder().clock(clock).executor(background::add).build();
        cache.setup("mem://");
        impl = classes.create("sx.ServiceImpl");
        service = classes.create("sx.Service_Cached", impl, cache);
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    private int calls() throws Exception {
        return ((java.util.concurrent.atomic.AtomicInteger) impl.getClass().getField("calls").get(impl)).get();
    }

    private void failWith(IOException failure) throws Exception {
        impl.getClass().getField("failure").set(impl, failure);
    }

    private void runBackground() {
        for (Runnable task = background.poll(); task != null; task = background.poll()) {
            task.run();
        }
    }

    private static Object join(Object future) {
        return ((CompletableFuture<?>) future).join();
    }

    @Test
    void failoverOverCacheServesTheLastComputationOnFailure() throws Throwable {
        assertThat(call(service, "temp", "rome")).isEqualTo("t1");
        clock.advance(Duration.ofMinutes(11));
        failWith(new IOException("down"));
        assertThat(call(service, "temp", "rome")).isEqualTo("t1");
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void failoverOverCacheNeverStoresAServedValue() throws Throwable {
        call(service, "temp", "rome");
        assertThat(cache.<Object>get("fail:temp:rome")).isEqualTo("t1");
        cache.delete("fail:temp:rome");
        // The cache layer serves t1: the failover layer must not store it.
        assertThat(call(service, "temp", "rome")).isEqualTo("t1");
        assertThat(cache.exists("fail:temp:rome")).isFalse();
        clock.advance(Duration.ofMinutes(11));
        assertThat(call(service, "temp", "rome")).isEqualTo("t2");
        assertThat(cache.<Object>get("fail:temp:rome")).isEqualTo("t2");
    }

    @Test
    void failoverWithoutAStoredValueRethrows() throws Throwable {
        IOException down = new IOException("down");
        failWith(down);
        assertThatThrownBy(() -> call(service, "temp", "oslo")).isSameAs(down);
        assertThatThrownBy(() -> call(service, "ping")).isSameAs(down);
    }

    @Test
    void asyncFailoverOverCacheNeverStoresAServedValue() throws Throwable {
        assertThat(join(call(service, "asyncTemp", "rome"))).isEqualTo("a1");
        cache.delete("fail:atemp:rome");
        assertThat(join(call(service, "asyncTemp", "rome"))).isEqualTo("a1");
        assertThat(cache.exists("fail:atemp:rome")).isFalse();
        clock.advance(Duration.ofMinutes(11));
        assertThat(join(call(service, "asyncTemp", "rome"))).isEqualTo("a2");
        clock.advance(Duration.ofMinutes(11));
        failWith(new IOException("down"));
        assertThat(join(call(service, "asyncTemp", "rome"))).isEqualTo("a2");
    }

    @Test
    void theInstanceDefaultFailExceptionsApplyToProxiesCreatedAfterwards() throws Throwable {
        cache.setDefaultFailExceptions(java.io.UncheckedIOException.class);
        Object later = classes.create("sx.Service_Cached", impl, cache);
        assertThat(join(call(later, "asyncTemp", "rome"))).isEqualTo("a1");
        clock.advance(Duration.ofMinutes(11));
        failWith(new IOException("down"));
        // IOException is not an UncheckedIOException: the new proxy rethrows, the old one serves a1.
        assertThatThrownBy(() -> join(call(later, "asyncTemp", "rome"))).hasCauseInstanceOf(IOException.class);
        assertThat(join(call(service, "asyncTemp", "rome"))).isEqualTo("a1");
    }

    @Test
    void twoCheckedExceptionsPassThroughAStackUnchanged() throws Throwable {
        assertThat(call(service, "two", "x")).isEqualTo("two1");
        assertThat(call(service, "two", "x")).isEqualTo("two1");
        // cacheHits = 1: the third call computes again and fails.
        java.sql.SQLException sql = new java.sql.SQLException("db");
        impl.getClass().getField("sql").set(impl, sql);
        assertThat(call(service, "two", "x")).isEqualTo("two1");
        impl.getClass().getField("sql").set(impl, null);
        IOException down = new IOException("down");
        failWith(down);
        assertThatThrownBy(() -> call(service, "two", "x")).isSameAs(down);
    }

    @Test
    void voidFailoverSwallowsAFailureAfterASuccess() throws Throwable {
        call(service, "ping");
        failWith(new IOException("down"));
        call(service, "ping");
        assertThat(calls()).isEqualTo(2);
    }

    @Test
    void hitSequenceThroughTheProxy() throws Throwable {
        List<Object> results = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            results.add(call(service, "hits", "x"));
        }
        assertThat(results).containsExactly(1, 1, 1, 1, 2, 2, 2, 2, 3);
        // The ninth call computed and reset the counter; the tenth is the first hit on 3.
        assertThat(cache.exists("hit:hits:x:counter")).isFalse();
        assertThat(call(service, "hits", "x")).isEqualTo(3);
        assertThat(cache.incr("hit:hits:x:counter", 0, null)).isEqualTo(1);
    }

    @Test
    void asyncHitWithUpdateAfterRefreshesInTheBackground() throws Throwable {
        List<Object> results = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            results.add(join(call(service, "asyncHits", "x")));
            runBackground();
        }
        assertThat(results).containsExactly(1, 1, 1, 2, 2, 3, 3, 4, 4);
    }

    @Test
    void dynamicRefreshesOnEveryFirstHitWithADayTtl() throws Throwable {
        List<Object> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(call(service, "dynamic", "x"));
            runBackground();
        }
        assertThat(results).containsExactly(1, 1, 2, 3, 4, 5);
        assertThat(cache.getExpire("dynamic:dyn:x")).isBetween(86_000L, 86_400L);
    }

    @Test
    void tenConcurrentCallersOnAStaleEarlyEntryShareOneRecompute() throws Throwable {
        assertThat(call(service, "early", "x")).isEqualTo("e1");
        assertThat(cache.exists("early:v2:early:x")).isTrue();
        clock.advance(Duration.ofMinutes(4));
        ExecutorService callers = Executors.newFixedThreadPool(10);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                results.add(callers.submit(() -> {
                    start.await();
                    try {
                        return call(service, "early", "x");
                    } catch (Throwable e) {
                        throw new AssertionError(e);
                    }
                }));
            }
            start.countDown();
            for (Future<Object> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("e1");
            }
        } finally {
            callers.shutdownNow();
        }
        runBackground();
        assertThat(calls()).isEqualTo(2);
        assertThat(call(service, "early", "x")).isEqualTo("e2");
    }

    @Test
    void asyncEarlyServesTheStaleValueWhileRefreshing() throws Throwable {
        assertThat(join(call(service, "asyncEarly", "x"))).isEqualTo("ae1");
        clock.advance(Duration.ofMinutes(4));
        assertThat(join(call(service, "asyncEarly", "x"))).isEqualTo("ae1");
        runBackground();
        assertThat(join(call(service, "asyncEarly", "x"))).isEqualTo("ae2");
    }

    @Test
    void softFallsBackToTheOldValueOnFailure() throws Throwable {
        assertThat(call(service, "soft", "x")).isEqualTo("s1");
        clock.advance(Duration.ofMinutes(6));
        failWith(new IOException("down"));
        assertThat(call(service, "soft", "x")).isEqualTo("s1");
        failWith(null);
        assertThat(call(service, "soft", "x")).isEqualTo("s3");
    }

    @Test
    void asyncSoftFallsBackToo() throws Throwable {
        assertThat(join(call(service, "asyncSoft", "x"))).isEqualTo("as1");
        clock.advance(Duration.ofMinutes(6));
        failWith(new IOException("down"));
        assertThat(join(call(service, "asyncSoft", "x"))).isEqualTo("as1");
        clock.advance(Duration.ofMinutes(30));
        assertThatThrownBy(() -> join(call(service, "asyncSoft", "x"))).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void storedExceptionsAreRethrownByTheInlinedCachePath() throws Throwable {
        IOException down = new IOException("down");
        failWith(down);
        assertThatThrownBy(() -> call(service, "remembered", "x")).isSameAs(down);
        failWith(null);
        assertThatThrownBy(() -> call(service, "remembered", "x")).isSameAs(down);
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    void failoverOverEarlyStoresOnlyRealComputations() throws Throwable {
        assertThat(call(service, "failEarly", "x")).isEqualTo("fe1");
        assertThat(cache.<Object>get("fail:fe:x")).isEqualTo("fe1");
        cache.delete("fail:fe:x");
        clock.advance(Duration.ofMinutes(4));
        // Early serves the stale fe1 and queues a refresh: nothing to store for the failover.
        assertThat(call(service, "failEarly", "x")).isEqualTo("fe1");
        assertThat(cache.exists("fail:fe:x")).isFalse();
        runBackground();
        assertThat(call(service, "failEarly", "x")).isEqualTo("fe2");
        assertThat(cache.exists("fail:fe:x")).isFalse();
    }
}
