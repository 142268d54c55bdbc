package io.cashews.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import io.cashews.CircuitBreakerOpenException;
import io.cashews.RateLimitException;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The same counts through generated proxies on each real backend. */
abstract class BackendMetricsContract {
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final CountingCatalog source = new CountingCatalog();
    Cashews cache;
    Catalog catalog;
    CashewsMetricsMemoryTest.Meters meters;

    /** The backend's URL. */
    abstract String url();

    @BeforeEach
    void setUp() {
        cache = new Cashews();
        cache.setup(url());
        cache.clear();
        new CashewsMetrics(cache, "catalog").bindTo(registry);
        catalog = new Catalog_Cached(source, cache);
        meters = new CashewsMetricsMemoryTest.Meters(registry);
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    @Test
    void oneMissThenTwoHitsSync() {
        catalog.item("42");
        catalog.item("42");
        catalog.item("42");
        assertThat(meters.count("cache.gets", "item:{id}", "simple", "result", "hit")).isEqualTo(2);
        assertThat(meters.count("cache.gets", "item:{id}", "simple", "result", "miss")).isEqualTo(1);
        assertThat(meters.timerCount("cache.loads", "item:{id}", "simple", "result", "success")).isEqualTo(1);
        assertThat(meters.count("cache.puts", "item:{id}", "simple")).isEqualTo(1);
        assertThat(source.calls).hasValue(1);
    }

    @Test
    void oneMissThenTwoHitsAsync() {
        catalog.itemAsync("42").join();
        catalog.itemAsync("42").join();
        catalog.itemAsync("42").join();
        assertThat(meters.count("cache.gets", "item-async:{id}", "simple", "result", "hit")).isEqualTo(2);
        assertThat(meters.count("cache.gets", "item-async:{id}", "simple", "result", "miss")).isEqualTo(1);
        assertThat(meters.timerCount("cache.loads", "item-async:{id}", "simple", "result", "success")).isEqualTo(1);
        assertThat(meters.count("cache.puts", "item-async:{id}", "simple")).isEqualTo(1);
    }

    @Test
    void failoverRateLimitAndBreakerMoveTheirMeters() {
        catalog.failover("1");
        source.failing.set(true);
        catalog.failover("1");
        assertThat(meters.count("cashews.stale.served", "fail:failover:{id}", "failover")).isEqualTo(1);

        assertThatThrownBy(() -> catalog.guarded("1")).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> catalog.guarded("1")).isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(registry.get("cashews.circuitbreaker.state").tags("cache", "circuit_breaker:guarded:{id}",
                "state", "open").gauge().value()).isEqualTo(1);
        assertThat(meters.count("cashews.rejected", "circuit_breaker:guarded:{id}", "circuit_breaker")).isEqualTo(1);

        source.failing.set(false);
        catalog.limited("1");
        assertThatThrownBy(() -> catalog.limited("1")).isInstanceOf(RateLimitException.class);
        assertThat(meters.count("cashews.rejected", "rate_limit:limited:{id}", "rate_limit")).isEqualTo(1);
    }

    @Test
    void facadeCommandsAndNoRenderedKeys() {
        cache.set("secret-1", "v");
        cache.get("secret-1");
        cache.delete("secret-1");
        catalog.item("secret-2");
        assertThat(meters.count("cache.gets", CashewsMetrics.COMMANDS, "facade", "result", "hit")).isEqualTo(1);
        assertThat(meters.count("cache.removals", CashewsMetrics.COMMANDS, "facade")).isEqualTo(1);
        for (Meter meter : registry.getMeters()) {
            for (Tag tag : meter.getId().getTags()) {
                assertThat(tag.getValue()).as(meter.getId().toString()).doesNotContain("secret");
            }
        }
    }

    @Test
    void aPrometheusScrapeHoldsTheSeries() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new CashewsMetrics(cache, "prom").withoutSize().bindTo(prometheus);
        catalog.item("1");
        catalog.item("1");
        assertThat(prometheus.scrape())
                .contains("cache_gets_total{cache=\"item:{id}\",cacheManager=\"prom\",result=\"hit\",strategy=\"simple\"} 1.0")
                .contains("cache_gets_total{cache=\"item:{id}\",cacheManager=\"prom\",result=\"miss\",strategy=\"simple\"} 1.0");
    }
}
