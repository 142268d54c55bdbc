package io.cashews.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of README.md and of the guide pages in {@code docs/} compiles with
 * the processor against the real annotations and runtime, so the guide cannot drift from the API.
 *
 * <p>The convention (README.md repeats it in a comment at its top): the line before each block is
 * a marker comment, {@code <!-- snippet: KIND[, OPTION]... -->}, invisible when the page is
 * rendered. KIND is
 * <ul>
 *   <li>{@code file}: top-level declarations, optionally after {@code import} lines; each
 *       top-level type becomes its own source file (so several may be {@code public});</li>
 *   <li>{@code body} or {@code body(Type name, ...)}: statements, compiled as the body of
 *       {@code static void run(Type name, ...) throws Exception}, the parameters standing for
 *       what the statements use without declaring it;</li>
 *   <li>{@code copy(path)}: a whole source file of another module, shown as it is ({@code path}
 *       from the repository's root); the block must equal that file, which its own module
 *       compiles and tests (for example README's Spring Boot application, which needs Boot).</li>
 * </ul>
 * OPTIONs: {@code name=N} names the snippet's package, {@code in=N} puts the snippet in the
 * package of the snippet named {@code N} (to use its types), {@code error=Id} says the snippet
 * must fail to compile with the message {@code [Id]} (compiled on its own), {@code warning=Id}
 * that it compiles with that warning. Every snippet sees the imports in {@link #IMPLICIT_IMPORTS}
 * (a body also {@code io.cashews.CacheTransaction}, which a file imports itself, being ambiguous
 * with the annotation)
 * and the small types nested in {@code src/test/resources/readme/Prelude.java} (User, Order, …)
 * that examples use without declaring. A block without a marker fails this test.
 */
class ReadmeSnippetsTest {

    /** The pages whose snippets are checked (docs/generated-code.md quotes generated code, not user code). */
    private static final List<String> PAGES = List.of(
            "README.md", "docs/migrating-from-spring.md", "docs/migrating-from-cashews.md", "docs/security.md");

    /** Imports every snippet has; single-type imports for the JDK so no simple name is ambiguous. */
    static final List<String> IMPLICIT_IMPORTS = List.of(
            "io.cashews.*", "io.cashews.annotations.*", "readme.prelude.Prelude.*",
            "java.io.IOException", "java.time.Duration", "java.util.List", "java.util.Map",
            "java.util.Optional", "java.util.concurrent.CompletableFuture", "java.util.concurrent.CompletionStage");

    private static final Pattern MARKER = Pattern.compile("<!--\\s*snippet:\\s*(.*?)\\s*-->");
    private static final Pattern TYPE_NAME =
            Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Za-z_$][A-Za-z0-9_$]*)");

    /** javac's processing lint about {@code @Generated}, which no processor claims. */
    private static final String UNCLAIMED_GENERATED = "No processor claimed any of these annotations";

    /** One fenced block: where it is, what its marker says, and its text. */
    record Snippet(String page, int line, String kind, String parameters, Map<String, String> options, String code) {

        String where() {
            return page + ":" + line;
        }

        String packageName(String defaultPackage) {
            String in = options.getOrDefault("in", options.get("name"));
            return in != null ? "readme." + in : defaultPackage;
        }
    }

    /** A generated source file and where its first line comes from. */
    record Unit(JavaFileObject file, Snippet snippet, int firstLine) {}

    @Test
    void everyJavaSnippetCompiles() throws IOException {
        List<Snippet> snippets = new ArrayList<>();
        for (String page : PAGES) {
            snippets.addAll(snippets(page, Files.readString(root().resolve(page), StandardCharsets.UTF_8)));
        }
        assertThat(snippets).as("java snippets in the guide").hasSizeGreaterThan(20);

        List<Unit> together = new ArrayList<>();
        for (Snippet snippet : snippets) {
            if (snippet.kind().equals("copy")) {
                assertThat(copyMismatch(snippet, root())).as("%s, a copy of %s", snippet.where(), snippet.parameters())
                        .isNull();
            } else if (snippet.options().containsKey("error")) {
                List<Unit> alone = units(snippet);
                Compilation compilation = compile(alone);
                String id = "[" + snippet.options().get("error") + "]";
                assertThat(compilation.status())
                        .as("%s should fail with %s", snippet.where(), id).isEqualTo(Compilation.Status.FAILURE);
                assertThat(compilation.errors()).as("%s errors", snippet.where())
                        .anySatisfy(d -> assertThat(d.getMessage(Locale.ROOT)).startsWith(id));
                assertThat(problems(compilation, alone, Diagnostic.Kind.ERROR)).as("%s errors", snippet.where())
                        .allSatisfy(p -> assertThat(p).contains(id));
            } else {
                together.addAll(units(snippet));
            }
        }
        Compilation compilation = compile(together);
        List<String> problems = new ArrayList<>(problems(compilation, together, Diagnostic.Kind.ERROR));
        for (Diagnostic.Kind kind : List.of(Diagnostic.Kind.WARNING, Diagnostic.Kind.MANDATORY_WARNING)) {
            for (Diagnostic<? extends JavaFileObject> d : diagnostics(compilation, kind)) {
                Unit unit = unitOf(d, together);
                String expected = unit == null ? null : unit.snippet().options().get("warning");
                if (expected == null || !d.getMessage(Locale.ROOT).startsWith("[" + expected + "]")) {
                    problems.add(describe(d, unit));
                }
            }
        }
        assertThat(problems).as("problems compiling the guide's snippets").isEmpty();
        assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
        for (Snippet snippet : snippets) {
            String warning = snippet.options().get("warning");
            if (warning != null) {
                assertThat(compilation.warnings()).as("%s should warn with [%s]", snippet.where(), warning)
                        .anySatisfy(d -> assertThat(d.getMessage(Locale.ROOT)).startsWith("[" + warning + "]"));
            }
        }
    }

    @Test
    void aSnippetThatDoesNotCompileFailsTheCheckNamingItsLine() {
        String page = """
                Some text.

                <!-- snippet: file, name=broken -->
                ```java
                public interface Broken {
                    @Cache(ttl = "10m", key = "b:{idd}")
                    String find(String id);
                }
                ```
                """;
        List<Snippet> snippets = snippets("page.md", page);
        assertThat(snippets).hasSize(1);
        List<Unit> units = units(snippets.get(0));
        Compilation compilation = compile(units);
        assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
        assertThat(problems(compilation, units, Diagnostic.Kind.ERROR))
                .singleElement().asString().startsWith("page.md:6: [CashewsUnknownParameter]");
    }

    @Test
    void aBlockWithoutAMarkerIsRefused() {
        String page = """
                ```java
                int x = 1;
                ```
                """;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> snippets("page.md", page))
                .hasMessageContaining("page.md:1").hasMessageContaining("<!-- snippet:");
    }

    @Test
    void bodiesSeeTheirParametersAndNamedSnippetsShareAPackage() {
        String page = """
                <!-- snippet: file, name=shared -->
                ```java
                public interface Greeter {
                    @Cache(ttl = "1m")
                    String greet(String name);
                }
                ```
                <!-- snippet: body(Greeter real), in=shared -->
                ```java
                Greeter greeter = new Greeter_Cached(real, Cashews.create("mem://"));
                ```
                """;
        List<Unit> units = new ArrayList<>();
        snippets("page.md", page).forEach(s -> units.addAll(units(s)));
        Compilation compilation = compile(units);
        assertThat(problems(compilation, units, Diagnostic.Kind.ERROR)).isEmpty();
        assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    }

    @Test
    void aCopyBlockMustEqualTheFileItNames(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("App.java"), "class App {}\n", StandardCharsets.UTF_8);
        String page = """
                <!-- snippet: copy(App.java) -->
                ```java
                class App {}
                ```
                <!-- snippet: copy(App.java) -->
                ```java
                class App { int drifted; }
                ```
                <!-- snippet: copy(Missing.java) -->
                ```java
                class Missing {}
                ```
                """;
        List<Snippet> snippets = snippets("page.md", page);
        assertThat(copyMismatch(snippets.get(0), root)).isNull();
        assertThat(copyMismatch(snippets.get(1), root)).startsWith("page.md:7 differs from App.java at line 1");
        assertThat(copyMismatch(snippets.get(2), root)).isEqualTo("page.md:11 names Missing.java, which does not exist");
    }

    /** Why a {@code copy(path)} block is not its file, or {@code null} when it is. */
    static @Nullable String copyMismatch(Snippet snippet, Path root) {
        Path file = root.resolve(snippet.parameters());
        if (!Files.isRegularFile(file)) {
            return snippet.where() + " names " + snippet.parameters() + ", which does not exist";
        }
        String[] expected;
        try {
            expected = Files.readString(file, StandardCharsets.UTF_8).split("\n", -1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] shown = snippet.code().split("\n", -1);
        for (int i = 0; i < Math.max(expected.length, shown.length); i++) {
            String want = i < expected.length ? expected[i] : null;
            String got = i < shown.length ? shown[i] : null;
            if (!Objects.equals(want, got)) {
                return snippet.where() + " differs from " + snippet.parameters() + " at line " + (i + 1)
                        + ": the file has " + (want == null ? "no more lines" : "'" + want + "'")
                        + ", the page " + (got == null ? "no more lines" : "'" + got + "'");
            }
        }
        return null;
    }

    /** The repository's root: the first directory upwards holding README.md and a pom.xml. */
    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("README.md")) && Files.exists(dir.resolve("pom.xml")))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }

    /** The fenced java blocks of one page, with their markers. */
    static List<Snippet> snippets(String page, String text) {
        List<Snippet> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].strip().equals("```java")) {
                continue;
            }
            int previous = i - 1;
            while (previous >= 0 && lines[previous].isBlank()) {
                previous--;
            }
            Matcher marker = previous >= 0 ? MARKER.matcher(lines[previous].strip()) : null;
            if (marker == null || !marker.matches()) {
                throw new IllegalStateException(page + ":" + (i + 1) + ": a ```java block needs a marker line"
                        + " such as <!-- snippet: file --> or <!-- snippet: body(Cashews cache) --> before it"
                        + " (see ReadmeSnippetsTest)");
            }
            StringBuilder code = new StringBuilder();
            int end = i + 1;
            while (end < lines.length && !lines[end].strip().equals("```")) {
                code.append(lines[end]).append('\n');
                end++;
            }
            if (end == lines.length) {
                throw new IllegalStateException(page + ":" + (i + 1) + ": unclosed ```java block");
            }
            found.add(parse(page, i + 2, marker.group(1), code.toString()));
            i = end;
        }
        return found;
    }

    private static Snippet parse(String page, int firstCodeLine, String marker, String code) {
        String kind;
        String parameters = "";
        String rest;
        Matcher body = Pattern.compile("body\\s*\\(([^)]*)\\)\\s*(.*)").matcher(marker);
        Matcher copy = Pattern.compile("copy\\s*\\(([^)]+)\\)").matcher(marker);
        if (copy.matches()) {
            return new Snippet(page, firstCodeLine, "copy", copy.group(1).strip(), Map.of(), code);
        }
        if (body.matches()) {
            kind = "body";
            parameters = body.group(1).strip();
            rest = body.group(2);
        } else {
            int comma = marker.indexOf(',');
            kind = (comma < 0 ? marker : marker.substring(0, comma)).strip();
            rest = comma < 0 ? "" : marker.substring(comma);
        }
        if (!kind.equals("file") && !kind.equals("body")) {
            throw new IllegalStateException(page + ":" + (firstCodeLine - 1) + ": unknown snippet kind '" + kind
                    + "'; use file, body(...) or copy(path)");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String option : rest.split(",")) {
            if (option.isBlank()) {
                continue;
            }
            String[] pair = option.strip().split("=", 2);
            if (pair.length != 2 || !List.of("name", "in", "error", "warning").contains(pair[0].strip())) {
                throw new IllegalStateException(page + ":" + (firstCodeLine - 1) + ": unknown snippet option '"
                        + option.strip() + "'; use name=, in=, error= or warning=");
            }
            options.put(pair[0].strip(), pair[1].strip());
        }
        return new Snippet(page, firstCodeLine, kind, parameters, options, code);
    }

    /** The source files of one snippet. */
    static List<Unit> units(Snippet snippet) {
        String pkg = snippet.packageName("readme." + snippet.page().replaceAll("\\.md$", "").replaceAll("[^A-Za-z0-9]", "_")
                .toLowerCase(Locale.ROOT) + ".l" + snippet.line());
        StringBuilder header = new StringBuilder("package " + pkg + ";\n");
        List<Unit> units = new ArrayList<>();
        if (snippet.kind().equals("body")) {
            IMPLICIT_IMPORTS.forEach(i -> header.append("import ").append(i).append(";\n"));
            // statements use the runtime's transaction, not the annotation of the same simple name
            header.append("import io.cashews.CacheTransaction;\n");
            String name = "Snippet" + snippet.line();
            header.append("final class ").append(name).append(" { static void run(").append(snippet.parameters())
                    .append(") throws Exception {\n");
            int headerLines = lineCount(header);
            String text = header + snippet.code() + "}}\n";
            units.add(new Unit(JavaFileObjects.forSourceString(pkg + "." + name, text), snippet,
                    snippet.line() - headerLines));
            return units;
        }
        List<String> lines = List.of(snippet.code().split("\n", -1));
        int first = 0;
        StringBuilder imports = new StringBuilder();
        while (first < lines.size() && (lines.get(first).isBlank() || lines.get(first).startsWith("import "))) {
            imports.append(lines.get(first)).append('\n');
            first++;
        }
        header.append(imports);
        IMPLICIT_IMPORTS.forEach(i -> header.append("import ").append(i).append(";\n"));
        int headerLines = lineCount(header);
        for (int[] range : topLevelDeclarations(lines, first)) {
            StringBuilder text = new StringBuilder(header);
            for (int l = range[0]; l < range[1]; l++) {
                text.append(lines.get(l)).append('\n');
            }
            String declaration = stripComments(String.join("\n", lines.subList(range[0], range[1])));
            Matcher name = TYPE_NAME.matcher(declaration);
            if (!name.find()) {
                throw new IllegalStateException(snippet.page() + ":" + (snippet.line() + range[0])
                        + ": a file snippet holds type declarations only; use body(...) for statements");
            }
            units.add(new Unit(JavaFileObjects.forSourceString(pkg + "." + name.group(1), text.toString()), snippet,
                    snippet.line() + range[0] - headerLines));
        }
        return units;
    }

    private static int lineCount(CharSequence text) {
        return (int) text.chars().filter(c -> c == '\n').count();
    }

    /**
     * The line ranges [from, to) of the top-level declarations: a declaration ends on the line where
     * its braces close (strings, text blocks, characters and comments skipped).
     */
    static List<int[]> topLevelDeclarations(List<String> lines, int from) {
        List<int[]> ranges = new ArrayList<>();
        int depth = 0;
        int start = -1;
        boolean blockComment = false;
        boolean textBlock = false;
        for (int l = from; l < lines.size(); l++) {
            String line = lines.get(l);
            if (start < 0 && !line.isBlank() && depth == 0 && !blockComment) {
                start = l;
            }
            boolean opened = false;
            for (int c = 0; c < line.length(); c++) {
                char ch = line.charAt(c);
                if (blockComment) {
                    if (line.startsWith("*/", c)) {
                        blockComment = false;
                        c++;
                    }
                } else if (textBlock) {
                    if (line.startsWith("\"\"\"", c)) {
                        textBlock = false;
                        c += 2;
                    } else if (ch == '\\') {
                        c++;
                    }
                } else if (line.startsWith("//", c)) {
                    break;
                } else if (line.startsWith("/*", c)) {
                    blockComment = true;
                    c++;
                } else if (line.startsWith("\"\"\"", c)) {
                    textBlock = true;
                    c += 2;
                } else if (ch == '"' || ch == '\'') {
                    c++;
                    while (c < line.length() && line.charAt(c) != ch) {
                        if (line.charAt(c) == '\\') {
                            c++;
                        }
                        c++;
                    }
                } else if (ch == '{') {
                    depth++;
                    opened = true;
                } else if (ch == '}') {
                    depth--;
                }
            }
            if (start >= 0 && depth == 0 && (opened || line.contains("}")) && !blockComment && !textBlock) {
                ranges.add(new int[] {start, l + 1});
                start = -1;
            }
        }
        if (start >= 0 && lines.subList(start, lines.size()).stream().anyMatch(s -> !s.isBlank())) {
            ranges.add(new int[] {start, lines.size()});
        }
        return ranges;
    }

    private static String stripComments(String code) {
        return code.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ")
                .replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"");
    }

    private static Compilation compile(List<Unit> units) {
        List<JavaFileObject> files = new ArrayList<>();
        files.add(prelude());
        units.forEach(u -> files.add(u.file()));
        // -Xlint:-try: a scope opened only to be in effect ("try (Scope s = cache.disabling()) {...}")
        // is the intended use, and javac's try lint would call its resource unreferenced
        return com.google.testing.compile.Compiler.javac()
                .withProcessors(new CashewsProcessor())
                .withOptions("-Xlint:all", "-Xlint:-try", "-parameters")
                .compile(files);
    }

    private static JavaFileObject prelude() {
        try {
            String text = Files.readString(Path.of(ReadmeSnippetsTest.class.getResource("/readme/Prelude.java").toURI()));
            return JavaFileObjects.forSourceString("readme.prelude.Prelude", text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Diagnostics of one kind, javac's note about {@code @Generated} left out. */
    private static List<Diagnostic<? extends JavaFileObject>> diagnostics(Compilation compilation, Diagnostic.Kind kind) {
        return compilation.diagnostics().stream()
                .filter(d -> d.getKind() == kind && !d.getMessage(Locale.ROOT).contains(UNCLAIMED_GENERATED))
                .toList();
    }

    private static Unit unitOf(Diagnostic<? extends JavaFileObject> d, List<Unit> units) {
        return d.getSource() == null ? null : units.stream()
                .filter(u -> u.file().toUri().equals(d.getSource().toUri())).findFirst().orElse(null);
    }

    /** A diagnostic as "page:line: message" (or with the generated file's name). */
    private static String describe(Diagnostic<? extends JavaFileObject> d, Unit unit) {
        String where = unit != null
                ? unit.snippet().page() + ":" + (unit.firstLine() + d.getLineNumber() - 1)
                : d.getSource() != null ? d.getSource().getName() + ":" + d.getLineNumber() : "(no file)";
        return where + ": " + d.getMessage(Locale.ROOT);
    }

    private static List<String> problems(Compilation compilation, List<Unit> units, Diagnostic.Kind kind) {
        return diagnostics(compilation, kind).stream().map(d -> describe(d, unitOf(d, units))).toList();
    }
}
