package io.cashews.guide;

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

/**
 * For the guide pages of modules outside the processor's reach (the processor's
 * {@code ReadmeSnippetsTest} compiles README.md and the pages of the core modules): every
 * {@code ```java} block of a page follows a {@code <!-- snippet: file -->} line, holds one top-level
 * public type, and compiles against the class path of the test that calls this, so the page cannot
 * drift from the module it documents.
 */
public final class GuideSnippets {

    private static final Pattern BLOCK = Pattern.compile("<!-- snippet: file -->\\n```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile("public (?:final )?(?:class|interface|record|enum) (\\w+)");

    private GuideSnippets() {
    }

    /**
     * Compiles every java block of a page, failing the calling test with javac's errors.
     *
     * @param page the page, relative to the repository root, such as {@code docs/servlet.md}
     * @param work an empty directory for the sources and classes
     * @throws IOException if the page cannot be read
     */
    public static void assertEveryBlockCompiles(String page, Path work) throws IOException {
        String text = Files.readString(root(page).resolve(page));
        int blocks = text.split("```java", -1).length - 1;
        List<Path> files = new ArrayList<>();
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            Matcher type = TYPE.matcher(block.group(1));
            assertThat(type.find()).as("a public type in\n" + block.group(1)).isTrue();
            Path file = work.resolve(type.group(1) + ".java");
            Files.writeString(file, block.group(1));
            files.add(file);
        }
        assertThat(files).as(page + ": every java block has a snippet marker").hasSize(blocks).isNotEmpty();

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager manager = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("-proc:none", "-d", work.toString(), "-classpath", System.getProperty("java.class.path"));
            boolean compiled = javac.getTask(null, manager, diagnostics, options, null, manager.getJavaFileObjectsFromPaths(files)).call();
            assertThat(compiled).as(page + ": " + diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).map(d -> d.getMessage(Locale.ROOT)).toList()).isTrue();
        }
    }

    private static Path root(String page) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(page))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root, holding " + page).isNotNull();
        return dir;
    }
}
