package io.cashews.jcache;

import io.cashews.guide.GuideSnippets;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every java block of docs/jcache.md compiles against this module (README's snippets are
 * checked by the processor's ReadmeSnippetsTest, which cannot see the JCache API).
 */
class JCacheDocSnippetsTest {

    @Test
    void everyJavaBlockOfTheJCachePageCompiles(@TempDir Path work) throws IOException {
        GuideSnippets.assertEveryBlockCompiles("docs/jcache.md", work, "io.cashews.jcache",
                "javax.cache.Cache", "javax.cache.CacheManager", "javax.cache.Caching",
                "javax.cache.configuration.MutableConfiguration", "javax.cache.expiry.CreatedExpiryPolicy",
                "javax.cache.expiry.Duration", "javax.cache.spi.CachingProvider", "java.net.URI", "java.util.Properties");
    }
}
