package io.cashews.redis;

import io.cashews.Cashews;
import io.cashews.backend.BackendContract;
import io.cashews.time.ManualClock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;

/**
 * The backend contract with {@code client_side=true}: the local copy must never change an answer.
 * Time passes on the server (TTLs shrink) and on the instance's clock (local deadlines), and the
 * invalidations this causes are applied before the test goes on.
 */
class ClientSideContractTest extends BackendContract {

    private static final String URL = TestRedis.url(4);
    private TestRedis.Raw raw;
    private ClientSideBackend backend;

    @Override
    protected Cashews createCache(ManualClock clock) {
        raw = TestRedis.raw(URL);
        Cashews cashews = Cashews.builder().clock(clock).build();
        backend = (ClientSideBackend) cashews.setup(URL + "?suppress=false&client_side=true");
        return cashews;
    }

    @Override
    protected void advance(Duration amount) {
        super.advance(amount);
        TestRedis.advance(raw.sync(), amount.toMillis());
        try {
            backend.sync().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the tracking connection did not answer", e);
        }
    }

    @AfterEach
    void closeRaw() {
        raw.close();
    }
}
