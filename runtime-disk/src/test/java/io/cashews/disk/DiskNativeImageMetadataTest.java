package io.cashews.disk;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.arch.RuntimeDependencies;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Which runtime dependencies of {@code cashews-runtime-disk} ship GraalVM metadata: sqlite-jdbc
 * does (its native-image feature registers the JNI library and the classes it reflects on);
 * the runtime (which needs none: it does not reflect), Caffeine and the small libraries do not.
 * Adding a dependency, or one that starts or stops shipping metadata, changes this table on purpose.
 */
class DiskNativeImageMetadataTest {

    @Test
    void runtimeDependenciesShipTheExpectedMetadata() {
        Map<String, Boolean> expected = new TreeMap<>();
        expected.put("com.github.ben-manes.caffeine:caffeine", false);
        expected.put("com.google.errorprone:error_prone_annotations", false);
        expected.put("io.cashews:cashews-runtime", false);
        expected.put("org.jspecify:jspecify", false);
        expected.put("org.xerial:sqlite-jdbc", true);

        assertThat(RuntimeDependencies.nativeImageMetadata(RuntimeDependencies.LIST)).isEqualTo(expected);
    }
}
