package io.cashews.disk;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.spi.Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code size_limit=1m} with 10 MiB written: what is accounted stays within the limit plus one
 * write's culling, a hot set survives under {@code lru}, and locks, counters, bit fields, tag sets
 * and windows are never evicted.
 */
class DiskEvictionTest {

    private static final int SHARDS = 4;
    private static final long LIMIT = 1L << 20;
    private static final int VALUE_SIZE = 4096;

    @TempDir
    Path dir;

    private static String value(int i) {
        char[] chars = new char[VALUE_SIZE];
        Arrays.fill(chars, (char) ('a' + i % 26));
        return new String(chars);
    }

    @Test
    void tenMegabytesUnderALimitOfOneKeepTheLimitTheHotSetAndEveryPinnedKey() throws Exception {
        try (Cashews cache = new Cashews()) {
            Backend backend = cache.setup("disk://" + dir + "?shards=" + SHARDS + "&size_limit=1m&suppress=false");
            DiskBackend disk = (DiskBackend) backend;
            cache.setLock("lock:1", "holder", Duration.ofHours(1));
            cache.incr("counter:1");
            cache.incrBits("bits:1", 1, 1, 5);
            cache.setAdd("_tag:t", null, "member");
            cache.sliceIncr("window:1", 0, System.currentTimeMillis(), 10, Duration.ofHours(1));
            long pinned = cache.getKeysCount();
            for (int h = 0; h < 20; h++) {
                cache.set("hot:" + h, value(h));
            }
            long written = 0;
            int i = 0;
            while (written < 10L << 20) {
                cache.set("cold:" + i, value(i));
                written += VALUE_SIZE;
                i++;
                if (i % 10 == 0) {
                    for (int h = 0; h < 20; h++) {
                        assertThat(cache.<Object>get("hot:" + h)).as("hot:%d after %d writes", h, i).isEqualTo(value(h));
                    }
                }
                if (i % 500 == 0) {
                    disk.flushAccessTimes();
                    assertAccountedWithinLimit(disk);
                }
            }
            assertAccountedWithinLimit(disk);
            assertThat(cache.isLocked("lock:1")).isTrue();
            assertThat(cache.<Object>get("counter:1")).isEqualTo(1L);
            assertThat(cache.getBits("bits:1", 1, 5)).containsExactly(1);
            assertThat(cache.setMembers("_tag:t")).containsExactly("member");
            assertThat(cache.exists("window:1")).isTrue();
            assertThat(cache.getKeysCount()).as("most cold keys are gone").isLessThan(i / 4);
            assertThat(cache.evictionCount()).as("every value written and gone was evicted")
                    .hasValue(i + 20 - (cache.getKeysCount() - pinned));
            disk.maintain();
            assertThat(directorySize()).isLessThanOrEqualTo(2 * LIMIT + SHARDS * (64L << 20));
        }
    }

    private void assertAccountedWithinLimit(DiskBackend disk) throws Exception {
        long share = LIMIT / SHARDS;
        long row = VALUE_SIZE + 64 + 16;
        for (Shard shard : disk.shards()) {
            long accounted = RawShard.number(shard.file, "SELECT value FROM meta WHERE name = 'bytes'");
            long summed = RawShard.number(shard.file, "SELECT coalesce(sum(bytes), 0) FROM entry");
            assertThat(accounted).as("meta.bytes of %s is the sum of its rows", shard.file).isEqualTo(summed);
            assertThat(accounted).as("accounted bytes of %s", shard.file).isLessThanOrEqualTo(share + 10 * row);
        }
    }

    private long directorySize() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }

    @Test
    void lrsEvictsTheOldestStoredEvenWhenItIsRead() {
        try (Cashews cache = new Cashews()) {
            cache.setup("disk://" + dir + "?shards=1&size_limit=64k&eviction=lrs&suppress=false");
            cache.set("first", value(0));
            for (int i = 0; i < 40; i++) {
                cache.get("first");
                cache.set("later:" + i, value(i));
            }
            assertThat(cache.exists("first")).isFalse();
            assertThat(cache.exists("later:39")).isTrue();
        }
    }

    @Test
    void aValueLargerThanAShardsShareIsRefused() {
        try (Cashews cache = new Cashews()) {
            cache.setup("disk://" + dir + "?shards=2&size_limit=8k&suppress=false");
            assertThat(cache.set("big", value(0) + value(1))).isFalse();
            assertThat(cache.exists("big")).isFalse();
            assertThat(cache.set("small", "x")).isTrue();
        }
    }

    @Test
    void withoutEvictionNothingIsEvicted() {
        try (Cashews cache = new Cashews()) {
            cache.setup("disk://" + dir + "?shards=1&size_limit=16k&eviction=none&suppress=false");
            for (int i = 0; i < 40; i++) {
                cache.set("k:" + i, value(i));
            }
            assertThat(cache.getKeysCount()).isEqualTo(40);
        }
    }
}
