package io.cashews.micrometer;

import io.cashews.guide.GuideSnippets;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every java block of docs/metrics.md compiles against this module and its test proxies (README's
 * snippets are checked by the processor's ReadmeSnippetsTest, which cannot see this module).
 */
class MetricsDocSnippetsTest {

    @Test
    void everyJavaBlockOfTheMetricsPageCompiles(@TempDir Path work) throws IOException {
        GuideSnippets.assertEveryBlockCompiles("docs/metrics.md", work, "io.cashews.micrometer",
                "io.cashews.*", "io.micrometer.core.instrument.*", "java.util.Map");
    }
}
