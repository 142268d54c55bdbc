package io.cashews.codec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cashews.spi.Options;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The decodings of recently read JDK-serialized payloads, found again by their exact bytes
 * ({@code decode_memo_size}): a value read again and again, unchanged, is decoded twice, not at
 * every read. JDK deserialization costs microseconds per value (a stream, class descriptors and a
 * constructor per read), which is most of what a remote hit costs the client.
 *
 * <p>Only {@linkplain ImmutableValues immutable} results are kept, so sharing one with every
 * reader is what a fresh decoding of the same bytes would give, identity apart; any other result
 * (a collection, an ordinary class) is decoded afresh for every read. A result is found only when
 * the bytes are equal, compared in full, so a hash collision costs a decoding, never a wrong value.
 * The memo sits after the signature check and the decompression, and a payload the allow-list or a
 * decoding bound refused is never kept; both are fixed for the codec's life (the allow-list only
 * ever grows), so a kept result is one the same read would produce again.
 *
 * <p>A payload is kept from its second decoding: a small Bloom filter remembers the hashes of
 * payloads decoded once, so that values read only once cost a hash and a lookup, not a copy and an
 * insertion. Bounded by the bytes of the payloads it keeps (their decodings come on top, and are
 * usually smaller); a payload above a sixteenth of the bound is not kept, so one large value
 * cannot push out the rest. Keys hash with a seed chosen per JVM and compare by their bytes, so
 * hostile payloads chosen to collide degrade a lookup to a tree search, not to a list.
 * Thread-safe.
 */
final class DecodeMemo {

    /** Default of {@code decode_memo_size}: 1 MiB of payload bytes. */
    static final int DEFAULT_SIZE = 1024 * 1024;
    // The bookkeeping of one entry (key, node, array header), counted against the bound too.
    private static final int ENTRY_OVERHEAD = 96;
    private static final long SEED = new SplittableRandom().nextLong();

    /** How a payload hashes; {@link DecodeMemo#hash} but in tests. */
    @FunctionalInterface
    interface Hash {
        int of(byte[] data, int from, int length);
    }

    private final @Nullable Cache<Payload, Object> decoded;
    // Two bits per payload decoded once and not kept (a Bloom filter, cleared once an eighth of
    // its bits were set): a payload is kept from its second decoding, so that values read once
    // cost no copy and no insertion. Racy on purpose: a lost bit only delays keeping by a read.
    private final long[] seen;
    private int recorded;
    private final int largest;
    private final Hash hash;

    DecodeMemo(long size, Hash hash) {
        this.hash = hash;
        this.seen = new long[size == 0 ? 0 : Integer.highestOneBit((int) Math.max(4096, Math.min(1 << 20, size / 16))) / 64];
        this.decoded = size == 0 ? null : Caffeine.newBuilder()
                .maximumWeight(size)
                .weigher((Payload payload, Object value) -> payload.bytes.length + ENTRY_OVERHEAD)
                // Eviction work is small and runs on the reading thread: no pool is involved.
                .executor(Runnable::run)
                .build();
        this.largest = (int) Math.min(Integer.MAX_VALUE, size / 16);
    }

    /**
     * Builds the memo the {@code decode_memo_size} option asks for.
     *
     * @param options the backend's options
     * @return the memo; one that keeps nothing for {@code decode_memo_size=0}
     * @throws IllegalArgumentException naming the option when it is not a whole number of at least 0
     */
    static DecodeMemo of(Options options) {
        return new DecodeMemo(options.getLong("decode_memo_size", DEFAULT_SIZE, 0), DecodeMemo::hash);
    }

    /**
     * Returns the decoding of {@code data[from..]}: the one kept for equal bytes, or
     * {@code decoder}'s, which is kept when it is immutable and the same bytes (by their hash) were
     * decoded not long before.
     *
     * @param data the payload's array
     * @param from where the serialized stream starts
     * @param decoder decodes the stream
     * @return the value, or {@code null} for a miss
     * @throws DecodeLimits.Exceeded as {@code decoder} does
     */
    @Nullable Object read(byte[] data, int from, JavaSerializer decoder) {
        Cache<Payload, Object> kept = decoded;
        int length = data.length - from;
        if (kept == null || length > largest) {
            return decoder.read(data, from);
        }
        Payload probe = new Payload(data, from, length, hash.of(data, from, length));
        Object value = kept.getIfPresent(probe);
        if (value != null) {
            return value;
        }
        value = decoder.read(data, from);
        if (value != null && ImmutableValues.isImmutable(value)) {
            if (!seenBefore(probe.hash)) {
                return value;
            }
            // A copy: the caller's array is not ours to keep.
            kept.put(new Payload(Arrays.copyOfRange(data, from, data.length), 0, length, probe.hash), value);
        }
        return value;
    }

    // Tells whether a payload of this hash was decoded before (maybe wrongly: it is then kept
    // from its first decoding), and remembers it.
    private boolean seenBefore(int hash) {
        int mask = seen.length * Long.SIZE - 1;
        int a = hash & mask;
        int b = (Integer.rotateLeft(hash, 16) * 0x9E3779B9) & mask;
        // Shifts of a long take the low six bits: 1L << a is the bit of a within its word.
        if ((seen[a >>> 6] & (1L << a)) != 0 && (seen[b >>> 6] & (1L << b)) != 0) {
            return true;
        }
        seen[a >>> 6] |= 1L << a;
        seen[b >>> 6] |= 1L << b;
        if (++recorded > seen.length * Long.SIZE / 8) {
            Arrays.fill(seen, 0L);
            recorded = 0;
        }
        return false;
    }

    /** How many decodings are kept now; for tests. */
    long size() {
        Cache<Payload, Object> kept = decoded;
        if (kept == null) {
            return 0;
        }
        kept.cleanUp();
        return kept.estimatedSize();
    }

    /**
     * A range of bytes as a key. Comparable, so that a hash table holding many colliding keys
     * keeps them in a tree ({@code ConcurrentHashMap}'s bins do so for comparable keys).
     */
    private static final class Payload implements Comparable<Payload> {
        final byte[] bytes;
        final int from;
        final int length;
        final int hash;

        Payload(byte[] bytes, int from, int length, int hash) {
            this.bytes = bytes;
            this.from = from;
            this.length = length;
            this.hash = hash;
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Payload that && hash == that.hash && length == that.length
                    && Arrays.equals(bytes, from, from + length, that.bytes, that.from, that.from + length);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public int compareTo(Payload that) {
            return Arrays.compare(bytes, from, from + length, that.bytes, that.from, that.from + that.length);
        }
    }

    // Eight bytes at a time, each mixed in by a multiply; seeded, so collisions differ per JVM.
    static int hash(byte[] data, int from, int length) {
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        long h = SEED ^ length;
        int i = from;
        int end = from + length;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            h = Long.rotateLeft((h ^ buffer.getLong(i)) * 0x9E3779B97F4A7C15L, 29);
        }
        for (; i < end; i++) {
            h = (h ^ data[i]) * 0x100000001B3L;
        }
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        return (int) (h ^ (h >>> 32));
    }
}
