package io.cashews.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo on {@code CACHE_URL='disk://?directory=sample-cache'}: the first run fills the
 * directory, and a second run (a new instance, as a new process would be) serves every cached
 * forecast from the first run's files.
 */
class SampleOnDiskTest {

    @TempDir
    Path dir;

    @Test
    void aSecondRunIsServedFromTheFirstRunsFiles() {
        String url = "disk://?directory=" + dir.resolve("sample-cache");
        List<String> first = forecastLines(run(url));
        assertThat(first).filteredOn(line -> line.contains("service called")).hasSize(5);
        assertThat(Files.isRegularFile(dir.resolve("sample-cache/shard-000.db"))).isTrue();

        List<String> second = forecastLines(run(url));
        // Berlin (three spellings of two keys) and Lisbon: every one a hit now; the blank city
        // fails with an IOException and is never cached.
        assertThat(second).filteredOn(line -> !line.contains("\" \""))
                .hasSize(6).allMatch(line -> line.contains("cache hit"), "a cache hit");
    }

    private static List<String> forecastLines(String printed) {
        return printed.lines().filter(line -> line.contains("forecast(")).toList();
    }

    private static String run(String url) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ExecutorService remote = Executors.newFixedThreadPool(2);
        try (Cashews cache = Cashews.create(url + "&suppress=false")) {
            new SampleApp(new PrintStream(bytes, true, StandardCharsets.UTF_8), 20, SampleOnDiskTest::sleep)
                    .run(cache, url, remote);
        } finally {
            remote.shutdownNow();
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).doesNotContain("was not deserialized");
        return printed;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
