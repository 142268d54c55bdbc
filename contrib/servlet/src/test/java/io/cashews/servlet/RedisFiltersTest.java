package io.cashews.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.redis.TestRedis;
import java.time.Duration;

/** The filters on a real Redis: the embedded redis-server of the test run, or {@code REDIS_URL}. */
class RedisFiltersTest extends FiltersContract {

    @Override
    Cashews newCache() {
        Cashews cache = Cashews.create(TestRedis.url(1) + "?suppress=false&socket_timeout=10");
        cache.clear();
        return cache;
    }

    @Override
    void expireNow(String key) {
        cache.expire(key, Duration.ofMillis(1));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        // Redis expires the key on its own clock; poll until it says so.
        while (cache.exists(key) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(cache.exists(key)).isFalse();
    }
}
