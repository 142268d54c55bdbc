package io.cashews.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.cashews.CacheBackendInteractionException;
import io.cashews.Cashews;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A full file system (SPEC §13, tests item 6): the cache directory on a 2 MiB tmpfs mount,
 * filled by the cache itself. Writes fail quietly ({@code false}) with {@code suppress=true}
 * and throw {@link CacheBackendInteractionException} naming {@code SQLITE_FULL} and the file
 * with {@code suppress=false}; reads keep hitting, every shard passes
 * {@code PRAGMA integrity_check}, and writes resume once space is freed by deleting a file. A
 * delete of cache entries is a write as well: on a file system without room for its WAL frames it
 * fails like any other, so the space comes from a file on the mount. (The
 * {@code max_page_count} hook's variant is in {@link DiskLifecycleTest}.)
 *
 * <p>Mounting needs root, as CI and these machines run the suite: under another user, or when the
 * mount fails, the test fails and says why; it is never skipped.
 */
class DiskFullDiskTest {

    private static final int MOST_WRITES = 2_000;
    // A file that takes room on the mount until the test deletes it to free space.
    private static final int BALLAST = 512 * 1024;

    private static Path mount;
    private static boolean mounted;

    @BeforeAll
    static void mountTwoMebibytes() throws Exception {
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        // Never skipped: the machines this suite runs on (CI's included) run it as root, and a
        // full disk cannot be made any other way without root.
        assertThat(uid).as("mounting a tmpfs needs root; this JVM runs as uid " + uid).isZero();
        mount = Files.createTempDirectory("cashews-full-disk-");
        run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString());
        mounted = true;
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mounted) {
            run("umount", mount.toString());
            mounted = false;
        }
        if (mount != null) {
            Files.deleteIfExists(mount);
        }
    }

    @AfterEach
    void emptyTheMount() throws IOException {
        try (Stream<Path> files = Files.walk(mount)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(mount)) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail(String.join(" ", command) + " failed: " + output);
        }
    }

    // 16 KiB that no compression shrinks.
    private static String incompressible(Random random) {
        StringBuilder text = new StringBuilder(16_384);
        for (int i = 0; i < 16_384; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private static void integrityOk(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> shards = files.filter(p -> p.getFileName().toString().matches("shard-\\d{3}\\.db")).toList();
            assertThat(shards).isNotEmpty();
            for (Path shard : shards) {
                assertThat(RawShard.text(shard, "PRAGMA integrity_check")).as("%s", shard).isEqualTo("ok");
            }
        }
    }

    @Test
    void aFullFileSystemMakesWritesReturnFalseWhileReadsHitAndWritesResumeOnceFilesAreDeleted() throws Exception {
        Path dir = mount.resolve("quiet");
        Path ballast = Files.write(mount.resolve("ballast"), new byte[BALLAST]);
        Random random = new Random(7);
        try (Cashews cache = Cashews.create("disk://" + dir + "?shards=2")) {
            assertThat(cache.set("small", "kept")).isTrue();
            List<String> stored = new ArrayList<>();
            int refused = -1;
            for (int i = 0; i < MOST_WRITES && refused < 0; i++) {
                String key = "fill:" + i;
                if (cache.set(key, incompressible(random))) {
                    stored.add(key);
                } else {
                    refused = i;
                }
            }
            assertThat(refused).as("a write refused on a full 2 MiB file system").isPositive();
            assertThat(cache.set("fill:more", incompressible(random))).as("still full").isFalse();
            assertThat(cache.<Object>get("small")).as("reads still hit").isEqualTo("kept");
            for (String key : stored) {
                assertThat(cache.exists(key)).as(key).isTrue();
            }
            integrityOk(dir);

            Files.delete(ballast);
            assertThat(cache.set("fill:more", incompressible(random))).as("writes resume once space is freed").isTrue();
            for (String key : stored.subList(0, 4)) {
                assertThat(cache.delete(key)).as("deleting %s", key).isTrue();
            }
            assertThat(cache.set("again:0", incompressible(random))).isTrue();
            assertThat(cache.set("again:1", incompressible(random))).isTrue();
            assertThat(cache.<Object>get("small")).isEqualTo("kept");
            assertThat(cache.exists(stored.get(stored.size() - 1))).isTrue();
            integrityOk(dir);
        }
    }

    @Test
    void withoutSuppressAFullFileSystemThrowsNamingTheCodeAndTheFileAndReadsStillHit() throws Exception {
        Path dir = mount.resolve("loud");
        Path ballast = Files.write(mount.resolve("ballast"), new byte[BALLAST]);
        Random random = new Random(11);
        try (Cashews cache = Cashews.create("disk://" + dir + "?shards=1&suppress=false")) {
            cache.set("small", "kept");
            CacheBackendInteractionException full = null;
            for (int i = 0; i < MOST_WRITES && full == null; i++) {
                try {
                    cache.set("fill:" + i, incompressible(random));
                } catch (CacheBackendInteractionException e) {
                    full = e;
                }
            }
            assertThat(full).as("a write failed on a full 2 MiB file system").isNotNull();
            assertThat(full).hasMessageContaining("SQLITE_FULL").hasMessageContaining(dir.toRealPath().resolve("shard-000.db").toString());
            assertThatThrownBy(() -> cache.set("fill:more", incompressible(random)))
                    .isInstanceOf(CacheBackendInteractionException.class).hasMessageContaining("SQLITE_FULL");
            assertThat(cache.<Object>get("small")).isEqualTo("kept");
            assertThat(cache.exists("fill:0")).isTrue();
            integrityOk(dir);

            Files.delete(ballast);
            assertThat(cache.delete("fill:0")).isTrue();
            assertThat(cache.set("fill:more", incompressible(random))).as("writes resume once space is freed").isTrue();
            assertThat(cache.<Object>get("small")).isEqualTo("kept");
            integrityOk(dir);
        }
    }
}
