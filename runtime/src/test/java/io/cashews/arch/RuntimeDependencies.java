package io.cashews.arch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A module's runtime dependencies, as the build lists them ({@code maven-dependency-plugin:list}
 * into {@code target/runtime-dependencies.txt}, see the root pom), and whether each one's jar
 * ships GraalVM native-image metadata under {@code META-INF/native-image/}. A native image cannot
 * be built on these machines; this table and the static rules are what "native-image friendly"
 * rests on, so a dependency change that drops metadata is seen.
 */
public final class RuntimeDependencies {

    /** Where the build writes the list, relative to the module's directory (surefire's working directory). */
    public static final Path LIST = Path.of("target", "runtime-dependencies.txt");

    private static final String METADATA = "META-INF/native-image/";

    // "   group:artifact:type[:classifier]:version:scope:/path/to/file (optional) -- module x"
    private static final Pattern LINE = Pattern.compile(
            "^\\s*([^:\\s]+):([^:\\s]+):[^:\\s]+(?::[^:\\s]+)?:[^:\\s]+:(compile|runtime):(\\S+)");

    private RuntimeDependencies() {
    }

    /**
     * Reads the list and opens each file.
     *
     * @param list the file the build wrote
     * @return {@code group:artifact} of every runtime dependency, sorted, mapped to whether its
     *     jar (or class directory, for a module of the same build) holds native-image metadata
     * @throws IllegalStateException when the list is missing or names nothing (tests run outside Maven)
     */
    public static Map<String, Boolean> nativeImageMetadata(Path list) {
        if (!Files.isRegularFile(list)) {
            throw new IllegalStateException(list.toAbsolutePath() + " is missing: the build writes it in"
                    + " generate-test-resources (maven-dependency-plugin, execution runtime-dependencies)");
        }
        Map<String, Boolean> table = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(list)) {
                Matcher m = LINE.matcher(line);
                if (m.find()) {
                    table.put(m.group(1) + ":" + m.group(2), shipsMetadata(Path.of(m.group(4))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (table.isEmpty()) {
            throw new IllegalStateException(list.toAbsolutePath() + " lists no runtime dependency");
        }
        return table;
    }

    /**
     * Tells whether a jar, or a directory of classes, holds native-image metadata.
     *
     * @param file the jar or directory
     * @return {@code true} if it has an entry under {@code META-INF/native-image/}
     */
    public static boolean shipsMetadata(Path file) {
        try {
            if (Files.isDirectory(file)) {
                Path dir = file.resolve(METADATA);
                if (!Files.isDirectory(dir)) {
                    return false;
                }
                try (Stream<Path> entries = Files.walk(dir)) {
                    return entries.anyMatch(Files::isRegularFile);
                }
            }
            try (ZipFile zip = new ZipFile(file.toFile())) {
                return zip.stream().map(ZipEntry::getName)
                        .anyMatch(name -> name.startsWith(METADATA) && !name.endsWith("/"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
