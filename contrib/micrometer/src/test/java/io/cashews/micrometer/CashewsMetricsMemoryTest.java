package io.cashews.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import io.cashews.CircuitBreakerOpenException;
import io.cashews.Command;
import io.cashews.LockedException;
import io.cashews.RateLimitException;
import io.cashews.time.ManualClock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link CashewsMetrics} on {@code mem://} with a generated proxy, a manual clock and queued background work. */
class CashewsMetricsMemoryTest {
    private final ManualClock clock = new ManualClock();
    private final ConcurrentLinkedQueue<Runnable> background = new ConcurrentLinkedQueue<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CountingCatalog source = new CountingCatalog();
    private Cashews cache;
    private Catalog catalog;
    private Meters meters;

    @BeforeEach
    void setUp() {
        cache = Cashews.builder().clock(clock).executor(background::add).build();
        cache.setup("mem://");
        new CashewsMetrics(cache, "catalog").bindTo(registry);
        catalog = new Catalog_Cached(source, cache);
        meters = new Meters(registry);
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    private void runBackground() {
        for (Runnable task = background.poll(); task != null; task = background.poll()) {
            task.run();
        }
    }

    @Test
    void oneMissThenTwoHitsCountHitTwoMissOneLoadOne() {
        catalog.item("42");
        catalog.item("42");
        catalog.item("42");
        assertThat(meters.count("cache.gets", "item:{id}", "simple", "result", "hit")).isEqualTo(2);
        assertThat(meters.count("cache.gets", "item:{id}", "simple", "result", "miss")).isEqualTo(1);
        assertThat(meters.count("cache.puts", "item:{id}", "simple")).isEqualTo(1);
        assertThat(meters.timerCount("cache.loads", "item:{id}", "simple", "result", "success")).isEqualTo(1);
        assertThat(source.calls).hasValue(1);
    }

    @Test
    void theAsyncPathCountsTheSame() {
        catalog.itemAsync("42").join();
        catalog.itemAsync("42").join();
        catalog.itemAsync("42").join();
        assertThat(meters.count("cache.gets", "item-async:{id}", "simple", "result", "hit")).isEqualTo(2);
        assertThat(meters.count("cache.gets", "item-async:{id}", "simple", "result", "miss")).isEqualTo(1);
        assertThat(meters.timerCount("cache.loads", "item-async:{id}", "simple", "result", "success")).isEqualTo(1);
        assertThat(meters.count("cache.puts", "item-async:{id}", "simple")).isEqualTo(1);
    }

    @Test
    void aFailedLoadIsTimedApartAndStoresNothing() {
        source.failing.set(true);
        assertThatThrownBy(() -> catalog.item("7")).isInstanceOf(UncheckedIOException.class);
        assertThat(meters.timerCount("cache.loads", "item:{id}", "simple", "result", "failure")).isEqualTo(1);
        assertThat(meters.find("cache.loads", "item:{id}", "simple", "result", "success")).isNull();
        assertThat(meters.count("cache.puts", "item:{id}", "simple")).isZero();
    }

    @Test
    void metersOfATemplateAppearWhenItIsFirstUsed() {
        assertThat(registry.find("cache.gets").tag("cache", "item:{id}").meters()).isEmpty();
        catalog.item("1");
        assertThat(registry.find("cache.gets").tag("cache", "item:{id}").meters()).hasSize(2);
        assertThat(registry.find("cache.loads").tag("cache", "item:{id}").meters()).hasSize(1);
    }

    @Test
    void earlyRefreshMovesStaleServedAndRefreshes() {
        catalog.early("1");
        clock.advance(Duration.ofMinutes(4));
        catalog.early("1");
        runBackground();
        assertThat(meters.count("cashews.stale.served", "early:v2:early:{id}", "early")).isEqualTo(1);
        assertThat(meters.count("cashews.refreshes", "early:v2:early:{id}", "early", "result", "success")).isEqualTo(1);
        assertThat(meters.timerCount("cache.loads", "early:v2:early:{id}", "early", "result", "success")).isEqualTo(2);
        assertThat(meters.count("cache.gets", "early:v2:early:{id}", "early", "result", "hit")).isEqualTo(1);
    }

    @Test
    void softFallbackServesTheOldValue() {
        String first = catalog.soft("1");
        clock.advance(Duration.ofMinutes(4));
        source.failing.set(true);
        assertThat(catalog.soft("1")).isEqualTo(first);
        assertThat(meters.count("cashews.stale.served", "soft:soft:{id}", "soft")).isEqualTo(1);
        assertThat(meters.timerCount("cache.loads", "soft:soft:{id}", "soft", "result", "failure")).isEqualTo(1);
    }

    @Test
    void failoverServeMovesStaleServed() {
        String first = catalog.failover("1");
        source.failing.set(true);
        assertThat(catalog.failover("1")).isEqualTo(first);
        assertThat(meters.count("cashews.stale.served", "fail:failover:{id}", "failover")).isEqualTo(1);
        assertThat(meters.count("cache.puts", "fail:failover:{id}", "failover")).isEqualTo(1);
    }

    @Test
    void rateLimitAndSliceRateLimitRefusalsAreCounted() {
        catalog.limited("1");
        assertThatThrownBy(() -> catalog.limited("1")).isInstanceOf(RateLimitException.class);
        assertThatThrownBy(() -> catalog.limited("1")).isInstanceOf(RateLimitException.class);
        catalog.sliced("1");
        assertThatThrownBy(() -> catalog.sliced("1")).isInstanceOf(RateLimitException.class);
        assertThat(meters.count("cashews.rejected", "rate_limit:limited:{id}", "rate_limit")).isEqualTo(2);
        assertThat(meters.count("cashews.rejected", "srl:sliced:{id}", "slice_rate_limit")).isEqualTo(1);
    }

    @Test
    void theBreakerGaugeFollowsOpenHalfOpenAndClosed() {
        source.failing.set(true);
        assertThatThrownBy(() -> catalog.guarded("1")).isInstanceOf(UncheckedIOException.class);
        assertThat(meters.breaker("open")).isEqualTo(1);
        assertThat(meters.breaker("closed")).isZero();
        assertThatThrownBy(() -> catalog.guarded("1")).isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(meters.count("cashews.rejected", "circuit_breaker:guarded:{id}", "circuit_breaker")).isEqualTo(1);

        source.failing.set(false);
        clock.advance(Duration.ofSeconds(2));
        try {
            catalog.guarded("1"); // half-open: a coin decides whether this trial call goes ahead
        } catch (CircuitBreakerOpenException refusedTrial) {
            // the other side of the coin; the state is half-open either way
        }
        assertThat(meters.breaker("half_open")).isEqualTo(1);
        assertThat(meters.breaker("open")).isZero();

        clock.advance(Duration.ofSeconds(3));
        assertThat(catalog.guarded("1")).startsWith("guarded 1");
        assertThat(meters.breaker("closed")).isEqualTo(1);
        assertThat(meters.breaker("half_open")).isZero();
    }

    @Test
    void bloomNegativesAreRefusals() {
        catalog.add("present");
        assertThat(catalog.known("absent")).isFalse();
        assertThat(catalog.known("present")).isTrue();
        String filter = registry.find("cashews.rejected").tag("strategy", "bloom").counter().getId().getTag("cache");
        assertThat(filter).startsWith("bloom:io.cashews.micrometer.Catalog.ids");
        assertThat(meters.count("cashews.rejected", filter, "bloom")).isEqualTo(1);
        assertThat(meters.count("cache.gets", filter, "bloom", "result", "hit")).isEqualTo(1);
    }

    @Test
    void aLockedMissTimesItsWait() {
        catalog.locked("1");
        assertThat(meters.timerCount("cashews.lock.wait", "locked:{id}", "simple", "outcome", "acquired"))
                .isEqualTo(1);
    }

    @Test
    void facadeCommandsCountUnderCommandsAndInvalidateCountsRemovals() {
        cache.set("k", "v");
        cache.get("k");
        cache.get("nothing");
        cache.delete("k");
        assertThat(meters.count("cache.gets", CashewsMetrics.COMMANDS, "facade", "result", "hit")).isEqualTo(1);
        assertThat(meters.count("cache.gets", CashewsMetrics.COMMANDS, "facade", "result", "miss")).isEqualTo(1);
        assertThat(meters.count("cache.puts", CashewsMetrics.COMMANDS, "facade")).isEqualTo(1);
        assertThat(meters.count("cache.removals", CashewsMetrics.COMMANDS, "facade")).isEqualTo(1);

        catalog.item("9");
        catalog.forget("9");
        assertThat(meters.count("cache.removals", "item:{id}", "invalidate")).isEqualTo(1);
        catalog.item("9");
        assertThat(meters.count("cache.gets", "item:{id}", "simple", "result", "miss")).isEqualTo(2);
    }

    @Test
    void noMeterEverCarriesARenderedKey() {
        catalog.item("secret-42");
        catalog.itemAsync("secret-42").join();
        catalog.early("secret-42");
        catalog.failover("secret-42");
        catalog.limited("secret-42");
        assertThatThrownBy(() -> catalog.limited("secret-42")).isInstanceOf(RateLimitException.class);
        catalog.add("secret-42");
        catalog.known("secret-43");
        catalog.forget("secret-42");
        cache.get("secret-44");
        assertThat(registry.getMeters()).isNotEmpty();
        for (Meter meter : registry.getMeters()) {
            for (Tag tag : meter.getId().getTags()) {
                assertThat(tag.getValue()).as(meter.getId().toString()).doesNotContain("secret");
            }
        }
    }

    @Test
    void theSizeGaugeCountsTheKeys() {
        catalog.item("1");
        catalog.item("2");
        assertThat(registry.get("cache.size").tag("cacheManager", "catalog").gauge().value()).isEqualTo(2);
    }

    @Test
    void extraTagsReachEveryMeterAndUnbindStopsCounting() {
        SimpleMeterRegistry other = new SimpleMeterRegistry();
        CashewsMetrics tagged = new CashewsMetrics(cache, "tagged").withTags(Tags.of("region", "eu")).withoutSize();
        tagged.bindTo(other);
        catalog.item("1");
        assertThat(other.get("cache.gets").tags("region", "eu", "cacheManager", "tagged", "result", "miss").counter()
                .count()).isEqualTo(1);
        assertThat(other.find("cache.size").meters()).isEmpty();
        tagged.unbind();
        catalog.item("1");
        assertThat(other.get("cache.gets").tags("result", "hit").counter().count()).isZero();
        assertThat(meters.count("cache.gets", "item:{id}", "simple", "result", "hit")).isEqualTo(1);
    }

    @Test
    void aPrometheusScrapeHoldsTheSeries() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new CashewsMetrics(cache, "prom").bindTo(prometheus);
        catalog.item("1");
        catalog.item("1");
        catalog.item("1");
        String scrape = prometheus.scrape();
        assertThat(scrape)
                .contains("cache_gets_total{cache=\"item:{id}\",cacheManager=\"prom\",result=\"hit\",strategy=\"simple\"} 2.0")
                .contains("cache_gets_total{cache=\"item:{id}\",cacheManager=\"prom\",result=\"miss\",strategy=\"simple\"} 1.0")
                .contains("cache_puts_total{cache=\"item:{id}\",cacheManager=\"prom\",strategy=\"simple\"} 1.0")
                .contains("cache_loads_seconds_count{cache=\"item:{id}\",cacheManager=\"prom\",result=\"success\",strategy=\"simple\"} 1")
                .contains("cache_size_keys{cache=\"all\",cacheManager=\"prom\"} 1.0");
    }

    @Test
    void theCommandTimerTimesBackendCommands() {
        SimpleMeterRegistry timed = new SimpleMeterRegistry();
        cache.addMiddleware(new CashewsCommandTimer(timed, "mem"));
        catalog.item("1");
        catalog.item("1");
        // Three reads for one miss and one hit: the miss re-reads inside its single flight. The
        // middleware sees the strategy's own commands, which is why hits come from events instead.
        assertThat(timed.get("cashews.commands").tags("command", "get", "backend", "mem", "outcome", "ok").timer()
                .count()).isEqualTo(3);
        assertThat(meters.count("cache.gets", "item:{id}", "simple", "result", "hit")).isEqualTo(1);
        assertThat(timed.get("cashews.commands").tags("command", "set", "backend", "mem", "outcome", "ok").timer()
                .count()).isEqualTo(1);
        assertThat(timed.get("cashews.commands").tags("command", "get").timer().totalTime(TimeUnit.NANOSECONDS))
                .isPositive();
    }

    @Test
    void theCommandTimerTimesFailedAndAsyncCommandsApart() {
        SimpleMeterRegistry timed = new SimpleMeterRegistry();
        // Outermost first: the timer sees what the failing layer below it throws or fails with.
        cache.addMiddleware(new CashewsCommandTimer(timed, "mem"), (command, backend, args, next) -> {
            if (command == Command.GET && "boom".equals(args[0])) {
                IllegalStateException down = new IllegalStateException("backend down");
                if (next.async()) {
                    return CompletableFuture.failedFuture(down);
                }
                throw down;
            }
            return next.call(args);
        });
        assertThatThrownBy(() -> cache.get("boom")).hasMessageContaining("backend down");
        assertThatThrownBy(() -> cache.async().get("boom").join()).hasRootCauseMessage("backend down");
        cache.async().set("k", "v").join();
        cache.async().get("k").join();
        assertThat(timed.get("cashews.commands").tags("command", "get", "outcome", "error").timer().count()).isEqualTo(2);
        assertThat(timed.get("cashews.commands").tags("command", "get", "outcome", "ok").timer().count()).isEqualTo(1);
        assertThat(timed.get("cashews.commands").tags("command", "set", "outcome", "ok").timer().count()).isEqualTo(1);
    }

    @Test
    void aLockWaitThatEndsWithoutTheLockIsTimedAsATimeout() throws Exception {
        cache.setLock("lock:locked:1", "elsewhere", Duration.ofHours(3));
        CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> catalog.locked("1"));
        assertThat(clock.awaitWaiting(1, Duration.ofSeconds(30))).as("the call waits for the lock").isTrue();
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThatThrownBy(call::join).hasCauseInstanceOf(LockedException.class);
        assertThat(meters.timerCount("cashews.lock.wait", "locked:{id}", "simple", "outcome", "timeout")).isEqualTo(1);
        assertThat(meters.timerCount("cashews.lock.wait", "locked:{id}", "simple", "outcome", "acquired")).isZero();
        assertThat(registry.get("cashews.lock.wait").tags("outcome", "timeout").timer().totalTime(TimeUnit.SECONDS))
                .isGreaterThanOrEqualTo(3600);
        assertThat(source.calls.get()).isZero();
    }

    @Test
    void evictionsCountWhatTheSizeLimitRemovedAndNotDeletes() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        try (Cashews bounded = Cashews.builder().executor(Runnable::run).build()) {
            bounded.setup("mem://?size=5&check_interval=0");
            new CashewsMetrics(bounded, "bounded").bindTo(own);
            for (int i = 0; i < 20; i++) {
                bounded.set("k" + i, i);
            }
            var evictions = own.get("cache.evictions").tags("cache", "all", "cacheManager", "bounded").functionCounter();
            assertThat(evictions.count()).isEqualTo(20 - bounded.getKeysCount()).isGreaterThanOrEqualTo(15);
            double before = evictions.count();
            bounded.clear();
            assertThat(evictions.count()).as("deletes are not evictions").isEqualTo(before);
        }
    }

    @Test
    void hitRefreshesInTheBackgroundAndCountsIt() {
        catalog.popular("1");
        catalog.popular("1");
        catalog.popular("1");
        runBackground();
        assertThat(meters.count("cache.gets", "hit:popular:{id}", "hit", "result", "miss")).isEqualTo(1);
        assertThat(meters.count("cache.gets", "hit:popular:{id}", "hit", "result", "hit")).isEqualTo(2);
        assertThat(meters.count("cashews.refreshes", "hit:popular:{id}", "hit", "result", "success")).isEqualTo(1);
        assertThat(meters.timerCount("cache.loads", "hit:popular:{id}", "hit", "result", "success")).isEqualTo(2);
    }

    @Test
    void asyncEarlyAndAsyncBreakerMoveTheirMeters() {
        catalog.earlyAsync("1").join();
        clock.advance(Duration.ofMinutes(4));
        catalog.earlyAsync("1").join();
        runBackground();
        assertThat(meters.count("cashews.stale.served", "early:v2:early-async:{id}", "early")).isEqualTo(1);
        assertThat(meters.count("cashews.refreshes", "early:v2:early-async:{id}", "early", "result", "success"))
                .isEqualTo(1);

        source.failing.set(true);
        assertThat(catalog.guardedAsync("1")).failsWithin(Duration.ofSeconds(10));
        runBackground();
        assertThat(catalog.guardedAsync("1")).failsWithin(Duration.ofSeconds(10));
        runBackground();
        assertThat(registry.get("cashews.circuitbreaker.state").tags("cache", "circuit_breaker:guarded-async:{id}",
                "state", "open").gauge().value()).isEqualTo(1);
        assertThat(meters.count("cashews.rejected", "circuit_breaker:guarded-async:{id}", "circuit_breaker"))
                .isEqualTo(1);
    }

    @Test
    void asyncFacadeCommandsCountUnderCommands() {
        cache.async().set("k", "v").join();
        cache.async().get("k").join();
        cache.async().get("nothing").join();
        cache.async().delete("k").join();
        assertThat(meters.count("cache.gets", CashewsMetrics.COMMANDS, "facade", "result", "hit")).isEqualTo(1);
        assertThat(meters.count("cache.gets", CashewsMetrics.COMMANDS, "facade", "result", "miss")).isEqualTo(1);
        assertThat(meters.count("cache.puts", CashewsMetrics.COMMANDS, "facade")).isEqualTo(1);
        assertThat(meters.count("cache.removals", CashewsMetrics.COMMANDS, "facade")).isEqualTo(1);
    }

    @Test
    void aThrowingListenerBesideTheMetricsChangesNoCount() {
        try (io.cashews.Scope broken = cache.addListener(event -> {
            throw new IllegalStateException("broken listener");
        })) {
            assertThat(catalog.item("1")).startsWith("item 1");
            assertThat(catalog.item("1")).startsWith("item 1");
            assertThat(broken).isNotNull();
        }
        assertThat(meters.count("cache.gets", "item:{id}", "simple", "result", "hit")).isEqualTo(1);
        assertThat(meters.count("cache.gets", "item:{id}", "simple", "result", "miss")).isEqualTo(1);
    }

    @Test
    void eightThreadsHittingOneKeyLoseNoCount() throws Exception {
        catalog.item("hot");
        int threads = 8;
        int calls = 500;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < calls; i++) {
                        catalog.item("hot");
                    }
                    return null;
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(meters.count("cache.gets", "item:{id}", "simple", "result", "hit")).isEqualTo(threads * calls);
        assertThat(meters.count("cache.gets", "item:{id}", "simple", "result", "miss")).isEqualTo(1);
        assertThat(source.calls).hasValue(1);
    }

    @Test
    void rebindingMovesTheMetersToTheNewRegistry() {
        SimpleMeterRegistry first = new SimpleMeterRegistry();
        SimpleMeterRegistry second = new SimpleMeterRegistry();
        CashewsMetrics metrics = new CashewsMetrics(cache, "rebound").withoutSize();
        metrics.bindTo(first);
        catalog.item("1");
        metrics.bindTo(second);
        catalog.item("1");
        assertThat(first.get("cache.gets").tags("cacheManager", "rebound", "result", "miss").counter().count())
                .isEqualTo(1);
        assertThat(first.get("cache.gets").tags("cacheManager", "rebound", "result", "hit").counter().count())
                .isZero();
        assertThat(second.get("cache.gets").tags("cacheManager", "rebound", "result", "hit").counter().count())
                .isEqualTo(1);
    }

    /** Reads meters by name, cache tag, strategy and further tag pairs. */
    static final class Meters {
        private final io.micrometer.core.instrument.MeterRegistry registry;

        Meters(io.micrometer.core.instrument.MeterRegistry registry) {
            this.registry = registry;
        }

        private io.micrometer.core.instrument.search.Search search(String name, String cache, String strategy,
                String... tags) {
            return registry.find(name).tags("cache", cache, "strategy", strategy).tags(tags);
        }

        Meter find(String name, String cache, String strategy, String... tags) {
            return search(name, cache, strategy, tags).meter();
        }

        double count(String name, String cache, String strategy, String... tags) {
            var counter = search(name, cache, strategy, tags).counter();
            return counter == null ? 0 : counter.count();
        }

        long timerCount(String name, String cache, String strategy, String... tags) {
            var timer = search(name, cache, strategy, tags).timer();
            return timer == null ? 0 : timer.count();
        }

        double breaker(String state) {
            return registry.get("cashews.circuitbreaker.state").tags("cache", "circuit_breaker:guarded:{id}",
                    "state", state).gauge().value();
        }

    }
}
