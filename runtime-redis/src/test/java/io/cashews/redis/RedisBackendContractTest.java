package io.cashews.redis;

import io.cashews.Cashews;
import io.cashews.backend.BackendContract;
import io.cashews.time.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * The backend contract against a real Redis. Time passes by shrinking every key's TTL on the
 * server instead of sleeping.
 */
class RedisBackendContractTest extends BackendContract {

    private static final String URL = TestRedis.url(1);
    private TestRedis.Raw raw;

    @Override
    protected Cashews createCache(ManualClock clock) {
        raw = TestRedis.raw(URL);
        Cashews cashews = Cashews.builder().clock(clock).build();
        cashews.setup(URL + "?suppress=false" + moreOptions());
        return cashews;
    }

    /**
     * Options added to the URL's, each starting with {@code &}.
     *
     * @return none here
     */
    protected String moreOptions() {
        return "";
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
