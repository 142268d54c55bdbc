package io.cashews.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cashews.spi.Options;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Values another writer could store: every bound of the read path holds (SerialDOS, array-length,
 * gzip and zstd bombs, deep JSON, garbage behind every tag), each read a miss that returns
 * promptly and allocates little, logged once per key prefix.
 */
class HostileValuesTest {

    // A hang guard, not a timing bar: a broken bound takes seconds to minutes, a kept one ~ms.
    private static final Duration PROMPTLY = Duration.ofSeconds(10);
    private static final long MIB = 1024 * 1024;

    private static ValueCodec codec(Map<String, ?> options) {
        return ValueCodec.of(Options.of(options));
    }

    /** Runs the read on this thread and returns what it allocated, in bytes. */
    private static long allocated(Supplier<@Nullable Object> read, Object[] result) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        result[0] = read.get();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    private static void missesPromptlyWithin(ValueCodec codec, String key, byte[] stored, long maxAllocated) {
        assertTimeoutPreemptively(PROMPTLY, () -> {
            Object[] result = new Object[1];
            long bytes = allocated(() -> codec.decode(key, stored), result);
            assertThat(result[0]).as("read of %s", key).isNull();
            assertThat(bytes).as("bytes allocated by the read of %s", key).isLessThan(maxAllocated);
        });
    }

    @Test
    void aSerialDosPayloadAtDepth64IsAMissAndIsLogged() {
        byte[] bomb = HostilePayloads.serialDos(64);
        assertThat(bomb.length).isLessThan(8_000);
        missesPromptlyWithin(codec(Map.of()), "sdos:1", bomb, 4 * MIB);
        assertThat(DecodeLimits.wasReported("sdos")).isTrue();
    }

    @Test
    void nestingWithinTheDepthStillReads() {
        // The same shape, shallow: a legitimate nested value is not refused.
        assertThat(codec(Map.of()).decode("sdos:ok", HostilePayloads.serialDos(4))).isInstanceOf(java.util.Set.class);
    }

    @Test
    void aLowerOrHigherDepthIsAnOption() {
        byte[] nested = HostilePayloads.serialDos(8);
        assertThat(codec(Map.of("serializer_max_depth", 4)).decode("depth:1", nested)).isNull();
        assertThat(codec(Map.of("serializer_max_depth", 40)).decode("depth:2", nested)).isNotNull();
        assertThatThrownBy(() -> codec(Map.of("serializer_max_depth", 65)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serializer_max_depth");
    }

    @Test
    void anArrayAnnouncingMoreElementsThanItsBytesIsAMissBeforeItIsAllocated() {
        missesPromptlyWithin(codec(Map.of()), "array:1", HostilePayloads.arrayLengthBomb(), 2 * MIB);
        assertThat(DecodeLimits.wasReported("array")).isTrue();
    }

    @Test
    void aGzipBombIsAMissWithoutCompressionConfiguredAndBuffersNoMoreThanTheCap() {
        byte[] bomb = HostilePayloads.gzipBomb(128 * MIB);
        assertThat(bomb.length).isLessThan(512 * 1024);
        // Default cap (32 MiB): the growing buffer holds at most about twice the cap.
        missesPromptlyWithin(codec(Map.of()), "gzip:1", bomb, 100 * MIB);
        // A cap of 1 MiB keeps the read within a few MiB.
        missesPromptlyWithin(codec(Map.of("compress_max_size", 1 << 20)), "gzip:2", bomb, 6 * MIB);
        assertThat(DecodeLimits.wasReported("gzip")).isTrue();
    }

    @Test
    void aZstdBombIsRefusedFromItsHeaderBeforeAnythingIsAllocated() {
        byte[] bomb = HostilePayloads.zstdBomb(40 << 20);
        missesPromptlyWithin(codec(Map.of()), "zstd:1", bomb, 2 * MIB);
        missesPromptlyWithin(codec(Map.of()), "zstd:2", HostilePayloads.zstdClaiming(1L << 30), 2 * MIB);
        assertThat(DecodeLimits.wasReported("zstd")).isTrue();
    }

    @Test
    void compressedValuesWithinTheCapStillRead() {
        ValueCodec codec = codec(Map.of("compress_type", "gzip", "compress_min_size", 0, "compress_max_size", 4096));
        String text = "b".repeat(4000);
        assertThat(codec.decode("fits:1", codec.encode("fits:1", text))).isEqualTo(text);
        // 4,201 bytes once decompressed (tag included): one more than the cap allows is a miss.
        assertThat(codec.decode("fits:2", codec.encode("fits:2", text + "b".repeat(200)))).isNull();
        assertThatThrownBy(() -> codec(Map.of("compress_max_size", 1 << 30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compress_max_size");
    }

    @Test
    void deepJsonIsAMiss() {
        ValueCodec codec = codec(Map.of("serializer", "json"));
        assertTimeoutPreemptively(PROMPTLY, () -> {
            Object read = codec.decode("json:1", HostilePayloads.deepJson(100_000));
            Object value = read instanceof PendingValue pending ? pending.as(ValueType.ANY) : read;
            assertThat(value).isNull();
        });
        Object shallow = codec.decode("json:2", HostilePayloads.deepJson(8));
        assertThat(((PendingValue) shallow).as(ValueType.ANY)).isInstanceOf(List.class);
    }

    @Test
    void garbageBehindEveryTagNeverThrows() {
        List<ValueCodec> codecs = List.of(codec(Map.of()), codec(Map.of("serializer", "json")),
                codec(Map.of("compress_type", "gzip")));
        assertTimeoutPreemptively(PROMPTLY, () -> {
            for (byte[] stored : HostilePayloads.garbage(200)) {
                for (ValueCodec codec : codecs) {
                    Object read = codec.decode("garbage:1", stored);
                    if (read instanceof PendingValue pending) {
                        pending.as(ValueType.ANY);
                    }
                }
            }
        });
    }
}
