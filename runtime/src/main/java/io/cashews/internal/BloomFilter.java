package io.cashews.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * For generated code: the geometry of one Bloom filter kept in the backend as a bit field of
 * width 1 ({@link io.cashews.Cashews#getBits}, {@link io.cashews.Cashews#incrBits}), shared by
 * {@link BloomMethod}, {@link BloomAddMethod} and {@link DualBloomMethod}.
 *
 * <p>Sizing, as cashews: for a capacity {@code n} and a false-positive rate {@code p} (the
 * annotation's percentage divided by 100) the filter has {@code m = ceil(-n ln p / ln² 2)} bits
 * and {@code k = round(m / n · ln 2)} hash functions, rounding half to even as Python does
 * ({@code n = 10, p = 1 %} gives {@code m = 96, k = 7}).
 *
 * <p>Hashing: the {@code k} bit indexes of an element (its rendered key) are
 * {@code crc32(utf8(element + "_" + s)) mod m} for suffixes {@code s = 0, 1, …, k - 1}; when an
 * index was already chosen for this element, the suffix is increased until a new index comes
 * out, so the {@code k} indexes are distinct. CRC-32 is the IEEE polynomial of
 * {@link CRC32} (zlib's, Python's {@code zlib.crc32}), which is what cashews uses when
 * {@code xxhash} is not installed: the same element lands on the same bits in both.
 */
public final class BloomFilter {
    private static final double LN2 = Math.log(2);
    /** Bits a backend bit key can hold (Redis strings are at most 512 MB). */
    public static final long MAX_BITS = 1L << 32;

    private final String key;
    private final long bits;
    private final int hashes;

    /**
     * Creates the geometry of a filter.
     *
     * @param keyBase the filter's key without its size, such as {@code bloom:com.example.Users.known}
     * @param capacity the number of elements the filter is sized for, positive
     * @param falsePositivesPercent the accepted false-positive rate in percent, in {@code (0, 100)}
     * @throws IllegalArgumentException if the numbers give no usable filter (see
     *     {@link #bitCount} and {@link #hashCount})
     */
    public BloomFilter(String keyBase, long capacity, double falsePositivesPercent) {
        Objects.requireNonNull(keyBase, "keyBase");
        this.bits = bitCount(capacity, falsePositivesPercent);
        this.hashes = hashCount(capacity, bits);
        if (bits > MAX_BITS - 1) {
            throw new IllegalArgumentException("a Bloom filter of capacity " + capacity + " at "
                    + falsePositivesPercent + " % needs " + bits + " bits, more than a backend key holds ("
                    + (MAX_BITS - 1) + ")");
        }
        // The size is part of the key: a filter resized by a new release starts empty instead of
        // being read with the wrong geometry.
        this.key = keyBase + ':' + bits;
    }

    /**
     * The number of bits of a filter: {@code ceil(-n ln p / ln² 2)}.
     *
     * @param capacity {@code n}, positive
     * @param falsePositivesPercent {@code 100 p}, in {@code (0, 100)}
     * @return {@code m}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static long bitCount(long capacity, double falsePositivesPercent) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("Bloom filter capacity must be positive, got " + capacity);
        }
        if (!(falsePositivesPercent > 0 && falsePositivesPercent < 100)) {
            throw new IllegalArgumentException("Bloom filter falsePositives must be a percentage between 0 and 100"
                    + " (both excluded), got " + falsePositivesPercent);
        }
        double p = falsePositivesPercent / 100;
        return (long) Math.ceil(-capacity * Math.log(p) / (LN2 * LN2));
    }

    /**
     * The number of hash functions of a filter: {@code round(m / n · ln 2)}, half to even.
     *
     * @param capacity {@code n}, positive
     * @param bits {@code m}
     * @return {@code k}, at least 1
     * @throws IllegalArgumentException if {@code k} would be 0 (a false-positive rate so high that
     *     no hash function is worth computing)
     */
    public static int hashCount(long capacity, long bits) {
        long k = (long) Math.rint((double) bits / capacity * LN2);
        if (k < 1) {
            throw new IllegalArgumentException("a Bloom filter of " + bits + " bits for " + capacity
                    + " elements has no hash function; lower falsePositives");
        }
        return (int) k;
    }

    /**
     * The backend key of the bits.
     *
     * @return the key base, {@code ':'} and the number of bits
     */
    public String key() {
        return key;
    }

    /**
     * The number of bits, {@code m}.
     *
     * @return the size
     */
    public long bits() {
        return bits;
    }

    /**
     * The number of hash functions, {@code k}.
     *
     * @return the count
     */
    public int hashes() {
        return hashes;
    }

    /**
     * The {@code k} distinct bit indexes of an element.
     *
     * @param element the element's rendered key
     * @return the indexes, in the order they were chosen
     */
    public long[] indexes(String element) {
        int count = (int) Math.min(hashes, bits);
        long[] chosen = new long[count];
        CRC32 crc = new CRC32();
        long suffix = 0;
        for (int i = 0; i < count; i++) {
            long index;
            do {
                crc.reset();
                crc.update((element + '_' + suffix).getBytes(StandardCharsets.UTF_8));
                index = crc.getValue() % bits;
                suffix++;
            } while (contains(chosen, i, index));
            chosen[i] = index;
        }
        return chosen;
    }

    private static boolean contains(long[] values, int length, long value) {
        for (int i = 0; i < length; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether every bit read is set.
     *
     * @param values what {@code getBits} answered; empty when the command is disabled
     * @return {@code true} if all are 1 (and there was an answer)
     */
    static boolean allSet(long[] values) {
        return values.length > 0 && Arrays.stream(values).allMatch(v -> v != 0);
    }

    @Override
    public String toString() {
        return "BloomFilter[" + key + ", k=" + hashes + "]";
    }
}
