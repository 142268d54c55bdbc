package io.cashews.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.CacheCondition;
import io.cashews.Cashews;
import io.cashews.Command;
import io.cashews.NotNullCondition;
import io.cashews.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CacheMethodTest {

    private static final long TEN_MINUTES = Duration.ofMinutes(10).toMillis();

    private final ManualClock clock = new ManualClock();
    private ExecutorService executor;
    private Cashews cache;
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void setUp() {
        executor = Executors.newFixedThreadPool(4);
        cache = Cashews.builder().clock(clock).executor(executor).build();
        cache.setup("mem://");
    }

    @AfterEach
    void tearDown() {
        cache.close();
        executor.shutdownNow();
    }

    private CacheMethod.Builder method() {
        return CacheMethod.builder(cache, "test:{id}").ttlMillis(TEN_MINUTES);
    }

    /** The sync path exactly as a generated proxy writes it. */
    private static <T, E extends Exception> T call(CacheMethod method, String key, Object[] args,
            Loader<T, E> loader) throws E {
        Object hit = method.lookup(key);
        if (hit != CacheMethod.MISS) {
            return CacheMethod.value(hit);
        }
        return method.load(key, args, loader);
    }

    private String counted(String value) {
        calls.incrementAndGet();
        return value;
    }

    @Nested
    class Builder {

        @Test
        void rejectsANonPositiveTtl() {
            assertThatThrownBy(() -> CacheMethod.builder(cache, "user:{id}").ttlMillis(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"user:{id}\"")
                    .hasMessageContaining("must be positive");
            assertThatThrownBy(() -> CacheMethod.builder(cache, "user:{id}").ttlMillis(-1))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void rejectsANegativeTimeCondition() {
            assertThatThrownBy(() -> method().timeConditionMillis(-5))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("timeCondition")
                    .hasMessageContaining("-5");
        }

        @Test
        void requiresTheTtl() {
            assertThatThrownBy(() -> CacheMethod.builder(cache, "user:{id}").build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("ttlMillis");
        }

        @Test
        void rejectsNulls() {
            assertThatThrownBy(() -> CacheMethod.builder(null, "t")).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> CacheMethod.builder(cache, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> method().condition(null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> method().ttlFunction(null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void keepsTheTemplateForDiagnostics() {
            CacheMethod method = method().lock(true).build();
            assertThat(method.template()).isEqualTo("test:{id}");
            assertThat(method.toString()).contains("test:{id}", "lock", "protect");
        }
    }

    @Nested
    class SyncPath {

        @Test
        void aMissComputesAndStoresAndAHitDoesNotCompute() {
            CacheMethod method = method().build();
            assertThat(method.lookup("k")).isSameAs(CacheMethod.MISS);

            assertThat(call(method, "k", null, () -> counted("v"))).isEqualTo("v");
            assertThat(call(method, "k", null, () -> counted("other"))).isEqualTo("v");

            assertThat(calls).hasValue(1);
            assertThat(method.lookup("k")).isEqualTo("v");
            assertThat(cache.<String>get("k")).isEqualTo("v");
        }

        @Test
        void nullResultsAreStoredToo() {
            CacheMethod method = method().build();
            assertThat(call(method, "k", null, () -> counted(null))).isNull();

            assertThat(method.lookup("k")).isNull();
            assertThat(call(method, "k", null, () -> counted("late"))).isNull();
            assertThat(calls).hasValue(1);
        }

        @Test
        void aCheckedExceptionReachesTheCallerUnchangedAndIsNotStored() {
            CacheMethod method = method().build();
            IOException failure = new IOException("disk on fire");
            Loader<String, IOException> failing = () -> {
                calls.incrementAndGet();
                throw failure;
            };

            assertThatThrownBy(() -> call(method, "k", null, failing)).isSameAs(failure);
            assertThat(method.lookup("k")).isSameAs(CacheMethod.MISS);
            assertThatThrownBy(() -> call(method, "k", null, failing)).isSameAs(failure);
            assertThat(calls).hasValue(2);
        }

        @Test
        void aRuntimeExceptionReachesTheCallerUnchangedAndIsNotStored() {
            CacheMethod method = method().protect(false).build();
            IllegalStateException failure = new IllegalStateException("nope");

            assertThatThrownBy(() -> call(method, "k", null, () -> {
                throw failure;
            })).isSameAs(failure);
            assertThat(method.lookup("k")).isSameAs(CacheMethod.MISS);
        }

        @Test
        void storedValuesExpireAfterTheTtl() {
            CacheMethod method = method().ttlMillis(10_000).build();
            call(method, "k", null, () -> counted("v1"));

            clock.advance(Duration.ofSeconds(9));
            assertThat(call(method, "k", null, () -> counted("v2"))).isEqualTo("v1");

            clock.advance(Duration.ofSeconds(2));
            assertThat(method.lookup("k")).isSameAs(CacheMethod.MISS);
            assertThat(call(method, "k", null, () -> counted("v2"))).isEqualTo("v2");
            assertThat(calls).hasValue(2);
        }

        @Test
        void aConditionDecidesWhatIsStoredAndSeesArgsAndKey() {
            List<String> seen = new ArrayList<>();
            CacheCondition onlyLong = (result, args, key) -> {
                seen.add(key + "/" + args.length + "/" + args[0]);
                return result instanceof String text && text.length() > 2;
            };
            CacheMethod method = method().condition(onlyLong).build();

            assertThat(call(method, "a", new Object[] {1}, () -> counted("ab"))).isEqualTo("ab");
            assertThat(method.lookup("a")).isSameAs(CacheMethod.MISS);
            assertThat(call(method, "b", new Object[] {2}, () -> counted("abc"))).isEqualTo("abc");
            assertThat(method.lookup("b")).isEqualTo("abc");
            assertThat(seen).containsExactly("a/1/1", "b/1/2");
        }

        @Test
        void aConditionGetsAnEmptyArrayWhenTheProxyPassesNoArgs() {
            AtomicReference<Object[]> seen = new AtomicReference<>();
            CacheMethod method = method().condition((result, args, key) -> {
                seen.set(args);
                return true;
            }).build();

            call(method, "k", null, () -> "v");
            assertThat(seen.get()).isEmpty();
        }

        @Test
        void notNullConditionSkipsNullAndEmptyOptionals() {
            CacheMethod method = method().condition(new NotNullCondition()).build();

            assertThat(call(method, "null", new Object[0], () -> counted(null))).isNull();
            assertThat(method.lookup("null")).isSameAs(CacheMethod.MISS);
            Optional<String> empty = call(method, "empty", new Object[0], Optional::empty);
            assertThat(empty).isEmpty();
            assertThat(method.lookup("empty")).isSameAs(CacheMethod.MISS);
            Optional<String> full = call(method, "full", new Object[0], () -> Optional.of("x"));
            assertThat(full).contains("x");
            assertThat(method.lookup("full")).isEqualTo(Optional.of("x"));
        }

        @Test
        void aTimeConditionStoresOnlySlowComputations() {
            CacheMethod method = method().timeConditionMillis(100).build();

            call(method, "fast", null, () -> {
                clock.advance(Duration.ofMillis(99));
                return "fast";
            });
            call(method, "slow", null, () -> {
                clock.advance(Duration.ofMillis(100));
                return "slow";
            });

            assertThat(method.lookup("fast")).isSameAs(CacheMethod.MISS);
            assertThat(method.lookup("slow")).isEqualTo("slow");
        }

        @Test
        void aTimeConditionAndAConditionMustBothHold() {
            CacheMethod method = method().timeConditionMillis(100)
                    .condition((result, args, key) -> !"rejected".equals(result)).build();

            call(method, "slowRejected", new Object[0], () -> {
                clock.advance(Duration.ofSeconds(1));
                return "rejected";
            });
            call(method, "fastAccepted", new Object[0], () -> "accepted");
            call(method, "slowAccepted", new Object[0], () -> {
                clock.advance(Duration.ofSeconds(1));
                return "accepted";
            });

            assertThat(method.lookup("slowRejected")).isSameAs(CacheMethod.MISS);
            assertThat(method.lookup("fastAccepted")).isSameAs(CacheMethod.MISS);
            assertThat(method.lookup("slowAccepted")).isEqualTo("accepted");
        }

        @Test
        void aTtlFunctionChoosesTheTtlFromArgsAndResult() {
            CacheMethod method = method().ttlFunction((args, result) ->
                    "short".equals(args[0]) ? Duration.ofSeconds(1) : Duration.ofSeconds(((String) result).length())).build();

            call(method, "s", new Object[] {"short"}, () -> "long enough value");
            call(method, "l", new Object[] {"long"}, () -> "long enough value");

            clock.advance(Duration.ofSeconds(2));
            assertThat(method.lookup("s")).isSameAs(CacheMethod.MISS);
            assertThat(method.lookup("l")).isEqualTo("long enough value");
            clock.advance(Duration.ofSeconds(16));
            assertThat(method.lookup("l")).isSameAs(CacheMethod.MISS);
        }

        @Test
        void aTtlFunctionReturningNothingOrNonPositiveMeansDoNotStore() {
            CacheMethod method = method().ttlFunction((args, result) -> switch ((String) args[0]) {
                case "null" -> null;
                case "zero" -> Duration.ZERO;
                default -> Duration.ofSeconds(-1);
            }).build();

            for (String mode : List.of("null", "zero", "negative")) {
                assertThat(call(method, mode, new Object[] {mode}, () -> "v")).isEqualTo("v");
                assertThat(method.lookup(mode)).isSameAs(CacheMethod.MISS);
            }
        }

        @Test
        void aDisabledSetReturnsTheResultWithoutStoring() {
            CacheMethod method = method().build();
            cache.disable(Command.SET);

            assertThat(call(method, "k", null, () -> counted("v"))).isEqualTo("v");
            assertThat(call(method, "k", null, () -> counted("v"))).isEqualTo("v");
            assertThat(calls).hasValue(2);
        }
    }

    @Nested
    class Protect {

        @Test
        void concurrentMissesShareOneComputation() throws Exception {
            CacheMethod method = method().protect(true).build();
            CountDownLatch release = new CountDownLatch(1);
            Loader<String, InterruptedException> loader = () -> {
                calls.incrementAndGet();
                release.await();
                return "shared";
            };

            List<String> results = runTogether(10, () -> call(method, "k", null, loader), release);

            assertThat(calls).hasValue(1);
            assertThat(results).hasSize(10).containsOnly("shared");
            assertThat(method.lookup("k")).isEqualTo("shared");
        }

        @Test
        void concurrentMissesShareOneFailureAndALaterMissRecomputes() throws Exception {
            CacheMethod method = method().protect(true).build();
            CountDownLatch release = new CountDownLatch(1);
            IOException failure = new IOException("backend of the delegate is down");
            Loader<String, Exception> loader = () -> {
                calls.incrementAndGet();
                release.await();
                throw failure;
            };

            List<Object> outcomes = new ArrayList<>(runTogether(10, () -> {
                try {
                    return call(method, "k", null, loader);
                } catch (Exception e) {
                    return e;
                }
            }, release));

            assertThat(calls).hasValue(1);
            assertThat(outcomes).hasSize(10).allSatisfy(outcome -> assertThat(outcome).isSameAs(failure));
            assertThat(method.lookup("k")).isSameAs(CacheMethod.MISS);

            // The in-flight entry is gone: the next miss computes again.
            assertThat(call(method, "k", null, () -> counted("recovered"))).isEqualTo("recovered");
            assertThat(calls).hasValue(2);
        }

        @Test
        void withoutProtectEveryConcurrentMissComputes() throws Exception {
            CacheMethod method = method().protect(false).build();
            CountDownLatch release = new CountDownLatch(1);
            Loader<String, InterruptedException> loader = () -> {
                calls.incrementAndGet();
                release.await();
                return "v";
            };

            runTogether(3, () -> call(method, "k", null, loader), release, 3);

            assertThat(calls).hasValue(3);
        }

        /** Starts {@code threads} callers, waits until all are blocked inside the strategy, then releases. */
        private <T> List<T> runTogether(int threads, ThrowingSupplier<T> body, CountDownLatch release)
                throws Exception {
            return runTogether(threads, body, release, 1);
        }

        private <T> List<T> runTogether(int threads, ThrowingSupplier<T> body, CountDownLatch release,
                int expectedLoaderCalls) throws Exception {
            AtomicInteger arrived = new AtomicInteger();
            List<Thread> workers = new ArrayList<>();
            List<Future<T>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                CompletableFuture<T> result = new CompletableFuture<>();
                results.add(result);
                Thread worker = new Thread(() -> {
                    arrived.incrementAndGet();
                    try {
                        result.complete(body.get());
                    } catch (Throwable e) {
                        result.completeExceptionally(e);
                    }
                }, "caller-" + i);
                worker.setDaemon(true);
                workers.add(worker);
                worker.start();
            }
            try {
                // After counting itself, a caller can only block inside the strategy (joining the
                // computation) or inside the loader (computing it).
                awaitTrue(() -> arrived.get() == threads && calls.get() == expectedLoaderCalls
                        && workers.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
            } finally {
                release.countDown();
            }
            List<T> values = new ArrayList<>();
            for (Future<T> result : results) {
                values.add(result.get(10, TimeUnit.SECONDS));
            }
            return values;
        }
    }

    @Nested
    class Lock {

        @Test
        void aThousandConcurrentCallersComputeOnce() throws Exception {
            CacheMethod protectedLocked = method().lock(true).protect(true).build();
            // A second proxy of the same method without protect: only the backend lock stops it.
            CacheMethod locked = method().lock(true).protect(false).build();
            int poolSize = 64;
            AtomicInteger inside = new AtomicInteger();
            Loader<String, InterruptedException> loader = () -> {
                calls.incrementAndGet();
                // Hold the lock until every pool thread is contending for it.
                awaitTrue(() -> inside.get() >= poolSize);
                return "once";
            };
            ExecutorService pool = Executors.newFixedThreadPool(poolSize);
            try {
                List<Future<String>> results = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    CacheMethod method = i % 2 == 0 ? locked : protectedLocked;
                    results.add(pool.submit(() -> {
                        Object hit = method.lookup("k");
                        if (hit != CacheMethod.MISS) {
                            return CacheMethod.<String>value(hit);
                        }
                        inside.incrementAndGet();
                        return method.load("k", null, loader);
                    }));
                }
                for (Future<String> result : results) {
                    assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo("once");
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(calls).hasValue(1);
            assertThat(cache.isLocked("lock:k")).isFalse();
        }

        @Test
        void theLockIsReleasedWhenTheLoaderThrows() {
            CacheMethod method = method().lock(true).build();
            IOException failure = new IOException("boom");

            assertThatThrownBy(() -> method.load("k", null, () -> {
                assertThat(cache.isLocked("lock:k")).isTrue();
                throw failure;
            })).isSameAs(failure);

            assertThat(cache.isLocked("lock:k")).isFalse();
            assertThat(method.lookup("k")).isSameAs(CacheMethod.MISS);
        }

        @Test
        void aWaiterReturnsTheValueStoredByTheLockHolder() {
            CacheMethod method = method().lock(true).protect(false).build();
            assertThat(cache.setLock("lock:k", "someone else", Duration.ofMinutes(1))).isTrue();
            cache.set("k", "theirs", Duration.ofMinutes(1));

            assertThat(method.load("k", null, () -> counted("mine"))).isEqualTo("theirs");
            assertThat(calls).hasValue(0);
            assertThat(cache.isLocked("lock:k")).isTrue();
        }

        @Test
        void anInterruptWhileWaitingGivesLockedExceptionAndKeepsTheFlag() {
            CacheMethod method = method().lock(true).protect(false).build();
            assertThat(cache.setLock("lock:k", "someone else", Duration.ofMinutes(1))).isTrue();

            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> method.load("k", null, () -> counted("v")))
                        .isInstanceOf(io.cashews.LockedException.class)
                        .hasMessageContaining("lock:k");
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
            assertThat(calls).hasValue(0);
        }

        @Test
        void aDisabledBackendDoesNotMakeCallersWaitForever() throws Exception {
            // Every command of a backend set up with disable=true answers as disabled, setLock
            // included, although Command.SET_LOCK itself is enabled.
            Cashews off = Cashews.builder().clock(clock).executor(executor).build();
            off.setup("mem://?disable=true");
            try {
                CacheMethod method = CacheMethod.builder(off, "k").ttlMillis(TEN_MINUTES).lock(true).build();

                assertThat(method.load("k", null, () -> counted("v"))).isEqualTo("v");
                assertThat(method.callAsync("k", null, () -> CompletableFuture.completedFuture(counted("w")))
                        .get(5, TimeUnit.SECONDS)).isEqualTo("w");
                assertThat(calls).hasValue(2);
            } finally {
                off.close();
            }
        }

        @Test
        void aDisabledSetLockDoesNotMakeCallersWaitForever() {
            CacheMethod method = method().lock(true).build();
            cache.disable(Command.SET_LOCK);

            assertThat(method.load("k", null, () -> counted("v"))).isEqualTo("v");
            assertThat(calls).hasValue(1);
        }
    }

    @Nested
    class AsyncPath {

        @Test
        void aHitReturnsACompletedFuture() {
            CacheMethod method = method().build();
            cache.set("k", "stored", Duration.ofMinutes(1));

            CompletableFuture<String> result = method.callAsync("k", null, () -> {
                calls.incrementAndGet();
                return CompletableFuture.completedFuture("computed");
            });

            assertThat(result).isCompletedWithValue("stored");
            assertThat(calls).hasValue(0);
        }

        @Test
        void aStoredNullIsAHit() {
            CacheMethod method = method().build();
            cache.set("k", null, Duration.ofMinutes(1));

            assertThat(method.callAsync("k", null, () -> CompletableFuture.completedFuture("computed")))
                    .isCompletedWithValue(null);
        }

        @Test
        void aMissComputesStoresAndThenHits() throws Exception {
            CacheMethod method = method().build();

            assertThat(method.callAsync("k", null, () -> CompletableFuture.completedFuture(counted("v")))
                    .get(5, TimeUnit.SECONDS)).isEqualTo("v");
            assertThat(method.lookup("k")).isEqualTo("v");
            assertThat(method.callAsync("k", null, () -> CompletableFuture.completedFuture(counted("w"))))
                    .isCompletedWithValue("v");
            assertThat(calls).hasValue(1);
        }

        @Test
        void concurrentMissesShareOnePendingComputation() throws Exception {
            CacheMethod method = method().build();
            CompletableFuture<String> pending = new CompletableFuture<>();
            AsyncLoader<String> loader = () -> {
                calls.incrementAndGet();
                return pending;
            };

            List<CompletableFuture<String>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                results.add(method.callAsync("k", null, loader));
            }
            awaitTrue(() -> calls.get() == 1);
            assertThat(results).noneMatch(CompletableFuture::isDone);
            // Callers get their own futures: completing one does not touch the others.
            results.get(0).complete("hijacked");

            pending.complete("v");
            for (CompletableFuture<String> result : results.subList(1, results.size())) {
                assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("v");
            }
            assertThat(method.lookup("k")).isEqualTo("v");
            assertThat(calls).hasValue(1);
        }

        @Test
        void concurrentMissesFromManyThreadsCallTheLoaderOnce() throws Exception {
            CacheMethod method = method().build();
            CompletableFuture<String> pending = new CompletableFuture<>();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<CompletableFuture<String>>> submitted = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    submitted.add(pool.submit(() -> method.callAsync("k", null, () -> {
                        calls.incrementAndGet();
                        return pending;
                    })));
                }
                List<CompletableFuture<String>> results = new ArrayList<>();
                for (Future<CompletableFuture<String>> future : submitted) {
                    results.add(future.get(5, TimeUnit.SECONDS));
                }
                pending.complete("v");
                for (CompletableFuture<String> result : results) {
                    assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("v");
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(calls).hasValue(1);
        }

        @Test
        void aFailurePropagatesUnchangedAndIsNotStored() {
            CacheMethod method = method().build();
            CompletableFuture<String> pending = new CompletableFuture<>();
            IOException failure = new IOException("remote down");

            CompletableFuture<String> first = method.callAsync("k", null, () -> pending);
            CompletableFuture<String> second = method.callAsync("k", null, () -> pending);
            pending.completeExceptionally(failure);

            for (CompletableFuture<String> result : List.of(first, second)) {
                assertThat(result).isCompletedExceptionally();
                assertThat(result.handle((value, error) -> error).join()).isSameAs(failure);
                assertThatThrownBy(result::get).isInstanceOf(ExecutionException.class).hasCause(failure);
            }
            assertThat(method.lookup("k")).isSameAs(CacheMethod.MISS);

            assertThat(method.callAsync("k", null, () -> CompletableFuture.completedFuture("next")))
                    .isCompletedWithValue("next");
        }

        @Test
        void aLoaderThatThrowsGivesAFailedFuture() {
            CacheMethod method = method().build();
            IllegalArgumentException failure = new IllegalArgumentException("bad input");

            CompletableFuture<String> result = method.callAsync("k", null, () -> {
                throw failure;
            });

            assertThat(result.handle((value, error) -> error).join()).isSameAs(failure);
            assertThat(method.lookup("k")).isSameAs(CacheMethod.MISS);
        }

        @Test
        void aLoaderReturningNullGivesAFailedFuture() {
            CacheMethod method = method().build();

            CompletableFuture<String> result = method.callAsync("k", null, () -> null);

            assertThatThrownBy(result::join).isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(NullPointerException.class);
        }

        @Test
        void conditionsAndTimeConditionApply() throws Exception {
            CacheMethod method = method().condition(new NotNullCondition()).timeConditionMillis(50).build();

            method.callAsync("null", new Object[0], () -> {
                clock.advance(Duration.ofSeconds(1));
                return CompletableFuture.completedFuture(null);
            }).get(5, TimeUnit.SECONDS);
            method.callAsync("fast", new Object[0], () -> CompletableFuture.completedFuture("v")).get(5, TimeUnit.SECONDS);
            CompletableFuture<String> pending = new CompletableFuture<>();
            CompletableFuture<String> slow = method.callAsync("slow", new Object[0], () -> pending);
            // The time runs until the delegate's future completes, not until it is returned.
            clock.advance(Duration.ofMillis(50));
            pending.complete("v");
            slow.get(5, TimeUnit.SECONDS);

            assertThat(method.lookup("null")).isSameAs(CacheMethod.MISS);
            assertThat(method.lookup("fast")).isSameAs(CacheMethod.MISS);
            assertThat(method.lookup("slow")).isEqualTo("v");
        }

        @Test
        void aTtlFunctionApplies() throws Exception {
            CacheMethod method = method().ttlFunction((args, result) -> Duration.ofSeconds((Integer) args[0])).build();

            method.callAsync("k", new Object[] {5}, () -> CompletableFuture.completedFuture("v")).get(5, TimeUnit.SECONDS);

            clock.advance(Duration.ofSeconds(4));
            assertThat(method.lookup("k")).isEqualTo("v");
            clock.advance(Duration.ofSeconds(2));
            assertThat(method.lookup("k")).isSameAs(CacheMethod.MISS);
        }

        @Test
        void theBackendLockAloneLetsOneOfManyCallersCompute() throws Exception {
            CacheMethod method = method().lock(true).protect(false).build();
            CompletableFuture<String> pending = new CompletableFuture<>();
            AsyncLoader<String> loader = () -> {
                calls.incrementAndGet();
                return pending;
            };

            List<CompletableFuture<String>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                results.add(method.callAsync("k", null, loader));
            }
            awaitTrue(() -> calls.get() == 1);
            assertThat(cache.isLocked("lock:k")).isTrue();

            pending.complete("v");
            for (CompletableFuture<String> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("v");
            }
            assertThat(calls).hasValue(1);
            assertThat(cache.isLocked("lock:k")).isFalse();
        }

        @Test
        void theLockIsReleasedAfterAFailure() throws Exception {
            CacheMethod method = method().lock(true).build();
            IOException failure = new IOException("boom");

            CompletableFuture<String> result = method.callAsync("k", null, () -> CompletableFuture.failedFuture(failure));

            assertThat(result.handle((value, error) -> error).get(5, TimeUnit.SECONDS)).isSameAs(failure);
            assertThat(cache.isLocked("lock:k")).isFalse();
        }
    }

    @Nested
    class BackendFailures {

        private final BrokenWritesBackend.Provider provider = new BrokenWritesBackend.Provider();
        private Cashews broken;

        @BeforeEach
        void setUpBroken() {
            broken = Cashews.builder().clock(clock).executor(executor).provider(provider).build();
            broken.setup("broken://");
        }

        @AfterEach
        void tearDownBroken() {
            broken.close();
        }

        @Test
        void aFailedStoreStillReturnsTheComputedValue() {
            CacheMethod method = CacheMethod.builder(broken, "k").ttlMillis(TEN_MINUTES).build();

            assertThat(call(method, "k", null, () -> counted("v"))).isEqualTo("v");
            assertThat(provider.created.failedWrites).hasValue(1);
        }

        @Test
        void aFailedStoreStillCompletesTheAsyncCallWithTheComputedValue() throws Exception {
            CacheMethod method = CacheMethod.builder(broken, "k").ttlMillis(TEN_MINUTES).build();

            CompletableFuture<String> result = method.callAsync("k", null,
                    () -> CompletableFuture.completedFuture(counted("v")));

            assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("v");
            assertThat(provider.created.failedWrites).hasValue(1);
        }

        @Test
        void aFailedStoreAndUnlockDoNotHideTheResult() throws Exception {
            CacheMethod method = CacheMethod.builder(broken, "k").ttlMillis(TEN_MINUTES).lock(true).build();

            assertThat(method.load("k", null, () -> counted("v"))).isEqualTo("v");
            assertThat(method.callAsync("k", null, () -> CompletableFuture.completedFuture(counted("w")))
                    .get(5, TimeUnit.SECONDS)).isEqualTo("w");
            // set and unlock failed for each call
            assertThat(provider.created.failedWrites).hasValue(4);
            assertThat(calls).hasValue(2);
        }
    }

    @FunctionalInterface
    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 10 s");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
