package io.cashews.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Which runtime dependencies of {@code cashews-runtime} ship GraalVM metadata. None does, and none
 * needs to for what the runtime uses: Caffeine builds its caches without reflection, and Jackson
 * (optional, serializer=json) and zstd-jni (optional, compress_type=zstd) need an application's own
 * metadata for its value types and the native library. Adding a dependency, or one that starts or
 * stops shipping metadata, changes this table on purpose.
 */
class NativeImageMetadataTest {

    @Test
    void runtimeDependenciesShipTheExpectedMetadata() {
        Map<String, Boolean> expected = new TreeMap<>(Map.of(
                "com.fasterxml.jackson.core:jackson-annotations", false,
                "com.fasterxml.jackson.core:jackson-core", false,
                "com.fasterxml.jackson.core:jackson-databind", false,
                "com.github.ben-manes.caffeine:caffeine", false,
                "com.github.luben:zstd-jni", false,
                "com.google.errorprone:error_prone_annotations", false,
                "org.jspecify:jspecify", false));

        assertThat(RuntimeDependencies.nativeImageMetadata(RuntimeDependencies.LIST)).isEqualTo(expected);
    }
}
