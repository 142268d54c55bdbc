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
 * {@code ```java} block of a page compiles, with {@code -Xlint:all -Werror}, against the class
 * path of the test that calls this, so the page cannot drift from the module it documents. The
 * line before each block says what it is, as in README.md: {@code <!-- snippet: file -->} for one
 * top-level public type (with its imports), or {@code <!-- snippet: body(Type name, ...) -->} for
 * statements, compiled as the body of a method with those parameters in the caller's package,
 * with the caller's imports.
 */
public final class GuideSnippets {

    private static final Pattern BLOCK = Pattern.compile(
            "<!-- snippet: (file|body\\(([^)]*)\\)) -->\\n```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile("public (?:final )?(?:class|interface|record|enum) (\\w+)");

    private GuideSnippets() {
    }

    /**
     * Compiles every java block of a page, failing the calling test with javac's errors.
     *
     * @param page the page, relative to the repository root, such as {@code docs/servlet.md}
     * @param work an empty directory for the sources and classes
     * @param packageName the package of the body snippets
     * @param imports what the body snippets see imported, such as {@code io.cashews.*}
     * @throws IOException if the page cannot be read
     */
    public static void assertEveryBlockCompiles(String page, Path work, String packageName, String... imports)
            throws IOException {
        String text = Files.readString(root(page).resolve(page));
        int blocks = text.split("```java", -1).length - 1;
        List<Path> files = new ArrayList<>();
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            String code = block.group(3);
            if (block.group(2) == null) {
                Matcher type = TYPE.matcher(code);
                assertThat(type.find()).as("a public type in\n" + code).isTrue();
                Path file = work.resolve(type.group(1) + ".java");
                Files.writeString(file, code);
                files.add(file);
            } else {
                String name = "Snippet" + files.size();
                StringBuilder source = new StringBuilder("package " + packageName + ";\n\n");
                for (String imported : imports) {
                    source.append("import ").append(imported).append(";\n");
                }
                source.append("\nfinal class ").append(name).append(" {\n    void run(").append(block.group(2))
                        .append(") throws Exception {\n").append(code).append("    }\n}\n");
                Path file = work.resolve(name + ".java");
                Files.writeString(file, source);
                files.add(file);
            }
        }
        assertThat(files).as(page + ": every java block has a snippet marker").hasSize(blocks).isNotEmpty();

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager manager = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("-proc:none", "-Xlint:all", "-Werror", "-d", work.toString(),
                    "-classpath", System.getProperty("java.class.path"));
            boolean compiled = javac.getTask(null, manager, diagnostics, options, null, manager.getJavaFileObjectsFromPaths(files)).call();
            assertThat(compiled).as(page + ": " + diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() != Diagnostic.Kind.NOTE).map(d -> d.getMessage(Locale.ROOT)).toList()).isTrue();
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
