package io.cashews.micrometer;

import io.cashews.redis.TestRedis;

/** {@link CashewsMetrics} through generated proxies on a real Redis. */
class CashewsMetricsRedisTest extends BackendMetricsContract {
    @Override
    String url() {
        return TestRedis.url(11);
    }
}
