package io.cashews.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walls between the processor's stages, read from the sources of {@code processor/src/main}:
 * every {@code import} and every qualified name in code (comments and strings left out) is
 * checked against what its package may see.
 *
 * <ul>
 *   <li>{@code model}: neither the validator nor the writer nor the scanner, no JavaPoet, and no
 *       {@code javax.lang.model} beyond the opaque originating {@code Element}.</li>
 *   <li>{@code writing}: never the validator or the scanner, and no {@code javax.lang.model}
 *       beyond JavaPoet's {@code Modifier}: it sees only model records.</li>
 *   <li>{@code validation}: never the writer.</li>
 *   <li>{@code mirror}: only annotation mirrors, none of the later stages.</li>
 *   <li>{@code template}, {@code ttl}: pure parsers, no {@code javax.lang.model} and no other stage.</li>
 *   <li>Only the root package ({@code CashewsProcessor}) imports all; nothing imports it.</li>
 * </ul>
 */
class StageWallsTest {
    private static final Path MAIN = Path.of("src", "main", "java", "io", "cashews", "processor");
    private static final String ROOT = "io.cashews.processor";

    /** Per package, the name prefixes it must not use, and the exact names excepted from them. */
    private record Wall(List<String> forbidden, Set<String> allowed) {}

    private static final List<String> STAGES = List.of("mirror", "validation", "model", "writing", "template", "ttl");

    private static final Map<String, Wall> WALLS = Map.of(
            "model", new Wall(List.of(ROOT + ".validation", ROOT + ".writing", ROOT + ".mirror", ROOT + ".template",
                    ROOT + ".ttl", "com.palantir.javapoet", "javax.lang.model", "javax.annotation.processing"),
                    Set.of("javax.lang.model.element.Element")),
            "writing", new Wall(List.of(ROOT + ".validation", ROOT + ".mirror", ROOT + ".template", ROOT + ".ttl",
                    "javax.lang.model", "javax.annotation.processing"),
                    Set.of("javax.lang.model.element.Modifier")),
            "validation", new Wall(List.of(ROOT + ".writing"), Set.of()),
            "mirror", new Wall(List.of(ROOT + ".validation", ROOT + ".model", ROOT + ".writing", ROOT + ".template",
                    ROOT + ".ttl", "com.palantir.javapoet"), Set.of()),
            "template", new Wall(List.of(ROOT + ".validation", ROOT + ".model", ROOT + ".writing", ROOT + ".mirror",
                    ROOT + ".ttl", "javax.lang.model", "com.palantir.javapoet"), Set.of()),
            "ttl", new Wall(List.of(ROOT + ".validation", ROOT + ".model", ROOT + ".writing", ROOT + ".mirror",
                    ROOT + ".template", "javax.lang.model", "com.palantir.javapoet"), Set.of()));

    private static final Pattern COMMENTS_AND_STRINGS =
            Pattern.compile("//[^\\n]*|/\\*.*?\\*/|\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])'",
                    Pattern.DOTALL);
    private static final Pattern QUALIFIED =
            Pattern.compile("\\b((?:com\\.palantir\\.javapoet|javax\\.lang\\.model|javax\\.annotation\\.processing"
                    + "|io\\.cashews\\.processor)(?:\\.\\w+)+)");

    @Test
    void everyStageKeepsItsWalls() {
        assertThat(violations(MAIN)).isEmpty();
    }

    @Test
    void everyStageIsAPackage() {
        for (String stage : STAGES) {
            assertThat(MAIN.resolve(stage).resolve("package-info.java")).exists();
        }
        try (Stream<Path> root = Files.list(MAIN)) {
            assertThat(root.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("CashewsProcessor.java", "package-info.java");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The check itself fails when a wall is crossed, by an import or by a qualified name. */
    @Test
    void aCrossedWallIsReported(@TempDir Path sources) throws IOException {
        write(sources, "model/Leaky.java", """
                package io.cashews.processor.model;

                import com.palantir.javapoet.ClassName;
                import javax.lang.model.element.Element;

                // a comment naming io.cashews.processor.writing.ProxyWriter is fine
                record Leaky(ClassName name, Element originating) {
                    String text() {
                        return "io.cashews.processor.validation.Messages is only text";
                    }
                }
                """);
        write(sources, "writing/Peek.java", """
                package io.cashews.processor.writing;

                final class Peek {
                    Object report = new io.cashews.processor.validation.Report();
                    javax.lang.model.type.TypeMirror type;
                }
                """);
        write(sources, "validation/Back.java", """
                package io.cashews.processor.validation;

                import io.cashews.processor.CashewsProcessor;

                final class Back {}
                """);
        assertThat(violations(sources)).containsExactlyInAnyOrder(
                "model/Leaky.java uses com.palantir.javapoet.ClassName",
                "writing/Peek.java uses io.cashews.processor.validation.Report",
                "writing/Peek.java uses javax.lang.model.type.TypeMirror",
                "validation/Back.java uses io.cashews.processor.CashewsProcessor");
    }

    private static void write(Path root, String file, String source) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, source);
    }

    /** Every forbidden use under {@code root} (the {@code io/cashews/processor} directory), as text. */
    private static List<String> violations(Path root) {
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            Path relative = root.relativize(file);
            String stage = relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
            String code;
            try {
                code = COMMENTS_AND_STRINGS.matcher(Files.readString(file)).replaceAll(" ");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Matcher names = QUALIFIED.matcher(code);
            while (names.find()) {
                String name = names.group(1);
                if (name.startsWith(ROOT + ".") && !name.startsWith(ROOT + "." + stage) && !stage.isEmpty()
                        && isRootType(name)) {
                    found.add(relative.toString().replace('\\', '/') + " uses " + name);
                    continue;
                }
                Wall wall = WALLS.get(stage);
                if (wall != null && !wall.allowed().contains(name)
                        && wall.forbidden().stream().anyMatch(f -> name.equals(f) || name.startsWith(f + "."))) {
                    found.add(relative.toString().replace('\\', '/') + " uses " + name);
                }
            }
        }
        return found;
    }

    /** {@code io.cashews.processor.X}, a type of the root package rather than a stage package. */
    private static boolean isRootType(String name) {
        String rest = name.substring(ROOT.length() + 1);
        String first = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
        return !STAGES.contains(first);
    }
}
