package io.cashews.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances with {@code client_side=true} on one Redis: each serves repeated reads from its
 * local copy, and sees the other's writes, deletes and expiries through tracking pushes.
 */
class ClientSideTest {

    private RedisProcess redis;
    private Cashews first;
    private Cashews second;
    private ClientSideBackend firstBackend;
    private ClientSideBackend secondBackend;

    @BeforeEach
    void start() {
        redis = RedisProcess.launch();
        String url = redis.url() + "?client_side=true&socket_timeout=0.5&socket_connect_timeout=0.3";
        first = new Cashews();
        firstBackend = (ClientSideBackend) first.setup(url);
        second = new Cashews();
        secondBackend = (ClientSideBackend) second.setup(url);
        await("tracking on both", () -> firstBackend.isTracking() && secondBackend.isTracking());
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
        redis.kill();
    }

    // Invalidations arrive as pushes: wait for an event, never for a time to pass.
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    @Test
    void ownWritesStayLocalAndAreNotEvictedByTheirOwnEcho() throws Exception {
        first.set("k", "v1");
        assertThat(firstBackend.isLocal("k")).isTrue();
        firstBackend.sync().get(5, TimeUnit.SECONDS);
        assertThat(firstBackend.isLocal("k")).as("NOLOOP: no invalidation for an own write").isTrue();
        assertThat(first.<String>get("k")).isEqualTo("v1");
    }

    @Test
    void eachInstanceSeesTheOthersWrites() throws Exception {
        first.set("k", "v1");
        assertThat(second.<String>get("k")).isEqualTo("v1");
        assertThat(secondBackend.isLocal("k")).isTrue();

        first.set("k", "v2");
        await("the second copy dropped", () -> !secondBackend.isLocal("k"));
        assertThat(second.<String>get("k")).isEqualTo("v2");

        second.delete("k");
        await("the first copy dropped", () -> !firstBackend.isLocal("k"));
        assertThat(first.<Object>get("k")).isNull();
        assertThat(first.exists("k")).isFalse();
    }

    @Test
    void knownMissesAreLocalUntilSomeoneWrites() {
        assertThat(second.<Object>get("later")).isNull();
        assertThat(secondBackend.isLocal("later")).isTrue();
        first.set("later", 42);
        await("the miss marker dropped", () -> !secondBackend.isLocal("later"));
        assertThat(second.<Integer>get("later")).isEqualTo(42);
    }

    @Test
    void keysExpiredByRedisDisappearFromEveryLocalCopy() {
        first.set("short", "lived", Duration.ofMillis(50));
        assertThat(second.<String>get("short")).isEqualTo("lived");
        assertThat(secondBackend.isLocal("short")).isTrue();
        // Redis expires the key on its own and pushes the invalidation.
        await("the expired key dropped locally", () -> !secondBackend.isLocal("short"));
        assertThat(second.<Object>get("short")).isNull();
        assertThat(first.<Object>get("short")).isNull();
    }

    @Test
    void disconnectClearsTheCopyAndTrackingComesBackAfterRestart() throws Exception {
        first.set("k", "v");
        assertThat(second.<String>get("k")).isEqualTo("v");
        redis.kill();
        await("tracking lost", () -> !secondBackend.isTracking());
        assertThat(secondBackend.isLocal("k")).isFalse();
        // Down: reads go to Redis (and miss, suppressed) instead of a stale local copy.
        assertThat(second.<Object>get("k")).isNull();
        redis.start();
        await("tracking back", () -> firstBackend.isTracking() && secondBackend.isTracking());
        first.set("k", "after");
        assertThat(second.<String>get("k")).isEqualTo("after");
        assertThat(secondBackend.isLocal("k")).isTrue();
        first.set("k", "again");
        await("invalidation after the restart", () -> !secondBackend.isLocal("k"));
        assertThat(second.<String>get("k")).isEqualTo("again");
    }
}
