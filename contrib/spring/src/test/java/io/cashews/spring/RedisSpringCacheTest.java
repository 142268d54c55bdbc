package io.cashews.spring;

import io.cashews.Cashews;

/** The contract on a real Redis. */
class RedisSpringCacheTest extends SpringCacheContract {

    @Override
    Cashews newCashews() throws Exception {
        Cashews cache = Cashews.create(TestRedis.url() + "?suppress=false&socket_timeout=10");
        cache.clear();
        return cache;
    }
}
