package io.cashews.spring;

import io.cashews.Cashews;
import io.cashews.redis.TestRedis;

/** The contract on a real Redis. */
class RedisSpringCacheTest extends SpringCacheContract {

    @Override
    Cashews newCashews() throws Exception {
        Cashews cache = Cashews.create(TestRedis.url(1) + "?suppress=false&socket_timeout=10");
        cache.clear();
        return cache;
    }
}
