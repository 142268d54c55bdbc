package io.cashews.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shard overwritten with garbage while another JVM has it open (SPEC §13, tests item 4b): the
 * child (a {@link DiskChild} serving commands from its standard input, {@code suppress=true})
 * keeps answering, with misses and {@code false} on the broken shard and hits on the other one,
 * and serves the broken shard again, recreated empty with the garbage quarantined, within one
 * {@code check_interval}. Recovery is waited for by asking the child again and again (each
 * question is a round trip), bounded by a deadline, never by a fixed sleep. The deadline is one
 * {@code check_interval} plus {@value #SLACK_MILLIS} ms for a loaded machine to run the check.
 */
class DiskLiveOverwriteTest {

    private static final Duration LONG = Duration.ofMinutes(2);
    private static final long CHECK_INTERVAL_MILLIS = 2_000;
    private static final long SLACK_MILLIS = 3_000;

    @TempDir
    Path dir;

    private static int shardOf(String key) {
        CRC32C crc = new CRC32C();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return (int) Math.floorMod(crc.getValue(), 2L);
    }

    private String url() {
        return "disk://" + dir + "?shards=2&check_interval=" + CHECK_INTERVAL_MILLIS + "ms";
    }

    // Stores keys until each shard has 20; returns {keys of shard 0, keys of shard 1}.
    private static List<List<String>> fill(DiskChild.Running child) throws InterruptedException {
        List<List<String>> keys = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; keys.get(0).size() < 20 || keys.get(1).size() < 20; i++) {
            String key = "k" + i;
            child.send("set " + key + " v" + key);
            assertThat(child.await("ok ", LONG)).isEqualTo("ok true");
            keys.get(shardOf(key)).add(key);
        }
        return keys;
    }

    private static byte[] garbage(long size) {
        byte[] bytes = new byte[(int) Math.max(size, 16_384)];
        new Random(3).nextBytes(bytes);
        return bytes;
    }

    private void assertQuarantined() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(name -> name.startsWith("shard-000.db.corrupt-"));
        }
        assertThat(RawShard.text(dir.resolve("shard-000.db"), "PRAGMA integrity_check")).isEqualTo("ok");
    }

    private static void intactShardStillHits(DiskChild.Running child, List<String> keys) throws InterruptedException {
        for (String key : keys) {
            child.send("get " + key);
            assertThat(child.await("value ", LONG)).as("%s on the intact shard", key).isEqualTo("value v" + key);
        }
    }

    @Test
    void garbageWrittenIntoAnOpenShardGivesMissesThenTheShardServesAgainWithinOneCheckInterval() throws Exception {
        try (DiskChild.Running child = DiskChild.run(url(), "serve")) {
            child.await("ready", LONG);
            List<List<String>> keys = fill(child);
            Path file = dir.resolve("shard-000.db");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(garbage(Files.size(file))), 0);
            }
            long deadline = System.nanoTime() + (CHECK_INTERVAL_MILLIS + SLACK_MILLIS) * 1_000_000;
            int attempts = 0;
            boolean recovered = false;
            while (!recovered && System.nanoTime() < deadline) {
                String key = keys.get(0).get(attempts++ % 20);
                child.send("get " + key);
                assertThat(child.await("value ", LONG)).as("a broken shard misses, %s", key).isIn("value null");
                child.send("set " + key + " again");
                String written = child.await("ok ", LONG);
                assertThat(written).isIn("ok true", "ok false");
                if (written.equals("ok true")) {
                    child.send("get " + key);
                    recovered = child.await("value ", LONG).equals("value again");
                }
            }
            assertThat(recovered).as("the shard serves again within %s ms of the overwrite", CHECK_INTERVAL_MILLIS + SLACK_MILLIS)
                    .isTrue();
            intactShardStillHits(child, keys.get(1));
            child.send("quit");
            child.finish(LONG);
        }
        assertQuarantined();
    }

    @Test
    void garbageRenamedOverAnOpenShardIsNoticedAndTheShardServesAgainWithinOneCheckInterval() throws Exception {
        try (DiskChild.Running child = DiskChild.run(url(), "serve")) {
            child.await("ready", LONG);
            List<List<String>> keys = fill(child);
            Path file = dir.resolve("shard-000.db");
            Path replacement = Files.write(dir.resolve("replacement.tmp"), garbage(Files.size(file)));
            Files.move(replacement, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            long deadline = System.nanoTime() + (CHECK_INTERVAL_MILLIS + SLACK_MILLIS) * 1_000_000;
            int attempts = 0;
            boolean recovered = false;
            while (!recovered && System.nanoTime() < deadline) {
                // Until the check sees the new file, the child still reads the one it opened.
                String key = keys.get(0).get(attempts++ % 20);
                child.send("get " + key);
                String value = child.await("value ", LONG);
                assertThat(value).as("%s before or after the recovery", key).isIn("value v" + key, "value null");
                recovered = value.equals("value null");
            }
            assertThat(recovered).as("the new file is noticed within %s ms", CHECK_INTERVAL_MILLIS + SLACK_MILLIS).isTrue();
            child.send("set fresh yes");
            assertThat(child.await("ok ", LONG)).isEqualTo("ok true");
            child.send("set " + keys.get(0).get(0) + " again");
            assertThat(child.await("ok ", LONG)).isEqualTo("ok true");
            intactShardStillHits(child, keys.get(1));
            child.send("quit");
            child.finish(LONG);
        }
        assertQuarantined();
        assertThat(RawShard.text(dir.resolve("shard-000.db"), "SELECT count(*) FROM entry")).as("the recreated shard")
                .isEqualTo(shardOf("fresh") == 0 ? "2" : "1");
    }
}
