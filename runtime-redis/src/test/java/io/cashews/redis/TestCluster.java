package io.cashews.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Three embedded {@code redis-server}s joined into a Redis Cluster (each a master of a third of
 * the hash slots), started once for the test run.
 */
final class TestCluster {

    private static List<RedisProcess> nodes;

    private TestCluster() {
    }

    static synchronized List<RedisProcess> nodes() {
        if (nodes == null) {
            List<RedisProcess> started = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                started.add(RedisProcess.launch("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", "2000"));
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> started.forEach(RedisProcess::kill)));
            join(started);
            nodes = started;
        }
        return nodes;
    }

    /** Splits the hash slots between the servers, joins them and waits until the cluster is ok. */
    static void join(List<RedisProcess> started) {
        int slotsPerNode = 16384 / started.size() + 1;
        for (int i = 0; i < started.size(); i++) {
            try (TestRedis.Raw raw = TestRedis.raw(started.get(i).url())) {
                int from = i * slotsPerNode;
                int to = Math.min(16384, from + slotsPerNode);
                raw.sync().clusterAddSlots(IntStream.range(from, to).toArray());
                if (i > 0) {
                    raw.sync().clusterMeet("127.0.0.1", started.get(0).port());
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (RedisProcess node : started) {
            try (TestRedis.Raw raw = TestRedis.raw(node.url())) {
                while (!raw.sync().clusterInfo().contains("cluster_state:ok")) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the test cluster did not form: " + raw.sync().clusterInfo());
                    }
                    Thread.onSpinWait();
                    Thread.yield();
                }
            }
        }
    }

    /** The cache URL naming every node as a seed. */
    static String url() {
        StringBuilder url = new StringBuilder("redis://");
        for (RedisProcess node : nodes()) {
            url.append(url.length() > "redis://".length() ? "," : "").append("127.0.0.1:").append(node.port());
        }
        return url.append("?cluster=true").toString();
    }
}
