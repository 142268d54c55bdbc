package io.cashews.disk;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs on one directory (SPEC §13, tests item 2). Every child runs with {@code timeout=5s}
 * and {@code suppress=false}, so a busy error (or any other SQLite failure) would throw in the
 * child, be printed as an {@code error} line and fail the test: each test here is also the
 * "no busy error" check for its workload. The children start their workloads together: each
 * prints {@code ready} once its setup is done, and waits for a line on its standard input.
 */
class DiskTwoProcessTest {

    // Generous: two JVMs starting and working on a loaded 2-core machine.
    private static final Duration LONG = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private String url(int shards) {
        return "disk://" + dir + "?shards=" + shards + "&timeout=5s&suppress=false";
    }

    // Starts two children, waits until both are set up, then lets both go at once.
    private static List<DiskChild.Running> together(Consumer<String> listener, String[] first, String[] second)
            throws Exception {
        List<DiskChild.Running> children = new ArrayList<>();
        children.add(DiskChild.run(listener, first));
        children.add(DiskChild.run(listener, second));
        for (DiskChild.Running child : children) {
            child.await("ready", LONG);
        }
        for (DiskChild.Running child : children) {
            child.send("go");
        }
        return children;
    }

    private static List<DiskChild.Running> together(String... args) throws Exception {
        return together(line -> { }, args, args);
    }

    private static String[] args(String... args) {
        return args;
    }

    private static List<List<String>> finish(List<DiskChild.Running> children) throws Exception {
        List<List<String>> outputs = new ArrayList<>();
        try {
            for (DiskChild.Running child : children) {
                outputs.add(child.finish(LONG));
            }
        } finally {
            children.forEach(DiskChild.Running::close);
        }
        return outputs;
    }

    private static List<String> acks(List<String> lines, String prefix) {
        return lines.stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length())).toList();
    }

    @Test
    void tenThousandIncrementsFromTwoProcessesOnTenKeysSumExactlyAndEveryResultIsUnique() throws Exception {
        List<List<String>> outputs = finish(together("--go", url(4), "incr", "count:", "10", "5000"));

        Map<String, List<Long>> results = new HashMap<>();
        for (List<String> output : outputs) {
            List<String> acks = acks(output, "ack incr ");
            assertThat(acks).hasSize(5000);
            Map<String, Long> last = new HashMap<>();
            for (String ack : acks) {
                String[] parts = ack.split(" ");
                long result = Long.parseLong(parts[1]);
                Long before = last.put(parts[0], result);
                assertThat(before == null || result > before).as("results of %s rise within one process", parts[0]).isTrue();
                results.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(result);
            }
        }
        try (Cashews cache = Cashews.create(url(4))) {
            long sum = 0;
            for (int k = 0; k < 10; k++) {
                String key = "count:" + k;
                long value = cache.<Long>get(key);
                assertThat(value).as(key).isEqualTo(1000);
                assertThat(results.get(key)).as("each of 1..1000 returned once for %s", key)
                        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 1000).boxed().toList());
                sum += value;
            }
            assertThat(sum).isEqualTo(2 * 5000);
        }
    }

    @Test
    void compareAndSetIncrementsOfTwoProcessesAreEachWonOnce() throws Exception {
        List<List<String>> outputs = finish(together("--go", url(2), "cas", "cas:counter", "300"));

        List<Long> won = new ArrayList<>();
        for (List<String> output : outputs) {
            List<String> acks = acks(output, "ack cas ");
            assertThat(acks).hasSize(300);
            acks.forEach(ack -> won.add(Long.parseLong(ack)));
        }
        assertThat(won).as("every value written by exactly one successful compareAndSet")
                .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 600).boxed().toList());
        try (Cashews cache = Cashews.create(url(2))) {
            assertThat(cache.<Long>get("cas:counter")).isEqualTo(600);
        }
    }

    @Test
    void lockedCriticalSectionsOfTwoProcessesNeverOverlap() throws Exception {
        Path log = dir.resolve("sections.log");
        Files.createDirectories(dir.resolve("cache"));
        String url = "disk://" + dir.resolve("cache") + "?shards=2&timeout=5s&suppress=false";
        List<List<String>> outputs = finish(together("--go", url, "lock", "lock:section", "unguarded", "100", log.toString()));

        for (List<String> output : outputs) {
            assertThat(acks(output, "ack lock ")).hasSize(100);
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(2 * 2 * 100);
        for (int i = 0; i < lines.size(); i += 2) {
            String enter = lines.get(i);
            String exit = lines.get(i + 1);
            assertThat(enter).as("line %s of %s", i, log).startsWith("enter ");
            assertThat(exit).as("the line after '%s' exits the same section", enter)
                    .isEqualTo("exit " + enter.substring("enter ".length()));
        }
        assertThat(lines.stream().map(line -> line.split(" ")[1]).distinct()).as("both processes held the lock").hasSize(2);
        try (Cashews cache = Cashews.create(url)) {
            assertThat(cache.<String>get("unguarded")).as("no read-modify-write under the lock was lost").isEqualTo("200");
            assertThat(cache.isLocked("lock:section")).isFalse();
        }
    }

    @Test
    void sliceIncrWithMaxValueHundredGivesRanksOneToHundredOnceEachAcrossTwoProcesses() throws Exception {
        long start = System.currentTimeMillis() - 1;
        List<List<String>> outputs = finish(together("--go", url(4), "slice", "window", "130", Long.toString(start), "100"));

        List<Long> recorded = new ArrayList<>();
        long refused = 0;
        for (List<String> output : outputs) {
            List<String> acks = acks(output, "ack slice ");
            assertThat(acks).hasSize(130);
            for (String ack : acks) {
                long rank = Long.parseLong(ack);
                if (rank <= 100) {
                    recorded.add(rank);
                } else {
                    assertThat(rank).as("a refused call's rank").isEqualTo(101);
                    refused++;
                }
            }
        }
        assertThat(recorded).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 100).boxed().toList());
        assertThat(refused).isEqualTo(2 * 130 - 100);
        try (Cashews cache = Cashews.create(url(4))) {
            assertThat(cache.sliceIncr("window", start, System.currentTimeMillis(), 100, Duration.ofMinutes(1))).isEqualTo(101);
        }
    }

    @Test
    void incrBitsFromTwoProcessesSumExactly() throws Exception {
        List<List<String>> outputs = finish(together("--go", url(4), "bits", "bits", "2000"));

        for (List<String> output : outputs) {
            assertThat(acks(output, "ack bits ")).hasSize(2000);
        }
        try (Cashews cache = Cashews.create(url(4))) {
            long[] fields = cache.getBits("bits", 16, 0, 1, 2, 3, 4, 5, 6, 7, 8);
            assertThat(fields).containsExactly(500, 500, 500, 500, 500, 500, 500, 500, 4000);
        }
    }

    @Test
    void setAddAndSetPopInTwoProcessesPopEveryMemberExactlyOnce() throws Exception {
        List<List<String>> outputs = finish(together(line -> { },
                args("--go", url(4), "setpop", "pool", "a", "1000"),
                args("--go", url(4), "setpop", "pool", "b", "1000")));

        List<String> popped = new ArrayList<>();
        outputs.forEach(output -> popped.addAll(acks(output, "ack pop ")));
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            added.add("a" + i);
            added.add("b" + i);
        }
        assertThat(popped).containsExactlyInAnyOrderElementsOf(added);
        try (Cashews cache = Cashews.create(url(4))) {
            assertThat(cache.setMembers("pool")).isEmpty();
            assertThat(cache.exists("pool")).as("an emptied set is deleted").isFalse();
        }
    }

    @Test
    void aWriteIsVisibleInTheOtherProcessOnceItsCallHasReturned() throws Exception {
        List<DiskChild.Running> children = together("--go", url(4), "serve");
        try {
            for (int i = 0; i < 200; i++) {
                DiskChild.Running writer = children.get(i % 2);
                DiskChild.Running reader = children.get(1 - i % 2);
                writer.send("set key:" + i + " v" + i);
                assertThat(writer.await("ok ", LONG)).isEqualTo("ok true");
                reader.send("get key:" + i);
                assertThat(reader.await("value ", LONG)).as("round %s", i).isEqualTo("value v" + i);
                writer.send("incr shared");
                assertThat(writer.await("value ", LONG)).isEqualTo("value " + (2 * i + 1));
                reader.send("incr shared");
                assertThat(reader.await("value ", LONG)).isEqualTo("value " + (2 * i + 2));
            }
            for (DiskChild.Running child : children) {
                child.send("quit");
            }
        } finally {
            finish(children);
        }
    }

    @Test
    void aProcessAskingForAnotherShardCountIsRefusedNamingBoth() throws Exception {
        try (Cashews cache = Cashews.create(url(2))) {
            cache.set("kept", "yes");
            Process child = DiskChild.start(url(4), "set", "never:", "1");
            List<String> lines = DiskChild.completeLines(child.getInputStream());
            assertThat(child.waitFor(LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(child.exitValue()).as("%s", lines).isEqualTo(2);
            assertThat(lines).singleElement().asString().startsWith("setup-failed java.lang.IllegalArgumentException")
                    .contains("shards=2").contains("shards=4").contains(dir.toRealPath().toString());
            assertThat(cache.<String>get("kept")).isEqualTo("yes");
            assertThat(cache.exists("never:0")).isFalse();
        }
    }

    /**
     * Mixed load of two processes on one shard (sets of 20,000-byte values, gets, incr, setAdd,
     * deletes), with the shard's {@code -wal} file measured after every 50 commands of either
     * process. SPEC §13 asks for 30 s of mixed load; a bounded load of 2 × 10,000 commands (a
     * few seconds) writes 80 MB of values, more than the 64 MiB bound, and that is what the
     * bound is about: a WAL that kept growing (checkpoints starved or never run) would pass the
     * bound within this load, whereas one that is reset by its checkpoints stays at about one
     * checkpoint's worth however long the load runs.
     */
    @Test
    void mixedLoadOfTwoProcessesOnOneShardHasNoBusyErrorAndKeepsTheWalBounded() throws Exception {
        Path wal = dir.resolve("shard-000.db-wal");
        AtomicLong largest = new AtomicLong();
        AtomicLong samples = new AtomicLong();
        Consumer<String> measure = line -> {
            if (line.startsWith("ack mixed ")) {
                try {
                    long size = Files.size(wal);
                    largest.accumulateAndGet(size, Math::max);
                    samples.incrementAndGet();
                } catch (NoSuchFileException checkpointedAway) {
                    samples.incrementAndGet();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        int commands = 10_000;
        int valueBytes = 20_000;
        List<List<String>> outputs = finish(together(measure,
                args("--go", url(1), "mixed", "p:", Integer.toString(commands), Integer.toString(valueBytes)),
                args("--go", url(1), "mixed", "q:", Integer.toString(commands), Integer.toString(valueBytes))));

        for (List<String> output : outputs) {
            assertThat(acks(output, "ack mixed ")).hasSize(commands / 50);
        }
        long written = 2L * (commands / 5) * valueBytes;
        assertThat(written).as("value bytes written").isGreaterThan(64L << 20);
        assertThat(samples.get()).isEqualTo(2L * commands / 50);
        // 64 MiB (journal_size_limit) plus one automatic checkpoint's worth: 1,000 pages of 4 KiB.
        assertThat(largest.get()).as("largest -wal size seen").isLessThan((64L << 20) + 1000 * 4096);
        try (Cashews cache = Cashews.create(url(1))) {
            assertThat(cache.<Long>get("p:n")).isEqualTo(commands / 5);
            assertThat(cache.<Long>get("q:n")).isEqualTo(commands / 5);
        }
        System.out.printf("mixed load: largest -wal %,d bytes over %,d samples, %,d value bytes written%n",
                largest.get(), samples.get(), written);
    }
}
