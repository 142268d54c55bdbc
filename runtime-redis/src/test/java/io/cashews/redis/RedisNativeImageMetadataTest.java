package io.cashews.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.arch.RuntimeDependencies;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Which runtime dependencies of {@code cashews-runtime-redis} ship GraalVM metadata: Lettuce,
 * Reactor and the Netty modules that reflect do; Caffeine, the runtime (which needs none: it does
 * not reflect) and the small libraries do not. Adding a dependency, or one that starts or stops
 * shipping metadata, changes this table on purpose.
 */
class RedisNativeImageMetadataTest {

    @Test
    void runtimeDependenciesShipTheExpectedMetadata() {
        Map<String, Boolean> expected = new TreeMap<>();
        expected.put("com.github.ben-manes.caffeine:caffeine", false);
        expected.put("com.google.errorprone:error_prone_annotations", false);
        expected.put("io.cashews:cashews-runtime", false);
        expected.put("io.lettuce:lettuce-core", true);
        expected.put("io.netty:netty-buffer", true);
        expected.put("io.netty:netty-codec-base", true);
        expected.put("io.netty:netty-codec-dns", true);
        expected.put("io.netty:netty-common", true);
        expected.put("io.netty:netty-handler", true);
        expected.put("io.netty:netty-resolver", false);
        expected.put("io.netty:netty-resolver-dns", true);
        expected.put("io.netty:netty-transport", true);
        expected.put("io.netty:netty-transport-native-unix-common", false);
        expected.put("io.projectreactor:reactor-core", true);
        expected.put("org.jspecify:jspecify", false);
        expected.put("org.reactivestreams:reactive-streams", false);
        expected.put("org.slf4j:slf4j-api", false);
        expected.put("redis.clients.authentication:redis-authx-core", false);

        assertThat(RuntimeDependencies.nativeImageMetadata(RuntimeDependencies.LIST)).isEqualTo(expected);
    }
}
