package io.cashews.redis;

import static io.cashews.redis.Events.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.lettuce.core.cluster.SlotHash;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code client_side=true} on a cluster that grows: a master added while the instances run, and a
 * slot moved to it, must be tracked too, or a local copy of a key it serves would never be
 * invalidated. Uses a cluster of its own (two masters, then three).
 */
class ClusterTopologyClientSideTest {

    private static final String PREFIX = "topo:";

    private final List<RedisProcess> nodes = new ArrayList<>();
    private Cashews first;
    private Cashews second;
    private ClientSideBackend firstBackend;
    private ClientSideBackend secondBackend;

    @BeforeEach
    void open() {
        for (int i = 0; i < 2; i++) {
            nodes.add(RedisProcess.launch("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                    "--cluster-node-timeout", "2000"));
        }
        TestCluster.join(nodes);
        String url = "redis://127.0.0.1:" + nodes.get(0).port() + ",127.0.0.1:" + nodes.get(1).port()
                + "?cluster=true&client_side=true&client_side_prefix=" + PREFIX + "&socket_timeout=10";
        first = new Cashews();
        firstBackend = (ClientSideBackend) first.setup(url);
        second = new Cashews();
        secondBackend = (ClientSideBackend) second.setup(url);
        await("tracking on both", () -> firstBackend.isTracking() && secondBackend.isTracking());
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
        nodes.forEach(RedisProcess::kill);
    }

    private static String id(RedisProcess node) {
        try (TestRedis.Raw raw = TestRedis.raw(node.url())) {
            return raw.sync().clusterMyId();
        }
    }

    @Test
    void aMasterAddedLaterPushesInvalidationsToo() {
        // A third master joins and takes over the (still empty) slot of the key.
        RedisProcess added = RedisProcess.launch("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", "2000");
        nodes.add(added);
        String addedId = id(added);
        try (TestRedis.Raw raw = TestRedis.raw(added.url())) {
            raw.sync().clusterMeet("127.0.0.1", nodes.get(0).port());
        }
        for (RedisProcess node : nodes) {
            try (TestRedis.Raw raw = TestRedis.raw(node.url())) {
                await("every node knows the new one", () -> raw.sync().clusterNodes().lines().count() == 3);
            }
        }
        int slot = SlotHash.getSlot(PREFIX + "k");
        for (RedisProcess node : nodes) {
            try (TestRedis.Raw raw = TestRedis.raw(node.url())) {
                raw.sync().clusterSetSlotNode(slot, addedId);
            }
        }

        for (RedisProcess node : nodes) {
            try (TestRedis.Raw raw = TestRedis.raw(node.url())) {
                await("the cluster agrees", () -> raw.sync().clusterInfo().contains("cluster_state:ok"));
            }
        }

        // The first writes through a redirect (retried while the nodes settle: a suppressed
        // failure is a skipped write); the second reads and keeps a local copy.
        await("first writes v1", () -> first.set("k", "v1"));
        await("second reads v1", () -> "v1".equals(second.get("k")));
        await("both track the new topology", () -> firstBackend.isTracking() && secondBackend.isTracking()
                && "v1".equals(second.get("k")) && secondBackend.isLocal("k"));

        // A write on the new master must reach the second's copy.
        first.set("k", "v2");
        await("invalidation from the added master", () -> !secondBackend.isLocal("k"));
        assertThat(second.<String>get("k")).isEqualTo("v2");
    }
}
