package io.cashews.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code java} block of docs/metrics.md compiles against this module and its test proxies:
 * the line before each block is {@code <!-- metrics: body(PARAMETERS) -->}, and the block becomes
 * the body of a method taking those parameters (README.md's snippets are checked by the processor's
 * ReadmeSnippetsTest, which cannot see this module).
 */
class MetricsDocSnippetsTest {
    private static final Pattern BLOCK = Pattern.compile(
            "(?:<!--\\s*metrics:\\s*body\\(([^)]*)\\)\\s*-->\\n)?```java\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path out;

    static Path page() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/metrics.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir.resolve("docs/metrics.md");
    }

    @Test
    void everyJavaBlockOfTheMetricsPageCompiles() throws IOException {
        String page = Files.readString(page());
        Matcher m = BLOCK.matcher(page);
        List<JavaFileObject> units = new ArrayList<>();
        int n = 0;
        while (m.find()) {
            assertThat(m.group(1)).as("the marker before java block %d of docs/metrics.md", n + 1).isNotNull();
            String name = "Snippet" + ++n;
            String source = """
                    package io.cashews.micrometer;

                    import io.cashews.*;
                    import io.micrometer.core.instrument.*;
                    import java.util.Map;

                    final class %s {
                        void run(%s) throws Exception {
                    %s
                        }
                    }
                    """.formatted(name, m.group(1), m.group(2));
            units.add(new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            });
        }
        assertThat(n).as("java blocks in docs/metrics.md").isGreaterThanOrEqualTo(3);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter messages = new StringWriter();
        boolean ok = javac.getTask(messages, null, null, List.of("-classpath", System.getProperty("java.class.path"),
                "-d", out.toString(), "-proc:none", "-Xlint:all", "-Werror"), null, units).call();
        assertThat(ok).as(messages.toString()).isTrue();
    }
}
