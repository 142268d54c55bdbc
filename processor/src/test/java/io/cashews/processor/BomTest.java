package io.cashews.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code bom/pom.xml} lists exactly the artifacts users depend on: every module of the reactor
 * that is published (not the sample, the benchmarks or the BOM itself), each at the reactor's
 * version, and the BOM's own version is the reactor's.
 */
class BomTest {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");

    @Test
    void theBomListsEveryPublishedModuleAtTheReactorsVersion() throws IOException {
        Path root = root();
        String parent = Files.readString(root.resolve("pom.xml"));
        TreeSet<String> published = new TreeSet<>();
        Matcher module = MODULE.matcher(parent);
        while (module.find()) {
            String pom = Files.readString(root.resolve(module.group(1)).resolve("pom.xml"));
            if (module.group(1).equals("bom") || pom.contains("<maven.deploy.skip>true</maven.deploy.skip>")) {
                continue;
            }
            String own = pom.substring(pom.indexOf("</parent>"));
            Matcher artifact = ARTIFACT.matcher(own);
            assertThat(artifact.find()).as(module.group(1)).isTrue();
            published.add(artifact.group(1));
        }

        String bom = Files.readString(root.resolve("bom/pom.xml"));
        String managed = bom.substring(bom.indexOf("<dependencyManagement>"), bom.indexOf("</dependencyManagement>"));
        List<String> listed = new ArrayList<>();
        Matcher artifact = ARTIFACT.matcher(managed);
        while (artifact.find()) {
            listed.add(artifact.group(1));
        }

        assertThat(listed).containsExactlyInAnyOrderElementsOf(published);
        assertThat(managed.split("<version>\\$\\{project.version}</version>", -1)).hasSize(listed.size() + 1);
        assertThat(version(bom)).isEqualTo(version(parent));
    }

    // The project's own version: the first <version> after its <artifactId>.
    private static String version(String pom) {
        int from = pom.indexOf("<artifactId>");
        int start = pom.indexOf("<version>", from) + "<version>".length();
        return pom.substring(start, pom.indexOf("</version>", start));
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("bom/pom.xml"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root").isNotNull();
        return dir;
    }
}
