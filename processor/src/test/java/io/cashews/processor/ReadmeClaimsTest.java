package io.cashews.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import io.cashews.annotations.Cache;
import io.cashews.annotations.Dynamic;
import io.cashews.annotations.Early;
import io.cashews.annotations.Failover;
import io.cashews.annotations.Hit;
import io.cashews.annotations.Soft;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * What README's "Every caching annotation takes" list and its {@code @Dynamic} row say about the
 * value annotations (issue 21: the list promised {@code ttlFunction} and {@code timeCondition}
 * everywhere and {@code cacheHits}/{@code updateAfter} on {@code @Dynamic}).
 */
class ReadmeClaimsTest {

    private static Set<String> attributes(Class<?> annotation) {
        return Arrays.stream(annotation.getDeclaredMethods()).map(Method::getName).collect(Collectors.toSet());
    }

    @Test
    void valueAnnotationsTakeTheAttributesReadmeLists() throws NoSuchMethodException {
        for (Class<?> annotation : List.of(Cache.class, Hit.class, Early.class, Soft.class, Failover.class)) {
            assertThat(attributes(annotation))
                    .containsAtLeast("ttl", "key", "prefix", "condition", "timeCondition", "tags", "version");
            assertThat(annotation.getDeclaredMethod("ttl").getDefaultValue()).isNull();
        }
        assertThat(attributes(Dynamic.class)).containsExactly("ttl", "key", "prefix", "condition", "tags", "version");
        assertThat(Dynamic.class.getDeclaredMethod("ttl").getDefaultValue()).isEqualTo("1d");
        for (Class<?> annotation : List.of(Hit.class, Early.class, Soft.class, Failover.class, Dynamic.class)) {
            assertThat(attributes(annotation)).doesNotContain("ttlFunction");
        }
        assertThat(attributes(Cache.class)).contains("ttlFunction");
    }

    @Test
    void dynamicIsAHitWithFixedCountsUnderItsOwnPrefix() throws IOException {
        JavaFileObject source = Compilations.source("test.Popular", """
                package test;

                import io.cashews.annotations.Dynamic;

                public interface Popular {
                    @Dynamic(key = "dy:{id}")
                    String find(String id);
                }
                """);
        Compilation compilation = Compilations.compile(source);
        Compilations.assertCleanSuccess(compilation);
        String proxy = compilation.generatedSourceFile("test.Popular_Cached").orElseThrow()
                .getCharContent(true).toString().replaceAll("\\s+", "");
        assertThat(proxy).contains("HitMethod.builder(cache,\"dynamic:dy:{id}\")");
        assertThat(proxy).contains(".cacheHits(3).updateAfter(1)");
    }

    @Test
    void dynamicHasNoCacheHitsAttribute() {
        JavaFileObject source = Compilations.source("test.Popular", """
                package test;

                import io.cashews.annotations.Dynamic;

                public interface Popular {
                    @Dynamic(cacheHits = 5)
                    String find(String id);
                }
                """);
        assertThat(Compilations.compile(source)).failed();
    }

    /** The repository's root: the first directory upwards holding README.md and a pom.xml. */
    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("README.md")) && Files.exists(dir.resolve("pom.xml")))) {
            dir = dir.getParent();
        }
        assertThat(dir).isNotNull();
        return dir;
    }

    private static String read(String path) throws IOException {
        return Files.readString(root().resolve(path), StandardCharsets.UTF_8);
    }

    /** Issue 18: README's "Compile-time errors" lists every message id the processor has, and no other. */
    @Test
    void compileTimeErrorsListEveryMessageIdOfTheProcessor() throws IOException {
        String messages = read("processor/src/main/java/io/cashews/processor/validation/Messages.java");
        Set<String> ids = new TreeSet<>();
        Matcher id = Pattern.compile("\"\\[(Cashews[A-Za-z]+)\\]").matcher(messages);
        while (id.find()) {
            ids.add(id.group(1));
        }
        assertThat(ids.size()).isGreaterThan(50);
        String readme = read("README.md");
        int start = readme.indexOf("\n## Compile-time errors\n");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        Set<String> listed = new TreeSet<>();
        Matcher named = Pattern.compile("`(Cashews[A-Z][A-Za-z]+)`").matcher(section);
        while (named.find()) {
            listed.add(named.group(1));
        }
        assertThat(listed).isEqualTo(ids);
    }

    /**
     * Issue 18: every link of README and the guide pages leads somewhere: a relative file exists
     * ({@code docs/disk.md} once the disk module is in the build) and a {@code #anchor} names a
     * heading of its page.
     */
    @Test
    void everyLinkOfTheGuideResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        Pattern link = Pattern.compile("\\]\\(([^)\\s]+)\\)");
        for (String page : List.of("README.md", "CHANGELOG.md", "docs/benchmarks.md", "docs/security.md",
                "docs/migrating-from-spring.md", "docs/migrating-from-cashews.md", "docs/generated-code.md")) {
            String text = read(page);
            Matcher m = link.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.startsWith("http://") || target.startsWith("https://")) {
                    continue;
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? root().resolve(page) : root().resolve(page).getParent().resolve(file).normalize();
                if (file.equals("disk.md") || file.equals("docs/disk.md")) {
                    if (!Files.isDirectory(root().resolve("runtime-disk"))) {
                        continue;   // written with the disk backend
                    }
                }
                if (!Files.exists(resolved)) {
                    broken.add(page + ": " + target + " (no such file)");
                } else if (anchor != null && !anchors(Files.readString(resolved, StandardCharsets.UTF_8)).contains(anchor)) {
                    broken.add(page + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    /** GitHub's anchors of a page's headings: lower case, punctuation dropped, spaces as '-'. */
    private static Set<String> anchors(String markdown) {
        Set<String> anchors = new TreeSet<>();
        for (String line : markdown.split("\n")) {
            if (line.startsWith("#")) {
                String title = line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT);
                anchors.add(title.replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }
}
