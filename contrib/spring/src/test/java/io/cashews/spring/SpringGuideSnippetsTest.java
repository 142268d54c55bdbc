package io.cashews.spring;

import io.cashews.guide.GuideSnippets;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every java block of docs/spring.md compiles against this module and spring-context. */
class SpringGuideSnippetsTest {

    @Test
    void everyJavaBlockOfTheGuideCompiles(@TempDir Path work) throws IOException {
        GuideSnippets.assertEveryBlockCompiles("docs/spring.md", work, "io.cashews.spring");
    }
}
