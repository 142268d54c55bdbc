package io.cashews.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import io.cashews.spi.CacheUrl;
import io.cashews.spi.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The URL and every option: defaults, parsing, ranges, and errors that name what is wrong. */
class DiskOptionsTest {

    @TempDir
    Path tmp;

    private static DiskSettings parse(String url) {
        CacheUrl parsed = CacheUrl.parse(url);
        return DiskSettings.parse(parsed, Options.merge(parsed, Map.of()));
    }

    @Test
    void defaultsAreTheSpecs() {
        DiskSettings s = parse("disk:///var/cache/app");
        assertThat(s.directory()).isEqualTo(Path.of("/var/cache/app"));
        assertThat(s.shards()).isEqualTo(8);
        assertThat(s.sizeLimit()).isEqualTo(1L << 30);
        assertThat(s.eviction()).isEqualTo(DiskSettings.Eviction.LRU);
        assertThat(s.cullLimit()).isEqualTo(10);
        assertThat(s.checkInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.lruFlush()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.busyTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.synchronousFull()).isFalse();
        assertThat(s.readers()).isEqualTo(2);
        assertThat(s.cacheSizeBytes()).isEqualTo(2000L * 1024);
        assertThat(s.mmapSizeBytes()).isZero();
        assertThat(s.suppress()).isTrue();
        assertThat(s.shardLimit()).isEqualTo((1L << 30) / 8);
    }

    @Test
    void everyOptionIsRead() {
        DiskSettings s = parse("disk://?directory=rel/dir&shards=0&size_limit=3m&eviction=least-recently-stored"
                + "&cull_limit=4&check_interval=0&lru_flush=250ms&timeout=5s&synchronous=FULL&readers=3"
                + "&cache_size=64k&mmap_size=1g&suppress=false");
        assertThat(s.directory()).isEqualTo(Path.of("rel/dir"));
        assertThat(s.shards()).as("0 means 1").isEqualTo(1);
        assertThat(s.sizeLimit()).isEqualTo(3L << 20);
        assertThat(s.eviction()).isEqualTo(DiskSettings.Eviction.LRS);
        assertThat(s.cullLimit()).isEqualTo(4);
        assertThat(s.checkInterval()).isZero();
        assertThat(s.lruFlush()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.busyTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.synchronousFull()).isTrue();
        assertThat(s.readers()).isEqualTo(3);
        assertThat(s.cacheSizeBytes()).isEqualTo(64L << 10);
        assertThat(s.mmapSizeBytes()).isEqualTo(1L << 30);
        assertThat(s.suppress()).isFalse();
        assertThat(parse("disk://?eviction=none").shardLimit()).isEqualTo(Long.MAX_VALUE);
        assertThat(parse("disk://?eviction=least-recently-used").eviction()).isEqualTo(DiskSettings.Eviction.LRU);
        assertThat(parse("disk://?size_limit=2t").sizeLimit()).isEqualTo(2L << 40);
        assertThat(parse("disk://?size_limit=5MiB").sizeLimit()).isEqualTo(5L << 20);
        assertThat(parse("disk://?size_limit=1234").sizeLimit()).isEqualTo(1234);
        assertThat(parse("disk://").directory()).as("a private temporary directory").isNull();
        assertThat(parse("disk:///tmp/with%20space").directory()).isEqualTo(Path.of("/tmp/with space"));
    }

    @Test
    void badValuesNameTheOption() {
        assertThatThrownBy(() -> parse("disk://?shards=257")).hasMessageContaining("'shards'").hasMessageContaining("257");
        assertThatThrownBy(() -> parse("disk://?shards=-1")).hasMessageContaining("'shards'");
        assertThatThrownBy(() -> parse("disk://?shards=many")).hasMessageContaining("'shards'");
        assertThatThrownBy(() -> parse("disk://?size_limit=big")).hasMessageContaining("'size_limit'").hasMessageContaining("big");
        assertThatThrownBy(() -> parse("disk://?size_limit=0")).hasMessageContaining("'size_limit'");
        assertThatThrownBy(() -> parse("disk://?size_limit=9999999t")).hasMessageContaining("'size_limit'");
        assertThatThrownBy(() -> parse("disk://?eviction=lfu")).hasMessageContaining("'eviction'").hasMessageContaining("lrs");
        assertThatThrownBy(() -> parse("disk://?cull_limit=0")).hasMessageContaining("'cull_limit'");
        assertThatThrownBy(() -> parse("disk://?check_interval=soon")).hasMessageContaining("'check_interval'");
        assertThatThrownBy(() -> parse("disk://?lru_flush=0")).hasMessageContaining("'lru_flush'");
        assertThatThrownBy(() -> parse("disk://?timeout=-1")).hasMessageContaining("'timeout'");
        assertThatThrownBy(() -> parse("disk://?synchronous=off")).hasMessageContaining("'synchronous'");
        assertThatThrownBy(() -> parse("disk://?readers=0")).hasMessageContaining("'readers'");
        assertThatThrownBy(() -> parse("disk://?readers=65")).hasMessageContaining("'readers'");
        assertThatThrownBy(() -> parse("disk://?cache_size=lots")).hasMessageContaining("'cache_size'");
        assertThatThrownBy(() -> parse("disk://?mmap_size=-5")).hasMessageContaining("'mmap_size'");
        assertThatThrownBy(() -> parse("disk://?suppress=maybe")).hasMessageContaining("'suppress'");
        assertThatThrownBy(() -> parse("disk://?directory=")).hasMessageContaining("'directory'");
    }

    @Test
    void thePathAndTheDirectoryOptionTogetherAreAnError() {
        assertThatThrownBy(() -> parse("disk:///var/a?directory=/var/b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/var/a").hasMessageContaining("/var/b");
    }

    @Test
    void aHostIsAnErrorThatShowsBothSpellings() {
        assertThatThrownBy(() -> parse("disk://sample-cache")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("disk:///").hasMessageContaining("directory=sample-cache");
    }

    @Test
    void unknownOptionsFailTheSetupDiskcachesIncluded() {
        try (Cashews cashews = new Cashews()) {
            for (String option : new String[] {"sqlite_mmap_size=0", "disk_min_file_size=1", "statistics=1", "shard=2"}) {
                assertThatThrownBy(() -> cashews.setup("disk://?" + option)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("unknown option '" + option.substring(0, option.indexOf('=')) + "'");
            }
            assertThatThrownBy(() -> cashews.setup("disk://?shard=2")).hasMessageContaining("did you mean 'shards'");
        }
    }

    @Test
    void aRegularFileAsTheDirectoryIsAnErrorNamingIt() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        try (Cashews cashews = new Cashews()) {
            assertThatThrownBy(() -> cashews.setup("disk://" + file.toAbsolutePath()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(file.toString())
                    .hasMessageContaining("not a directory");
            assertThatThrownBy(() -> cashews.setup("disk://?directory=" + file.resolve("below")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(file.toString());
        }
    }

    @Test
    void aMissingDirectoryIsCreated() {
        Path dir = tmp.resolve("a/b/c");
        try (Cashews cashews = new Cashews()) {
            cashews.setup("disk://?shards=2&directory=" + dir);
            cashews.set("k", "v");
            assertThat(Files.isRegularFile(dir.resolve("shard-000.db"))).isTrue();
            assertThat(Files.isRegularFile(dir.resolve("shard-001.db"))).isTrue();
            assertThat(Files.isRegularFile(dir.resolve("cashews-disk.lock"))).isTrue();
        }
        assertThat(Files.isDirectory(dir)).as("a named directory is kept").isTrue();
    }

    @Test
    void aPlainDiskUrlIsAPrivateDirectoryDeletedByClose() {
        Path dir;
        try (Cashews cashews = new Cashews()) {
            DiskBackend backend = (DiskBackend) cashews.setup("disk://?shards=2");
            dir = backend.directory();
            cashews.set("k", "v");
            assertThat(Files.isRegularFile(dir.resolve("shard-001.db"))).isTrue();
        }
        assertThat(Files.exists(dir)).isFalse();
    }

    @Test
    void anotherShardCountThanTheDirectoryWasMadeWithFailsNamingBoth() {
        try (Cashews cashews = new Cashews()) {
            cashews.setup("disk://" + tmp + "?shards=4");
            cashews.set("k", "v");
        }
        try (Cashews cashews = new Cashews()) {
            assertThatThrownBy(() -> cashews.setup("disk://" + tmp + "?shards=2"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("shards=4").hasMessageContaining("shards=2").hasMessageContaining(tmp.toString());
            cashews.setup("disk://" + tmp + "?shards=4");
            assertThat(cashews.<Object>get("k")).as("the right count opens it again").isEqualTo("v");
        }
    }

    @Test
    void theDefaultShardCountIsStoredToo() {
        try (Cashews cashews = new Cashews()) {
            cashews.setup("disk://" + tmp);
        }
        try (Cashews cashews = new Cashews()) {
            assertThatThrownBy(() -> cashews.setup("disk://" + tmp + "?shards=1")).hasMessageContaining("shards=8");
        }
    }

    @Test
    void theDiskSchemeIsFoundThroughServiceLoader() {
        // The module is on this class path, so the scheme is served; the router's hint is checked in runtime.
        try (Cashews cashews = new Cashews()) {
            assertThat(cashews.setup("disk://?shards=1")).isInstanceOf(DiskBackend.class);
        }
    }
}
