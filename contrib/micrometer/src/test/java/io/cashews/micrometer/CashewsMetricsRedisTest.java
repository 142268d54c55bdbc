package io.cashews.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.redis.TestRedis;
import org.junit.jupiter.api.Test;

/** {@link CashewsMetrics} through generated proxies on a real Redis. */
class CashewsMetricsRedisTest extends BackendMetricsContract {
    @Override
    String url() {
        return TestRedis.url(11);
    }

    @Test
    void redisHasNoEvictionMeterBecauseItEvictsOnTheServer() {
        catalog.item("1");
        assertThat(cache.evictionCount()).isEmpty();
        assertThat(registry.find("cache.evictions").meter()).isNull();
    }
}
