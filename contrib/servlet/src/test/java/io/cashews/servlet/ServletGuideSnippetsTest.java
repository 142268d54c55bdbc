package io.cashews.servlet;

import io.cashews.guide.GuideSnippets;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every java block of docs/servlet.md compiles against this module and the servlet API. */
class ServletGuideSnippetsTest {

    @Test
    void everyJavaBlockOfTheGuideCompiles(@TempDir Path work) throws IOException {
        GuideSnippets.assertEveryBlockCompiles("docs/servlet.md", work, "io.cashews.servlet");
    }
}
