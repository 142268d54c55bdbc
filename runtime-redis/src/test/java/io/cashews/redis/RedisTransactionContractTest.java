package io.cashews.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.CacheBackendInteractionException;
import io.cashews.CacheTransaction;
import io.cashews.Cashews;
import io.cashews.TransactionMode;
import io.cashews.backend.TransactionContract;
import io.cashews.time.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transaction contract against a real Redis; time passes by shrinking every key's TTL on the
 * server, as in {@link RedisBackendContractTest}.
 */
class RedisTransactionContractTest extends TransactionContract {

    private static final String URL = TestRedis.url(6);
    private TestRedis.Raw raw;

    @Override
    protected Cashews createCache(ManualClock clock) {
        raw = TestRedis.raw(URL);
        Cashews cashews = Cashews.builder().clock(clock).build();
        cashews.setup(URL + "?suppress=false");
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

    @Test
    @SuppressWarnings("try")
    void aLockedTransactionOnAnUnreachableRedisDoesNotWaitOutItsTimeout() throws IOException {
        String dead = "redis://127.0.0.1:" + RedisProcess.freePort();
        try (Cashews down = new Cashews()) {
            down.setup(dead, Map.of("suppress", true, "socket_connect_timeout", "200ms"));
            long start = System.nanoTime();
            try (CacheTransaction tx = down.transaction(TransactionMode.LOCKED, Duration.ofSeconds(10))) {
                down.set("k", "v");
                down.incr("n");
                // Issue 20, D7: a commit that wrote nothing says so, even with suppress=true.
                assertThatThrownBy(tx::commit).isInstanceOf(CacheBackendInteractionException.class)
                        .hasMessageContaining("2 of 2 writes failed");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(down.exists("k")).isFalse();
        }
    }
}
