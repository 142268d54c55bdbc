package io.cashews.redis;

import static io.cashews.redis.Events.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code client_side=true} on Redis Cluster: every master pushes the invalidations of its keys. */
class ClusterClientSideTest {

    private Cashews first;
    private Cashews second;
    private ClientSideBackend firstBackend;
    private ClientSideBackend secondBackend;

    @BeforeEach
    void open() {
        // A generous command timeout: a command that times out on a loaded machine reads as a miss.
        String url = TestCluster.url() + "&client_side=true&client_side_prefix=cluster-cs:&socket_timeout=10";
        first = new Cashews();
        firstBackend = (ClientSideBackend) first.setup(url);
        second = new Cashews();
        secondBackend = (ClientSideBackend) second.setup(url);
        await("tracking on both", () -> firstBackend.isTracking() && secondBackend.isTracking());
        first.clear();
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    @Test
    void writesOnEveryMasterInvalidateTheOtherInstancesCopy() throws Exception {
        // Thirty keys land on all three masters.
        for (int i = 0; i < 30; i++) {
            first.set("k" + i, "v1-" + i);
        }
        for (int i = 0; i < 30; i++) {
            String key = "k" + i;
            assertThat(second.<String>get(key)).isEqualTo("v1-" + i);
            // The invalidation of first's write may still be in flight when the read is answered;
            // the backend then rightly keeps no copy, so the next read keeps one.
            awaitLocalCopy(second, secondBackend, key, "v1-" + i);
        }
        firstBackend.sync().get(60, TimeUnit.SECONDS);
        assertThat(firstBackend.isLocal("k0")).as("own writes stay local").isTrue();
        for (int i = 0; i < 30; i++) {
            first.set("k" + i, "v2-" + i);
        }
        for (int i = 0; i < 30; i++) {
            String key = "k" + i;
            await("invalidation of " + key, () -> !secondBackend.isLocal(key));
            assertThat(second.<String>get(key)).isEqualTo("v2-" + i);
        }
    }

    @Test
    void atomicWritesOnEveryMasterInvalidateTheOtherInstancesCopy() {
        for (int i = 0; i < 30; i++) {
            first.set("a" + i, "v1-" + i);
        }
        for (int i = 0; i < 30; i++) {
            awaitLocalCopy(second, secondBackend, "a" + i, "v1-" + i);
        }
        for (int i = 0; i < 30; i++) {
            String key = "a" + i;
            if (i % 2 == 0) {
                assertThat(firstBackend.getAndSet(key, "v2-" + i, null, true)).isEqualTo("v1-" + i);
            } else {
                assertThat(firstBackend.compareAndSet(key, "v1-" + i, "v2-" + i, null, false)).isTrue();
            }
        }
        for (int i = 0; i < 30; i++) {
            String key = "a" + i;
            await("invalidation of " + key, () -> !secondBackend.isLocal(key));
            assertThat(second.<String>get(key)).isEqualTo("v2-" + i);
        }
    }

    // Another instance's write reaches this one's copies by an invalidation push, some time after
    // the write: until then a read may still answer the copy it had (a miss included), so the
    // value is awaited too, not asserted at the first read.
    static void awaitLocalCopy(Cashews cache, ClientSideBackend backend, String key, Object value) {
        Object[] seen = new Object[1];
        try {
            await("a local copy of " + key, () -> {
                seen[0] = cache.get(key);
                return value.equals(seen[0]) && backend.isLocal(key);
            });
        } catch (AssertionError timedOut) {
            throw new AssertionError(timedOut.getMessage() + " = " + value + "; last read " + seen[0], timedOut);
        }
    }
}
