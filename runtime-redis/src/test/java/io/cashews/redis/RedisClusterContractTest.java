package io.cashews.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.backend.BackendContract;
import io.cashews.spi.Backend;
import io.cashews.time.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The backend contract on a three-node Redis Cluster: multi-key commands split by hash slot,
 * {@code SCAN}, {@code DBSIZE} and {@code FLUSHDB} over every master, scripts on the key's node.
 */
class RedisClusterContractTest extends BackendContract {

    @Override
    protected Cashews createCache(ManualClock clock) {
        Cashews cashews = Cashews.builder().clock(clock).build();
        cashews.setup(TestCluster.url() + "&suppress=false");
        return cashews;
    }

    @Override
    protected void advance(Duration amount) {
        super.advance(amount);
        for (RedisProcess node : TestCluster.nodes()) {
            try (TestRedis.Raw raw = TestRedis.raw(node.url())) {
                TestRedis.advance(raw.sync(), amount.toMillis());
            }
        }
    }

    @Test
    void keysSpreadOverEveryMasterAndStillReadTogether() {
        String[] keys = new String[60];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "spread:" + i;
            cache.set(keys[i], i);
        }
        for (RedisProcess node : TestCluster.nodes()) {
            try (TestRedis.Raw raw = TestRedis.raw(node.url())) {
                assertThat(raw.sync().dbsize()).as("keys on node %d", node.port()).isPositive();
            }
        }
        assertThat(cache.getMany(keys)).hasSize(60).doesNotContainNull();
        assertThat(cache.scan("spread:*")).hasSize(60);
        assertThat(cache.getKeysCount()).isEqualTo(60);
        assertThat(cache.deleteMany(keys)).isEqualTo(60);
    }

    @Test
    void atomicCommandsRouteToTheMasterOfTheirKey() {
        Backend backend = backend();
        for (int i = 0; i < 30; i++) {
            String key = "atomic:" + i;
            assertThat(backend.getAndSet(key, "a", null, false)).isNull();
            assertThat(backend.compareAndSet(key, "a", "b", null, true)).isTrue();
            assertThat(backend.getAndSet(key, "c", null, false)).isEqualTo("b");
            assertThat(backend.deleteIfEquals(key, "b")).isFalse();
        }
        for (RedisProcess node : TestCluster.nodes()) {
            try (TestRedis.Raw raw = TestRedis.raw(node.url())) {
                assertThat(raw.sync().dbsize()).as("keys on node %d", node.port()).isPositive();
            }
        }
        for (int i = 0; i < 30; i++) {
            assertThat(backend.getAndDelete("atomic:" + i)).isEqualTo("c");
        }
        assertThat(backend.getKeysCount()).isZero();
    }
}
