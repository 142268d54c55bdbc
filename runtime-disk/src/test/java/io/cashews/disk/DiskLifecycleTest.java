package io.cashews.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.CacheBackendInteractionException;
import io.cashews.Cashews;
import io.cashews.Exist;
import io.cashews.spi.Backend;
import io.cashews.spi.Glob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** close() under load, garbage in place of a shard, a newer on-disk format, and failures with and without suppress. */
class DiskLifecycleTest {

    @TempDir
    Path dir;

    /**
     * Several instances (here threads; in DiskTwoProcessTest, processes) setting up one new
     * directory at the same moment: setup checked for the lock file and then created it, so the
     * one that lost the race failed with "cannot be written: FileAlreadyExistsException" (seen once
     * in a full build on JDK 25).
     */
    @Test
    void concurrentSetupsOfANewDirectoryAllSucceed(@TempDir Path parent) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 30; round++) {
                Path directory = parent.resolve("round-" + round);
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(8);
                List<Future<Cashews>> setups = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    setups.add(pool.submit(() -> {
                        start.await(30, TimeUnit.SECONDS);
                        return Cashews.create("disk://?directory=" + directory + "&shards=1");
                    }));
                }
                for (Future<Cashews> setup : setups) {
                    try (Cashews cache = setup.get(60, TimeUnit.SECONDS)) {
                        assertThat(cache.set("k", "v")).isTrue();
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeWhileEightThreadsRunCommandsEndsEveryLaterCommandWithIllegalState() throws Exception {
        Cashews cashews = new Cashews();
        Backend backend = cashews.setup("disk://" + dir + "?shards=4&suppress=false");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch warm = new CountDownLatch(8 * 50);
        AtomicInteger closedSeen = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            workers.add(threads.submit(() -> {
                for (int i = 0; ; i++) {
                    String key = "k:" + thread + ":" + (i % 50);
                    try {
                        switch (i % 6) {
                            case 0 -> backend.set(key, "v" + i, Duration.ofMinutes(1), Exist.ANY);
                            case 1 -> backend.get(key);
                            case 2 -> backend.incr("n:" + thread, 1, null);
                            case 3 -> backend.getAsync(key).join();
                            case 4 -> backend.scan(Glob.compile("k:" + thread + ":*"));
                            default -> backend.setAdd("_tag:" + thread, null, key);
                        }
                    } catch (IllegalStateException | CompletionException e) {
                        Throwable cause = e instanceof CompletionException ? e.getCause() : e;
                        assertThat(cause).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
                        closedSeen.incrementAndGet();
                        return null;
                    }
                    warm.countDown();
                }
            }));
        }
        assertThat(warm.await(30, TimeUnit.SECONDS)).isTrue();
        cashews.close();
        for (Future<?> worker : workers) {
            worker.get(30, TimeUnit.SECONDS);
        }
        threads.shutdown();
        assertThat(closedSeen).hasValue(8);
        assertThatThrownBy(() -> backend.get("k")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> backend.set("k", "v", null, Exist.ANY)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(backend::ping).isInstanceOf(IllegalStateException.class);
        backend.close();
        try (Cashews again = new Cashews()) {
            again.setup("disk://" + dir + "?shards=4");
            assertThat(RawShard.text(dir.resolve("shard-000.db"), "PRAGMA integrity_check")).isEqualTo("ok");
            assertThat(again.getKeysCount()).isPositive();
        }
    }

    @Test
    void garbageInPlaceOfAClosedShardIsQuarantinedAndTheOthersKeepTheirData() throws Exception {
        List<String> keys = new ArrayList<>();
        int broken;
        try (Cashews cashews = new Cashews()) {
            DiskBackend disk = (DiskBackend) cashews.setup("disk://" + dir + "?shards=4&suppress=false");
            for (int i = 0; i < 200; i++) {
                keys.add("key:" + i);
                cashews.set("key:" + i, "value " + i);
            }
            broken = disk.shard("key:0").index;
        }
        Path shardFile = dir.resolve(Shard.fileName(broken));
        byte[] garbage = new byte[16384];
        new Random(42).nextBytes(garbage);
        Files.write(shardFile, garbage);
        Files.deleteIfExists(dir.resolve(Shard.fileName(broken) + "-wal"));
        Files.deleteIfExists(dir.resolve(Shard.fileName(broken) + "-shm"));

        try (Cashews cashews = new Cashews()) {
            DiskBackend disk = (DiskBackend) cashews.setup("disk://" + dir + "?shards=4&suppress=false");
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .anyMatch(name -> name.startsWith(Shard.fileName(broken) + ".corrupt-"));
            }
            int kept = 0;
            for (String key : keys) {
                Object value = cashews.get(key);
                if (disk.shard(key).index == broken) {
                    assertThat(value).as(key).isNull();
                } else {
                    assertThat(value).as(key).isEqualTo("value " + key.substring(4));
                    kept++;
                }
            }
            assertThat(kept).isGreaterThan(100);
            assertThat(cashews.set("key:0", "again")).isTrue();
            assertThat(cashews.<Object>get("key:0")).isEqualTo("again");
            assertThat(cashews.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void aNewerOnDiskFormatFailsTheSetupSayingSo() throws Exception {
        try (Cashews cashews = new Cashews()) {
            cashews.setup("disk://" + dir + "?shards=2");
        }
        RawShard.execute(dir.resolve("shard-001.db"), "UPDATE meta SET value = 99 WHERE name = 'format'");
        try (Cashews cashews = new Cashews()) {
            assertThatThrownBy(() -> cashews.setup("disk://" + dir + "?shards=2"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("format 99").hasMessageContaining("shard-001.db");
        }
    }

    @Test
    void aFileThatIsNotACashewsShardIsRefused() throws Exception {
        RawShard.execute(dir.resolve("shard-000.db"), "CREATE TABLE other(x)");
        try (Cashews cashews = new Cashews()) {
            assertThatThrownBy(() -> cashews.setup("disk://" + dir + "?shards=1"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a cashews shard");
        }
    }

    @Test
    void schemaAndPragmasAreTheSpecs() throws Exception {
        try (Cashews cashews = new Cashews()) {
            cashews.setup("disk://" + dir + "?shards=1");
            cashews.set("k", "v");
            Path shard = dir.resolve("shard-000.db");
            assertThat(RawShard.text(shard, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(RawShard.number(shard, "PRAGMA page_size")).isEqualTo(4096);
            assertThat(RawShard.number(shard, "PRAGMA auto_vacuum")).as("incremental").isEqualTo(2);
            assertThat(RawShard.number(shard, "SELECT value FROM meta WHERE name = 'format'")).isEqualTo(1);
            assertThat(RawShard.number(shard, "SELECT value FROM meta WHERE name = 'shards'")).isEqualTo(1);
            assertThat(RawShard.number(shard, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")).isEqualTo(4);
            assertThat(RawShard.text(shard, "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master"
                    + " WHERE type = 'index' AND name LIKE 'entry_%' ORDER BY name)")).isEqualTo("entry_expire,entry_lru");
        }
        try (Cashews cashews = new Cashews()) {
            cashews.setup("disk://" + dir + "?shards=1&eviction=lrs");
            assertThat(RawShard.text(dir.resolve("shard-000.db"), "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master"
                    + " WHERE type = 'index' AND name LIKE 'entry_%' ORDER BY name)"))
                    .as("the index of the eviction in use is made when missing").isEqualTo("entry_expire,entry_lrs,entry_lru");
            assertThat(cashews.<Object>get("k")).isEqualTo("v");
        }
    }

    @Test
    void aFullShardFailsWritesQuietlyWithSuppressAndLoudlyWithoutWhileReadsStillHit() throws Exception {
        String big = "x".repeat(200_000);
        try (Cashews quiet = new Cashews()) {
            DiskBackend disk = (DiskBackend) quiet.setup("disk://" + dir.resolve("quiet") + "?shards=1");
            quiet.set("small", "kept");
            disk.maxPageCount(1);
            assertThat(quiet.set("big", big)).isFalse();
            assertThat(quiet.<Object>get("small")).isEqualTo("kept");
            assertThat(quiet.setRaw("raw", big)).isFalse();
            disk.maxPageCount(1_000_000);
            assertThat(quiet.set("big", big)).as("writes resume").isTrue();
        }
        try (Cashews loud = new Cashews()) {
            DiskBackend disk = (DiskBackend) loud.setup("disk://" + dir.resolve("loud") + "?shards=1&suppress=false");
            disk.maxPageCount(1);
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> loud.set("big", big)).isInstanceOf(CacheBackendInteractionException.class)
                        .hasMessageContaining("SQLITE_FULL").hasMessageContaining("shard-000.db");
            }
            assertThat(RawShard.text(dir.resolve("loud/shard-000.db"), "PRAGMA integrity_check")).isEqualTo("ok");
        }
    }

    @Test
    void anotherInstanceOnTheSameDirectorySeesEveryWriteOnceItReturned() {
        try (Cashews first = new Cashews(); Cashews second = new Cashews()) {
            first.setup("disk://" + dir + "?shards=2");
            second.setup("disk://" + dir + "?shards=2");
            first.set("k", "v");
            assertThat(second.<Object>get("k")).isEqualTo("v");
            assertThat(second.incr("n")).isEqualTo(1);
            assertThat(first.incr("n")).isEqualTo(2);
            assertThat(first.setLock("lock", "a", Duration.ofMinutes(1))).isTrue();
            assertThat(second.setLock("lock", "b", Duration.ofMinutes(1))).isFalse();
            second.setMany(Map.of("m1", 1, "m2", 2), null);
            assertThat(first.getMany("m1", "m2")).containsExactly(1, 2);
        }
    }
}
