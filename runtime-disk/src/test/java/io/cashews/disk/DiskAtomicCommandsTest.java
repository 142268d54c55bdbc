package io.cashews.disk;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.backend.CasContention;
import io.cashews.spi.Backend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The atomic commands on {@code disk://} beyond the contract: two backends on one directory (as
 * two processes would be) share them, and the size accounting and eviction count stay right.
 */
class DiskAtomicCommandsTest {

    @TempDir
    Path dir;

    private String url(String options) {
        return "disk://" + dir + "?timeout=5s&suppress=false&" + options;
    }

    @Test
    void compareAndSetIncrementsFromTwoBackendsOnOneDirectoryLoseNothing() throws Exception {
        try (Cashews first = new Cashews(); Cashews second = new Cashews()) {
            List<Backend> both = List.of(first.setup(url("shards=2")), second.setup(url("shards=2")));
            assertThat(CasContention.run("cas:counter", both, 8, 100)).isEqualTo(800L);
            assertThat(both.get(1).getAndSet("k", "one", null, false)).isNull();
            assertThat(both.get(0).getAndDelete("k")).isEqualTo("one");
            assertThat(both.get(1).exists("k")).isFalse();
        }
    }

    @Test
    void atomicWritesAreAccountedAndEvictAsSetDoes() throws Exception {
        try (Cashews cache = new Cashews()) {
            DiskBackend disk = (DiskBackend) cache.setup(url("shards=1&size_limit=64k"));
            char[] chars = new char[4096];
            Arrays.fill(chars, 'x');
            String big = new String(chars);
            for (int i = 0; i < 40; i++) {
                if (i % 2 == 0) {
                    disk.getAndSet("k" + i, big, null, false);
                } else {
                    disk.compareAndSet("k" + i, null, big, null, false);
                }
                assertAccounted(disk);
            }
            long kept = disk.getKeysCount();
            assertThat(kept).as("the limit holds about 15 such rows").isBetween(5L, 20L);
            assertThat(disk.evictionCount()).as("every row written and gone was evicted").isEqualTo(40 - kept);

            String last = "k39";
            assertThat(disk.getAndDelete(last)).isEqualTo(big);
            assertThat(disk.deleteIfEquals("k38", big)).isTrue();
            assertAccounted(disk);
            assertThat(disk.getKeysCount()).isEqualTo(kept - 2);
            assertThat(disk.evictionCount()).as("deletes are not evictions").isEqualTo(40 - kept);
        }
    }

    @Test
    void anOversizeValueIsRefusedAsSetRefusesIt() throws Exception {
        try (Cashews cache = new Cashews()) {
            Backend disk = cache.setup(url("shards=1&size_limit=4k"));
            disk.set("k", "small", null, io.cashews.Exist.ANY);
            char[] chars = new char[8192];
            Arrays.fill(chars, 'x');
            String huge = new String(chars);
            assertThat(disk.compareAndSet("k", "small", huge, null, false)).isFalse();
            assertThat(disk.getAndSet("k", huge, Duration.ofMinutes(1), false)).isEqualTo("small");
            assertThat(disk.get("k")).as("nothing written").isEqualTo("small");
        }
    }

    private static void assertAccounted(DiskBackend disk) throws Exception {
        for (Shard shard : disk.shards()) {
            long accounted = RawShard.number(shard.file, "SELECT value FROM meta WHERE name = 'bytes'");
            long summed = RawShard.number(shard.file, "SELECT coalesce(sum(bytes), 0) FROM entry");
            assertThat(accounted).as("meta.bytes of %s is the sum of its rows", shard.file).isEqualTo(summed);
        }
    }
}
