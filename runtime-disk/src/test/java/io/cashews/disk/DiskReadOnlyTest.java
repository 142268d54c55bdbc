package io.cashews.disk;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A directory the process may not write (SPEC §13, tests item 5): setup fails naming it. Root
 * ignores mode bits, so when this JVM is root the cache is opened by a child JVM running as
 * {@code nobody} ({@code setpriv --reuid=65534 --regid=65534 --clear-groups}), on a copy of this
 * test class path in a world-readable place (the build's own, under {@code /root/.m2}, is not
 * readable by other users); under another user the mode bits say it and the cache opens in this
 * JVM. (A regular file given as the directory is {@link DiskOptionsTest}'s.)
 */
class DiskReadOnlyTest {

    private static final int NOBODY = 65534;

    private static boolean root;
    private static Path base;
    private static String classPath;

    @BeforeAll
    static void prepare() throws IOException {
        root = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        base = Files.createTempDirectory("cashews-read-only-");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (root) {
            classPath = readableCopyOfTheClassPath(base.resolve("classpath"));
        }
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (base == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(base)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isDirectory(p)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
                }
                Files.delete(p);
            }
        }
    }

    // Every entry of this JVM's class path copied below target, readable (and traversable) by all.
    private static String readableCopyOfTheClassPath(Path target) throws IOException {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path copy = target.resolve(n++ + "-" + source.getFileName());
            copyReadable(source, copy);
            entries.add(copy.toString());
        }
        try (Stream<Path> files = Files.walk(target)) {
            for (Path p : files.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void copyReadable(Path source, Path copy) throws IOException {
        Files.createDirectories(copy.getParent());
        if (!Files.isDirectory(source)) {
            Files.copy(source, copy);
            return;
        }
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(copy.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, copy.resolve(source.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
    }

    // Opens the URL as a user who may not write the directory; returns what setup said.
    private static String setupError(String url) throws Exception {
        if (!root) {
            try (Cashews cashews = new Cashews()) {
                Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> cashews.setup(url));
                assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
                return thrown.getMessage();
            }
        }
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        command.addAll(DiskChild.command(classPath, List.of(url, "set", "never:", "1")));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = DiskChild.completeLines(child.getInputStream());
        assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as("the child's exit value; it printed %s", lines).isEqualTo(2);
        assertThat(lines).singleElement().asString().startsWith("setup-failed java.lang.IllegalArgumentException ");
        return lines.get(0);
    }

    private static Path readOnly(String name) throws IOException {
        Path dir = Files.createDirectory(base.resolve(name));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        return dir;
    }

    @Test
    void rootIgnoresModeBitsWhichIsWhyTheChildRunsAsAnotherUser() throws IOException {
        Path dir = readOnly("mode-bits");
        assertThat(Files.isWritable(dir)).as("a r-x directory is writable for uid 0 only").isEqualTo(root);
    }

    @Test
    void anEmptyDirectoryThatCannotBeWrittenFailsTheSetupNamingIt() throws Exception {
        Path dir = readOnly("empty");
        String error = setupError("disk://" + dir + "?shards=2");
        assertThat(error).contains(dir.toString()).contains("cannot be written");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("nothing was created").isEmpty();
        }
    }

    @Test
    void aMissingDirectoryBelowOneThatCannotBeWrittenFailsTheSetupNamingIt() throws Exception {
        Path parent = readOnly("parent");
        Path dir = parent.resolve("cache");
        String error = setupError("disk://" + dir);
        assertThat(error).contains(dir.toString()).contains("cannot be created");
        assertThat(Files.exists(dir)).isFalse();
    }

    @Test
    void aCacheDirectoryMadeByAnotherUserThatCannotBeWrittenFailsTheSetupNamingIt() throws Exception {
        Path dir = Files.createDirectory(base.resolve("made"));
        try (Cashews cache = Cashews.create("disk://" + dir + "?shards=2")) {
            cache.set("kept", "yes");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "r-xr-xr-x" : "r--r--r--"));
            }
        }
        String error = setupError("disk://" + dir + "?shards=2");
        assertThat(error).contains(dir.toString()).contains("cannot be written");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }
        try (Cashews cache = Cashews.create("disk://" + dir + "?shards=2")) {
            assertThat(cache.<Object>get("kept")).as("the cache is intact").isEqualTo("yes");
        }
    }
}
