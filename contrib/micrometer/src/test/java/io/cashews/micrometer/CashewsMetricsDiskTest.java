package io.cashews.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CashewsMetrics} through generated proxies on {@code disk://}. */
class CashewsMetricsDiskTest extends BackendMetricsContract {
    @TempDir
    Path dir;

    @Override
    String url() {
        return "disk://?directory=" + dir;
    }

    @Test
    void theSizeGaugeCountsTheFilesKeys() {
        catalog.item("1");
        catalog.item("2");
        assertThat(registry.get("cache.size").tag("cacheManager", "catalog").gauge().value()).isEqualTo(2);
    }
}
