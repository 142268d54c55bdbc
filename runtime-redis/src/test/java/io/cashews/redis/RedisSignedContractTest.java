package io.cashews.redis;

import io.cashews.Cashews;
import io.cashews.backend.BackendContract;
import io.cashews.time.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * The backend contract against a real Redis with a {@code secret}: every value signed, counters
 * included, so {@code incr} runs as verify, add and compare-and-set instead of {@code INCRBY}.
 */
class RedisSignedContractTest extends BackendContract {

    private static final String URL = TestRedis.url(11);
    private TestRedis.Raw raw;

    @Override
    protected Cashews createCache(ManualClock clock) {
        raw = TestRedis.raw(URL);
        Cashews cashews = Cashews.builder().clock(clock).build();
        cashews.setup(URL + "?suppress=false&secret=s3cret&digestmod=sha1");
        return cashews;
    }

    @Override
    protected void advance(Duration amount) {
        super.advance(amount);
        TestRedis.advance(raw.sync(), amount.toMillis());
    }

    @AfterEach
    void closeRaw() {
        raw.close();
    }
}
