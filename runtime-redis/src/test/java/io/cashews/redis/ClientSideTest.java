package io.cashews.redis;

import static io.cashews.redis.ClusterClientSideTest.awaitLocalCopy;
import static io.cashews.redis.Events.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushListener;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
        // Generous timeouts: a command that times out on a loaded machine would read as a miss.
        String url = redis.url() + "?client_side=true&socket_timeout=10&socket_connect_timeout=5";
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

    @Test
    void ownWritesStayLocalAndAreNotEvictedByTheirOwnEcho() throws Exception {
        first.set("k", "v1");
        assertThat(firstBackend.isLocal("k")).isTrue();
        firstBackend.sync().get(60, TimeUnit.SECONDS);
        assertThat(firstBackend.isLocal("k")).as("NOLOOP: no invalidation for an own write").isTrue();
        assertThat(first.<String>get("k")).isEqualTo("v1");
    }

    @Test
    void eachInstanceSeesTheOthersWrites() throws Exception {
        first.set("k", "v1");
        assertThat(second.<String>get("k")).isEqualTo("v1");
        // first's write is pushed to second as an invalidation that may land after the read.
        awaitLocalCopy(second, secondBackend, "k", "v1");

        first.set("k", "v2");
        await("the second copy dropped", () -> !secondBackend.isLocal("k"));
        assertThat(second.<String>get("k")).isEqualTo("v2");

        second.delete("k");
        await("the first copy dropped", () -> !firstBackend.isLocal("k"));
        assertThat(first.<Object>get("k")).isNull();
        assertThat(first.exists("k")).isFalse();
    }

    @Test
    void aReadIsKeptLocallyWhileTheInvalidationOfAnEarlierWriteIsStillUnread() throws Exception {
        // A writer with event loops of its own, so that stalling the second instance's loop does not stall it.
        try (TestRedis.Raw raw = TestRedis.raw(redis.url())) {
            first.set("k", "v1");
            byte[] stored = raw.sync().get("cashews:k");
            CountDownLatch stalled = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean once = new AtomicBoolean();
            PushListener stall = message -> {
                if (once.compareAndSet(false, true)) {
                    stalled.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            StatefulRedisConnection<String, byte[]> connection = (StatefulRedisConnection<String, byte[]>) secondBackend.connection();
            connection.addListener(stall);
            try {
                // The first invalidation stalls the second instance's event loop, so that the
                // next one (of a write that comes before the read) is still unread when the read starts.
                raw.sync().set("cashews:blocker", stored);
                assertThat(stalled.await(60, TimeUnit.SECONDS)).as("the event loop stalled").isTrue();
                raw.sync().set("cashews:k", stored);
                CompletableFuture<Object> read = secondBackend.getAsync("k");
                release.countDown();
                assertThat(read.get(60, TimeUnit.SECONDS)).isEqualTo("v1");
            } finally {
                release.countDown();
                connection.removeListener(stall);
            }
            assertThat(secondBackend.isLocal("k")).as("the reply came after that invalidation: it is current").isTrue();
            first.set("k", "v2");
            await("the second copy dropped", () -> !secondBackend.isLocal("k"));
            assertThat(second.<String>get("k")).isEqualTo("v2");
        }
    }

    @Test
    void aReadThatFailsIsNotKeptAsAMiss() throws Exception {
        // Its own instance, with a short command timeout: its read times out (and, suppressed,
        // answers a miss) while the connection, and so tracking, stays up.
        Cashews third = new Cashews();
        try (TestRedis.Raw raw = TestRedis.raw(redis.url())) {
            ClientSideBackend thirdBackend = (ClientSideBackend) third.setup(redis.url() + "?client_side=true&socket_timeout=0.2");
            await("tracking on the third", thirdBackend::isTracking);
            String key = null;
            // The read must come while Redis is paused: on a loaded machine a pause may be over
            // first, so a read that was answered is tried again (another key), with a longer pause.
            for (long pause = 1000; key == null; pause *= 2) {
                assertThat(pause).as("a read made during the pause").isLessThan(60_000);
                String candidate = "k" + pause;
                first.set(candidate, "v");
                raw.sync().clientPause(pause);
                Object seen = third.get(candidate);
                if (seen == null) {
                    key = candidate;
                } else {
                    assertThat(seen).isEqualTo("v");
                }
            }
            // A timeout counts as a possible loss of the tracking connection (issue 20, D2): the copy
            // is dropped and reads go to Redis until a PING is answered and tracking is on again.
            assertThat(thirdBackend.isTracking()).isFalse();
            assertThat(thirdBackend.isLocal(key)).as("a timed-out read is not kept as a miss").isFalse();
            // Answered once the pause is over.
            assertThat(raw.sync().ping()).isEqualTo("PONG");
            await("tracking back after the pause", thirdBackend::isTracking);
            assertThat(third.<String>get(key)).isEqualTo("v");
        } finally {
            third.close();
        }
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
        // The key must still live when the second instance reads it: on a loaded machine that
        // may take longer than a short TTL, so a key that expired first is tried again, longer.
        String key = null;
        for (long ttl = 100; key == null; ttl *= 2) {
            assertThat(ttl).as("a key that lives until it is read").isLessThan(60_000);
            String candidate = "short" + ttl;
            first.set(candidate, "lived", Duration.ofMillis(ttl));
            Object seen = second.get(candidate);
            if ("lived".equals(seen) && secondBackend.isLocal(candidate)) {
                key = candidate;
            } else {
                assertThat(seen).as("before its expiry, then gone").isIn("lived", null);
            }
        }
        String expiring = key;
        // Redis expires the key on its own and pushes the invalidation.
        await("the expired key dropped locally", () -> !secondBackend.isLocal(expiring));
        assertThat(second.<Object>get(expiring)).isNull();
        assertThat(first.<Object>get(expiring)).isNull();
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
        awaitLocalCopy(second, secondBackend, "k", "after");
        first.set("k", "again");
        await("invalidation after the restart", () -> !secondBackend.isLocal("k"));
        assertThat(second.<String>get("k")).isEqualTo("again");
    }

    @Test
    void atomicWritesOfTheOtherInstanceDropTheLocalCopy() throws Exception {
        first.set("k", "v1");
        awaitLocalCopy(second, secondBackend, "k", "v1");

        assertThat(firstBackend.getAndSet("k", "v2", null, false)).isEqualTo("v1");
        await("the copy dropped after getAndSet", () -> !secondBackend.isLocal("k"));
        awaitLocalCopy(second, secondBackend, "k", "v2");

        assertThat(firstBackend.compareAndSet("k", "v2", "v3", null, false)).isTrue();
        await("the copy dropped after compareAndSet", () -> !secondBackend.isLocal("k"));
        awaitLocalCopy(second, secondBackend, "k", "v3");

        assertThat(firstBackend.getAndDelete("k")).isEqualTo("v3");
        await("the copy dropped after getAndDelete", () -> !secondBackend.isLocal("k"));
        assertThat(second.<Object>get("k")).isNull();

        first.set("k", "v4");
        awaitLocalCopy(second, secondBackend, "k", "v4");
        assertThat(firstBackend.deleteIfEquals("k", "v4")).isTrue();
        await("the copy dropped after deleteIfEquals", () -> !secondBackend.isLocal("k"));
        assertThat(second.exists("k")).isFalse();
    }

    @Test
    void ownAtomicWritesLeaveNoStaleCopy() throws Exception {
        first.set("k", "v1");
        assertThat(firstBackend.isLocal("k")).isTrue();
        assertThat(firstBackend.getAndSet("k", "v2", null, false)).isEqualTo("v1");
        assertThat(first.<String>get("k")).isEqualTo("v2");
        assertThat(firstBackend.compareAndSet("k", "v2", "v3", null, false)).isTrue();
        assertThat(first.<String>get("k")).isEqualTo("v3");
        assertThat(firstBackend.getAndDelete("k")).isEqualTo("v3");
        assertThat(first.<Object>get("k")).isNull();
        firstBackend.sync().get(60, TimeUnit.SECONDS);
        assertThat(first.<Object>get("k")).isNull();
    }
}
