package io.cashews.disk;

import java.util.Arrays;

/**
 * Unsigned bit fields in a blob: bit {@code b} of the key is bit {@code b % 8} of byte
 * {@code b / 8}, the order of {@link io.cashews.spi.BitArray}; field {@code i} of width
 * {@code s} is bits {@code [i*s, i*s + s)}, least significant first.
 */
final class Bits {

    private Bits() {
    }

    static long read(byte[] blob, long offset, int size) {
        long value = 0;
        for (int bit = 0; bit < size; bit++) {
            long position = offset + bit;
            long index = position >>> 3;
            if (index < blob.length && (blob[(int) index] & (1 << (position & 7))) != 0) {
                value |= 1L << bit;
            }
        }
        return value;
    }

    static void write(byte[] blob, long offset, int size, long value) {
        for (int bit = 0; bit < size; bit++) {
            long position = offset + bit;
            int index = (int) (position >>> 3);
            int mask = 1 << (position & 7);
            if ((value & (1L << bit)) != 0) {
                blob[index] |= (byte) mask;
            } else {
                blob[index] &= (byte) ~mask;
            }
        }
    }

    /** The blob, grown with zeros to hold bits below {@code end}. */
    static byte[] grow(byte[] blob, long end) {
        long needed = (end + 7) >>> 3;
        return needed <= blob.length ? blob : Arrays.copyOf(blob, (int) needed);
    }

    /** {@code old + by} clamped to {@code [0, 2^size - 1]}. */
    static long saturatingAdd(long old, long by, int size) {
        long max = (1L << size) - 1;
        if (by >= 0) {
            return by >= max - old ? max : old + by;
        }
        // old + by < 0 without overflow: compare against -old instead.
        return by <= -old ? 0 : old + by;
    }
}
