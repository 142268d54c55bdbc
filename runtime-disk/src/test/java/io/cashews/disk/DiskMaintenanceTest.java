package io.cashews.disk;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.time.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code check_interval} does, run directly: expired rows deleted, access times written, broken shards recovered. */
class DiskMaintenanceTest {

    @TempDir
    Path dir;

    @Test
    void maintenanceDeletesExpiredRowsInBatchesAndCheckpoints() throws Exception {
        ManualClock clock = new ManualClock();
        try (Cashews cache = Cashews.builder().clock(clock).build()) {
            DiskBackend disk = (DiskBackend) cache.setup("disk://" + dir + "?shards=1&check_interval=0");
            for (int i = 0; i < 1_200; i++) {
                cache.set("short:" + i, "v", Duration.ofSeconds(1));
            }
            cache.set("long", "v", Duration.ofHours(1));
            cache.set("forever", "v");
            Path shard = dir.resolve("shard-000.db");
            clock.advance(Duration.ofSeconds(2));
            assertThat(RawShard.number(shard, "SELECT count(*) FROM entry")).as("expired rows wait for maintenance").isEqualTo(1_202);
            assertThat(cache.evictionCount()).hasValue(0);
            disk.maintain();
            assertThat(RawShard.number(shard, "SELECT count(*) FROM entry")).isEqualTo(2);
            assertThat(cache.evictionCount()).as("the expired rows maintenance purged").hasValue(1_200);
            assertThat(RawShard.number(shard, "SELECT value FROM meta WHERE name = 'bytes'"))
                    .isEqualTo(RawShard.number(shard, "SELECT sum(bytes) FROM entry"));
            assertThat(cache.getKeysCount()).isEqualTo(2);
        }
    }

    @Test
    void hitsAreWrittenAsAccessTimesByTheFlushNotByTheRead() throws Exception {
        ManualClock clock = new ManualClock();
        try (Cashews cache = Cashews.builder().clock(clock).build()) {
            DiskBackend disk = (DiskBackend) cache.setup("disk://" + dir + "?shards=1&check_interval=0");
            cache.set("k", "v");
            Path shard = dir.resolve("shard-000.db");
            long stored = RawShard.number(shard, "SELECT access_at FROM entry WHERE key = 'k'");
            clock.advance(Duration.ofSeconds(5));
            assertThat(cache.<Object>get("k")).isEqualTo("v");
            assertThat(RawShard.number(shard, "SELECT access_at FROM entry WHERE key = 'k'")).as("a hit writes nothing").isEqualTo(stored);
            disk.flushAccessTimes();
            assertThat(RawShard.number(shard, "SELECT access_at FROM entry WHERE key = 'k'")).isEqualTo(stored + 5_000);
        }
    }

    @Test
    void aShardMarkedBrokenServesAgainAfterRecoveryWithItsDataWhenTheFileIsSound() {
        try (Cashews cache = new Cashews()) {
            DiskBackend disk = (DiskBackend) cache.setup("disk://" + dir + "?shards=2&check_interval=0");
            cache.set("k", "v");
            Shard shard = disk.shard("k");
            assertThat(shard.markBroken()).isTrue();
            assertThat(cache.<Object>get("k")).as("a broken shard misses (suppress=true)").isNull();
            assertThat(cache.set("k", "w")).isFalse();
            assertThat(shard.recover()).isTrue();
            assertThat(cache.<Object>get("k")).as("quick_check passed: nothing was quarantined").isEqualTo("v");
            assertThat(cache.set("k", "w")).isTrue();
        }
    }

    @Test
    void maintenanceReopensAShardFileThatAnotherInstanceReplaced() throws Exception {
        try (Cashews first = new Cashews()) {
            DiskBackend disk = (DiskBackend) first.setup("disk://" + dir + "?shards=1&check_interval=0");
            first.set("k", "old");
            // As another process's recovery does: the file moves aside (with its -wal and -shm) and a new one is made.
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Path file = dir.resolve("shard-000.db" + suffix);
                if (Files.exists(file)) {
                    Files.move(file, dir.resolve("shard-000.db.corrupt-1" + suffix));
                }
            }
            try (Cashews second = new Cashews()) {
                second.setup("disk://" + dir + "?shards=1&check_interval=0");
                second.set("k", "new");
            }
            assertThat(disk.shards()[0].replaced()).isTrue();
            disk.maintain();
            assertThat(disk.shards()[0].replaced()).isFalse();
            assertThat(first.<Object>get("k")).isEqualTo("new");
        }
    }
}
