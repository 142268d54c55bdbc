package io.cashews.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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

    @Test
    void evictionsCountTheRowsTheSizeLimitCulled(@TempDir Path small) {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        try (Cashews bounded = new Cashews()) {
            bounded.setup("disk://?directory=" + small + "&shards=1&size_limit=64k");
            new CashewsMetrics(bounded, "bounded").bindTo(own);
            String value = "x".repeat(4096);
            for (int i = 0; i < 40; i++) {
                bounded.set("k" + i, value);
            }
            double evictions = own.get("cache.evictions").tag("cacheManager", "bounded").functionCounter().count();
            assertThat(evictions).isEqualTo(40 - bounded.getKeysCount()).isPositive();
        }
    }
}
