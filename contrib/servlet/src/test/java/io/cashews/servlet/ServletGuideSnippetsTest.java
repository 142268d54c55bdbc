package io.cashews.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of docs/servlet.md compiles against this module and the servlet API,
 * so the guide cannot drift from the filters. Each block follows a {@code <!-- snippet: file -->}
 * line and holds one top-level public type (the processor module checks the other guide pages).
 */
class ServletGuideSnippetsTest {

    private static final Pattern BLOCK = Pattern.compile("<!-- snippet: file -->\\n```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile("public (?:final )?(?:class|interface|record) (\\w+)");

    @Test
    void everyJavaBlockOfTheGuideCompiles(@TempDir Path sources) throws IOException {
        String page = Files.readString(root().resolve("docs/servlet.md"));
        int blocks = page.split("```java", -1).length - 1;
        List<Path> files = new ArrayList<>();
        Matcher block = BLOCK.matcher(page);
        while (block.find()) {
            Matcher type = TYPE.matcher(block.group(1));
            assertThat(type.find()).as("a public type in\n" + block.group(1)).isTrue();
            Path file = sources.resolve(type.group(1) + ".java");
            Files.writeString(file, block.group(1));
            files.add(file);
        }
        assertThat(files).as("every java block has a snippet marker").hasSize(blocks).isNotEmpty();

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager manager = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("-proc:none", "-d", sources.toString(), "-classpath", System.getProperty("java.class.path"));
            boolean compiled = javac.getTask(null, manager, diagnostics, options, null, manager.getJavaFileObjectsFromPaths(files)).call();
            assertThat(compiled).as(diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).map(d -> d.getMessage(Locale.ROOT)).toList().toString()).isTrue();
        }
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/servlet.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root").isNotNull();
        return dir;
    }
}
