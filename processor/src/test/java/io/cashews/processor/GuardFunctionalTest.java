package io.cashews.processor;

import static io.cashews.processor.CompiledClasses.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import io.cashews.Cashews;
import io.cashews.CircuitBreakerOpenException;
import io.cashews.LockedException;
import io.cashews.RateLimitException;
import io.cashews.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @Locked}, {@code @RateLimit}, {@code @SliceRateLimit} and {@code @CircuitBreaker} through
 * generated proxies on {@code mem://} with a manual clock, sync and {@code CompletableFuture}.
 */
class GuardFunctionalTest {

    private static final String GUARDED = """
            package gx;

            import io.cashews.annotations.*;
            import java.io.IOException;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;

            public interface Guarded {
                @RateLimit(limit = 2, period = "1s", ttl = "3s", key = "api:{user}")
                String api(String user);

                @RateLimit(limit = 2, period = "1s", ttl = "3s", key = "apiAsync:{user}")
                CompletableFuture<String> apiAsync(String user);

                @SliceRateLimit(limit = 2, period = "10s", key = "search:{query}", fallback = "slow")
                String search(String query, List<String> filters);

                String slow(String query, List<String> filters);

                @SliceRateLimit(limit = 1, period = "10s", fallback = "slowAsync")
                CompletableFuture<String> searchAsync(String query);

                CompletableFuture<String> slowAsync(String query);

                @CircuitBreaker(errorsRate = 5, period = "1m", ttl = "10s", minCalls = 10, exceptions = IOException.class)
                String pay(int amount) throws IOException;

                @CircuitBreaker(errorsRate = 50, period = "1m", ttl = "10s", minCalls = 2, fallback = "payLater")
                CompletableFuture<String> payAsync(int amount);

                CompletableFuture<String> payLater(int amount);

                @Locked(ttl = "1m", checkInterval = "1ms")
                String job(String name) throws InterruptedException;

                @Locked(ttl = "1m", key = "job:{name}", waitForLock = false)
                String exclusive(String name) throws InterruptedException;

                @Locked(ttl = "1m", key = "job:{name}")
                CompletableFuture<String> jobAsync(String name);

                @RateLimit(limit = 1, period = "1m", fallback = "cachedAnswer")
                String limitedWithCachedFallback(String id);

                @Cache(ttl = "1h", key = "answer:{id}")
                String cachedAnswer(String id);

                @RateLimit(limit = 2, period = "1m")
                @Cache(ttl = "1h", key = "rc:{id}")
                String rateOverCache(String id);

                @SliceRateLimit(limit = 1, period = "1m")
                void fire(String id);

                @Failover(ttl = "1h", key = "quote")
                @CircuitBreaker(errorsRate = 50, period = "1m", ttl = "10s", minCalls = 2)
                String quote(boolean fail) throws IOException;
            }
            """;

    private static final String GUARDED_IMPL = """
            package gx;

            import java.io.IOException;
            import java.util.List;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CountDownLatch;
            import java.util.concurrent.TimeUnit;
            import java.util.concurrent.atomic.AtomicInteger;

            public final class GuardedImpl implements Guarded {
                public final AtomicInteger calls = new AtomicInteger();
                public final AtomicInteger fallbacks = new AtomicInteger();
                public final AtomicInteger running = new AtomicInteger();
                public final AtomicInteger maxRunning = new AtomicInteger();
                public final CountDownLatch entered = new CountDownLatch(1);
                public final CountDownLatch release = new CountDownLatch(1);

                @Override public String api(String user) { return "api" + calls.incrementAndGet(); }
                @Override public CompletableFuture<String> apiAsync(String user) {
                    return CompletableFuture.completedFuture("api" + calls.incrementAndGet());
                }
                @Override public String search(String query, List<String> filters) {
                    return "found " + query + filters + calls.incrementAndGet();
                }
                @Override public String slow(String query, List<String> filters) {
                    fallbacks.incrementAndGet();
                    return "slow " + query + filters;
                }
                @Override public CompletableFuture<String> searchAsync(String query) {
                    return CompletableFuture.completedFuture("found " + query + calls.incrementAndGet());
                }
                @Override public CompletableFuture<String> slowAsync(String query) {
                    fallbacks.incrementAndGet();
                    return CompletableFuture.completedFuture("slow " + query);
                }
                @Override public String pay(int amount) throws IOException {
                    calls.incrementAndGet();
                    if (amount < 0) {
                        throw new IOException("refused " + amount);
                    }
                    return "paid " + amount;
                }
                @Override public CompletableFuture<String> payAsync(int amount) {
                    calls.incrementAndGet();
                    return amount < 0 ? CompletableFuture.failedFuture(new IllegalStateException("down"))
                            : CompletableFuture.completedFuture("paid " + amount);
                }
                @Override public CompletableFuture<String> payLater(int amount) {
                    fallbacks.incrementAndGet();
                    return CompletableFuture.completedFuture("later " + amount);
                }
                @Override public String job(String name) throws InterruptedException {
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    entered.countDown();
                    release.await(10, TimeUnit.SECONDS);
                    running.decrementAndGet();
                    return "done " + name + calls.incrementAndGet();
                }
                @Override public String exclusive(String name) throws InterruptedException {
                    return job(name);
                }
                @Override public CompletableFuture<String> jobAsync(String name) {
                    return CompletableFuture.completedFuture("async " + name + calls.incrementAndGet());
                }
                @Override public String limitedWithCachedFallback(String id) { return "live" + calls.incrementAndGet(); }
                @Override public String cachedAnswer(String id) { return "answer" + fallbacks.incrementAndGet(); }
                @Override public String rateOverCache(String id) { return "rc" + calls.incrementAndGet(); }
                @Override public void fire(String id) { calls.incrementAndGet(); }
                @Override public String quote(boolean fail) throws IOException {
                    int call = calls.incrementAndGet();
                    if (fail) {
                        throw new IOException("no quote");
                    }
                    return "quote" + call;
                }
            }
            """;

    private static CompiledClasses classes;

    private ManualClock clock;
    private ExecutorService executor;
    private Cashews cache;
    private Object impl;
    private Object proxy;

    @BeforeAll
    static void compile() {
        Compilation compilation = Compilations.compile(
                Compilations.source("gx.Guarded", GUARDED),
                Compilations.source("gx.GuardedImpl", GUARDED_IMPL));
        Compilations.assertCleanSuccess(compilation);
        classes = new CompiledClasses(compilation);
    }

    @BeforeEach
    void setUp() throws Exception {
        clock = new ManualClock();
        executor = Executors.newFixedThreadPool(4);
        cache = Cashews.builder().clock(clock).executor(executor).build();
        cache.setup("mem://");
        impl = classes.create("gx.GuardedImpl");
        proxy = newProxy(impl);
    }

    @AfterEach
    void tearDown() {
        cache.close();
        executor.shutdownNow();
    }

    private Object newProxy(Object delegate) throws Exception {
        return classes.create("gx.Guarded_Cached", delegate, cache);
    }

    private int counter(String name) throws Exception {
        return ((AtomicInteger) impl.getClass().getField(name).get(impl)).get();
    }

    private CountDownLatch latch(String name) throws Exception {
        return (CountDownLatch) impl.getClass().getField(name).get(impl);
    }

    private static String outcome(Object target, String method, Object... args) throws Throwable {
        try {
            return String.valueOf(call(target, method, args));
        } catch (RateLimitException e) {
            return "limited";
        } catch (CircuitBreakerOpenException e) {
            return "open";
        }
    }

    private static String asyncOutcome(Object target, String method, Object... args) throws Throwable {
        CompletableFuture<?> future = (CompletableFuture<?>) call(target, method, args);
        try {
            return String.valueOf(future.join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof RateLimitException) {
                return "limited";
            }
            if (e.getCause() instanceof CircuitBreakerOpenException) {
                return "open";
            }
            throw e.getCause();
        }
    }

    private void advance(long millis) {
        clock.advance(Duration.ofMillis(millis));
    }

    // ------------------------------------------------------------------ rate limit

    @Test
    void rateLimitWithBanFollowsCashewsSequence() throws Throwable {
        List<String> seen = new ArrayList<>();
        seen.add(outcome(proxy, "api", "ann"));
        seen.add(outcome(proxy, "api", "ann"));
        seen.add(outcome(proxy, "api", "ann"));
        seen.add(outcome(proxy, "api", "ann"));
        advance(2_000);
        seen.add(outcome(proxy, "api", "ann"));
        advance(1_500);
        seen.add(outcome(proxy, "api", "ann"));

        assertThat(seen).containsExactly("api1", "api2", "limited", "limited", "limited", "api3");
        // The key includes the argument: another user is not limited.
        assertThat(outcome(proxy, "api", "bob")).isEqualTo("api4");
        assertThat(cache.exists("rate_limit:api:ann")).isTrue();
    }

    @Test
    void asyncRateLimitFollowsTheSameSequence() throws Throwable {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            seen.add(asyncOutcome(proxy, "apiAsync", "ann"));
        }
        advance(2_000);
        seen.add(asyncOutcome(proxy, "apiAsync", "ann"));
        advance(1_500);
        seen.add(asyncOutcome(proxy, "apiAsync", "ann"));

        assertThat(seen).containsExactly("api1", "api2", "limited", "limited", "limited", "api3");
    }

    @Test
    void twoProxiesOnOneCacheShareTheLimit() throws Throwable {
        Object other = newProxy(classes.create("gx.GuardedImpl"));

        assertThat(outcome(proxy, "api", "ann")).isEqualTo("api1");
        assertThat(outcome(other, "api", "ann")).isEqualTo("api1");
        assertThat(outcome(proxy, "api", "ann")).isEqualTo("limited");
        assertThat(outcome(other, "api", "ann")).isEqualTo("limited");
    }

    @Test
    void fallbackIsCalledOnTheProxySoItMayBeCached() throws Throwable {
        assertThat(outcome(proxy, "limitedWithCachedFallback", "a")).isEqualTo("live1");
        assertThat(outcome(proxy, "limitedWithCachedFallback", "a")).isEqualTo("answer1");
        assertThat(outcome(proxy, "limitedWithCachedFallback", "a")).isEqualTo("answer1");
        assertThat(counter("fallbacks")).isEqualTo(1);
        assertThat(cache.<Object>get("answer:a")).isEqualTo("answer1");
    }

    @Test
    void rateLimitOverACacheCountsHitsToo() throws Throwable {
        assertThat(outcome(proxy, "rateOverCache", "x")).isEqualTo("rc1");
        assertThat(outcome(proxy, "rateOverCache", "x")).isEqualTo("rc1");
        assertThat(outcome(proxy, "rateOverCache", "x")).isEqualTo("limited");
        assertThat(counter("calls")).isEqualTo(1);
    }

    // ------------------------------------------------------------------ sliding window

    @Test
    void slidingWindowFallsBackWithTheArguments() throws Throwable {
        List<String> filters = List.of("new");
        assertThat(outcome(proxy, "search", "tea", filters)).isEqualTo("found tea[new]1");
        advance(5_000);
        assertThat(outcome(proxy, "search", "tea", filters)).isEqualTo("found tea[new]2");
        advance(4_999);
        assertThat(outcome(proxy, "search", "tea", filters)).isEqualTo("slow tea[new]");
        advance(1);
        // The first call is exactly 10 s old: out of the window.
        assertThat(outcome(proxy, "search", "tea", filters)).isEqualTo("found tea[new]3");
        assertThat(counter("fallbacks")).isEqualTo(1);
        assertThat(cache.exists("srl:search:tea")).isTrue();
    }

    @Test
    void asyncSlidingWindowUsesTheAsyncFallback() throws Throwable {
        assertThat(asyncOutcome(proxy, "searchAsync", "tea")).isEqualTo("found tea1");
        assertThat(asyncOutcome(proxy, "searchAsync", "tea")).isEqualTo("slow tea");
        advance(10_000);
        assertThat(asyncOutcome(proxy, "searchAsync", "tea")).isEqualTo("found tea2");
    }

    @Test
    void voidMethodsCanBeLimited() throws Throwable {
        call(proxy, "fire", "x");
        assertThatThrownBy(() -> call(proxy, "fire", "x")).isInstanceOf(RateLimitException.class);
        assertThat(counter("calls")).isEqualTo(1);
    }

    // ------------------------------------------------------------------ circuit breaker

    @Test
    void nineSuccessesAndOneFailureOpenTheBreaker() throws Throwable {
        for (int i = 0; i < 9; i++) {
            assertThat(outcome(proxy, "pay", i)).isEqualTo("paid " + i);
        }
        assertThatThrownBy(() -> call(proxy, "pay", -1)).isInstanceOf(IOException.class);

        assertThat(outcome(proxy, "pay", 5)).isEqualTo("open");
        assertThat(outcome(proxy, "pay", -5)).isEqualTo("open");
        assertThat(counter("calls")).isEqualTo(10);
        // One breaker per method, whatever the arguments.
        assertThat(cache.exists("circuit_breaker:gx.Guarded.pay:open")).isTrue();

        advance(10_000);
        assertThat(outcome(proxy, "pay", 7)).isEqualTo("paid 7");
    }

    @Test
    void asyncBreakerOpensAndFallsBack() throws Throwable {
        assertThat(asyncOutcome(proxy, "payAsync", 1)).isEqualTo("paid 1");
        assertThatThrownBy(() -> asyncOutcome(proxy, "payAsync", -1)).isInstanceOf(IllegalStateException.class);

        assertThat(asyncOutcome(proxy, "payAsync", 2)).isEqualTo("later 2");
        assertThat(counter("calls")).isEqualTo(2);
        assertThat(counter("fallbacks")).isEqualTo(1);
    }

    @Test
    void failoverOverAnOpenBreakerServesTheLastGoodValue() throws Throwable {
        assertThat(call(proxy, "quote", false)).isEqualTo("quote1");
        // Fails (1 of 2 calls: 50 %, the breaker opens); the failover answers with the stored value.
        assertThat(call(proxy, "quote", true)).isEqualTo("quote1");
        assertThat(cache.exists("circuit_breaker:gx.Guarded.quote:open")).isTrue();
        // Open: the delegate is not called, the failover answers the CircuitBreakerOpenException.
        assertThat(call(proxy, "quote", false)).isEqualTo("quote1");
        assertThat(counter("calls")).isEqualTo(2);
        advance(10_000);
        assertThat(call(proxy, "quote", false)).isEqualTo("quote3");
    }

    // ------------------------------------------------------------------ locked

    @Test
    void secondCallerWaitsForTheLock() throws Throwable {
        Future<Object> first = executor.submit(() -> callUnchecked("job", "j"));
        assertThat(latch("entered").await(5, TimeUnit.SECONDS)).isTrue();
        AtomicReference<Thread> secondThread = new AtomicReference<>();
        Future<Object> second = executor.submit(() -> {
            secondThread.set(Thread.currentThread());
            return callUnchecked("job", "j");
        });
        awaitParked(secondThread); // the second caller is polling the held lock
        assertThat(second.isDone()).isFalse();
        latch("release").countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("done j1");
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("done j2");
        assertThat(counter("maxRunning")).isEqualTo(1);
        assertThat(cache.isLocked("locked:gx.Guarded.job:name:j")).isFalse();
    }

    @Test
    void secondCallerThatDoesNotWaitGetsLockedException() throws Throwable {
        Future<Object> first = executor.submit(() -> callUnchecked("exclusive", "j"));
        assertThat(latch("entered").await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> call(proxy, "exclusive", "j")).isInstanceOf(LockedException.class);
        // The async method shares the key "locked:job:j" and waits without blocking a thread.
        CompletableFuture<?> waiting = (CompletableFuture<?>) call(proxy, "jobAsync", "j");
        assertThat(waiting).isNotDone();
        latch("release").countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("done j1");
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo("async j2");
        assertThat(outcome(proxy, "exclusive", "j")).isEqualTo("done j3");
    }

    /** Waits for an event, not a pause: until the thread has started and is parked. */
    private static void awaitParked(AtomicReference<Thread> caller) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (caller.get() == null
                || (caller.get().getState() != Thread.State.WAITING
                        && caller.get().getState() != Thread.State.TIMED_WAITING)) {
            assertThat(System.nanoTime() - deadline).as("the caller never blocked").isNegative();
            Thread.onSpinWait();
        }
    }

    private Object callUnchecked(String method, Object... args) throws Exception {
        try {
            return call(proxy, method, args);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
