package io.cashews.disk;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a writing process, 20 rounds (SPEC §13, tests item 3). In each round a child
 * JVM stores values and increments a counter, writing every acknowledged command to a file, and is killed
 * with {@link Process#destroyForcibly()} (SIGKILL) a random 0.2–1.5 s after its first
 * acknowledgement. Then every shard passes {@code PRAGMA integrity_check}, every acknowledged
 * value reads back, the counter holds its last acknowledged result or one more (the increment
 * that committed before its acknowledgement was printed), and writes resume. The delays come
 * from a seeded {@link Random}; the seed is in every failure message, and
 * {@code -Dcashews.killSeed=<seed>} repeats a run.
 */
class DiskKillTest {

    private static final int ROUNDS = 20;
    private static final Duration LONG = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @TempDir
    Path ackDir;

    @Test
    void twentyKillsLoseNothingThatWasAcknowledgedAndLeaveEveryShardIntact() throws Exception {
        long seed = Long.getLong("cashews.killSeed", System.nanoTime());
        try {
            rounds(new Random(seed));
        } catch (AssertionError e) {
            throw new AssertionError("kill rounds with seed " + seed + " (-Dcashews.killSeed=" + seed + " repeats the"
                    + " delays): " + e.getMessage(), e);
        }
    }

    private void rounds(Random random) throws Exception {
        String url = "disk://" + dir + "?shards=4&timeout=5s&suppress=false";
        Map<String, String> acknowledged = new HashMap<>();
        long counted = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String prefix = "r" + round + ":";
            String counter = prefix + "n";
            long delay = 200 + random.nextInt(1301);
            Path acks = ackDir.resolve("round-" + round + ".acks");
            try (DiskChild.Running child = DiskChild.run("--acks", acks.toString(), url, "churn", prefix)) {
                child.await("first-ack", LONG);
                assertThat(child.process.waitFor(delay, TimeUnit.MILLISECONDS))
                        .as("round %s: the child is still writing after %s ms", round, delay).isFalse();
                child.kill(LONG);
            }
            List<String> lines = DiskChild.completeLines(new ByteArrayInputStream(Files.readAllBytes(acks)));
            long lastIncr = 0;
            int sets = 0;
            for (String line : lines) {
                String[] parts = line.split(" ");
                if (line.startsWith("ack set ")) {
                    acknowledged.put(parts[2], parts[3]);
                    sets++;
                } else if (line.startsWith("ack incr ")) {
                    assertThat(parts[2]).isEqualTo(counter);
                    lastIncr = Long.parseLong(parts[3]);
                }
            }
            assertThat(sets).as("round %s: acknowledged sets", round).isPositive();
            counted += lastIncr;

            try (Stream<Path> files = Files.list(dir)) {
                List<Path> shards = files.filter(p -> p.getFileName().toString().matches("shard-\\d{3}\\.db")).toList();
                assertThat(shards).hasSize(4);
                for (Path shard : shards) {
                    assertThat(RawShard.text(shard, "PRAGMA integrity_check")).as("round %s: %s", round, shard).isEqualTo("ok");
                }
            }
            try (Cashews cache = Cashews.create(url)) {
                for (Map.Entry<String, String> ack : acknowledged.entrySet()) {
                    if (ack.getKey().startsWith(prefix)) {
                        assertThat(cache.<Object>get(ack.getKey())).as("round %s: acknowledged %s", round, ack.getKey())
                                .isEqualTo(ack.getValue());
                    }
                }
                Long stored = cache.get(counter);
                long value = stored == null ? 0 : stored;
                assertThat(value).as("round %s: %s after %s acknowledged increments", round, counter, lastIncr)
                        .isBetween(lastIncr, lastIncr + 1);
                assertThat(cache.set(prefix + "after", "resumed")).isTrue();
                assertThat(cache.incr(counter)).as("writes resume").isEqualTo(value + 1);
                assertThat(cache.<Object>get(prefix + "after")).isEqualTo("resumed");
            }
        }
        try (Cashews cache = Cashews.create(url)) {
            for (Map.Entry<String, String> ack : acknowledged.entrySet()) {
                assertThat(cache.<Object>get(ack.getKey())).as("acknowledged %s, after all rounds", ack.getKey())
                        .isEqualTo(ack.getValue());
            }
        }
        System.out.printf("kill -9: %d rounds, %,d acknowledged sets and %,d increments read back%n", ROUNDS,
                acknowledged.size(), counted);
    }
}
