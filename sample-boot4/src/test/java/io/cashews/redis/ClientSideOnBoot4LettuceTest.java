package io.cashews.redis;

import static io.cashews.redis.ClusterClientSideTest.awaitLocalCopy;
import static io.cashews.redis.Events.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The RESP3 client-side cache of cashews-runtime-redis on the Lettuce that Boot 4's BOM manages
 * (in runtime-redis' package, beside its test-jar, to see whether a key has a local copy): tracking
 * is switched on, repeated reads are local, and another instance's write or delete reaches the copy
 * as an invalidation push.
 */
class ClientSideOnBoot4LettuceTest {

    private Cashews first;
    private Cashews second;
    private ClientSideBackend firstBackend;
    private ClientSideBackend secondBackend;

    @BeforeEach
    void start() {
        String url = TestRedis.url(3) + "?client_side=true&suppress=false&socket_timeout=10&socket_connect_timeout=5";
        first = new Cashews();
        firstBackend = (ClientSideBackend) first.setup(url);
        second = new Cashews();
        secondBackend = (ClientSideBackend) second.setup(url);
        first.clear();
        await("tracking on both", () -> firstBackend.isTracking() && secondBackend.isTracking());
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
    }

    @Test
    void ownWritesStayLocal() throws Exception {
        first.set("own", "v1");
        assertThat(firstBackend.isLocal("own")).isTrue();
        firstBackend.sync().get(60, TimeUnit.SECONDS);
        assertThat(firstBackend.isLocal("own")).as("NOLOOP: no invalidation for an own write").isTrue();
        assertThat(first.<String>get("own")).isEqualTo("v1");
    }

    @Test
    void theOthersWritesAndDeletesReachTheLocalCopy() {
        first.set("shared", "v1");
        assertThat(second.<String>get("shared")).isEqualTo("v1");
        awaitLocalCopy(second, secondBackend, "shared", "v1");

        first.set("shared", "v2");
        await("the second copy dropped", () -> !secondBackend.isLocal("shared"));
        assertThat(second.<String>get("shared")).isEqualTo("v2");

        awaitLocalCopy(first, firstBackend, "shared", "v2");
        second.delete("shared");
        await("the first copy dropped", () -> !firstBackend.isLocal("shared"));
        assertThat(first.<Object>get("shared")).isNull();
        assertThat(first.exists("shared")).isFalse();
    }
}
