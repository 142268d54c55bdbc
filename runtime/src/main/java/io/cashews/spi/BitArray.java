package io.cashews.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * A growable array of unsigned bit fields, the value an in-process or file backend stores under a
 * key used by {@link Backend#getBits} and {@link Backend#incrBits}. Field
 * {@code i} of width {@code size} starts at bit offset {@code i * size} (so fields of one width
 * never overlap, and fields may straddle two words). Reads and updates are atomic with respect
 * to each other: every access holds the array's monitor.
 *
 * <p>A backend must never hand this object out as a user value (the contract treats a bit key as
 * missing for {@code get}).
 */
public final class BitArray {
    /** The widest field: the values of a field must fit a non-negative {@code long}. */
    public static final int MAX_SIZE = 63;

    // Reserved at the start of every bit key's range (see maxIndex).
    private static final int MARKER_BITS = 8;

    private long[] words = new long[0];

    /** Creates an array of zeros. */
    public BitArray() {
    }

    /**
     * Returns the largest field index a bit command accepts for a width, the same on every
     * backend: a field must end before bit {@code 2^32 - 8}, Redis' limit for a string (512 MB)
     * less the first byte, which Redis keeps zero to mark a bit key.
     *
     * @param size the field width, 1 to 63
     * @return the largest index
     */
    public static long maxIndex(int size) {
        return ((1L << 32) - MARKER_BITS - size) / size;
    }

    /**
     * Checks the arguments of a bit command before any work is done.
     *
     * @param size the field width
     * @param indexes the field indexes
     * @throws IllegalArgumentException if the width is not 1 to 63, an index is negative, or
     *     greater than {@link #maxIndex(int)}
     */
    public static void check(int size, long... indexes) {
        Objects.requireNonNull(indexes, "indexes");
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("bit field size must be 1 to " + MAX_SIZE + ", got " + size);
        }
        long max = maxIndex(size);
        for (long index : indexes) {
            if (index < 0 || index > max) {
                throw new IllegalArgumentException("bit field index " + index + " of size " + size
                        + " is out of range (0 to " + max + ")");
            }
        }
    }

    /**
     * Reads fields.
     *
     * @param size the field width, checked by {@link #check}
     * @param indexes the field indexes, checked by {@link #check}
     * @return the values, positional
     */
    public synchronized long[] get(int size, long... indexes) {
        long[] values = new long[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            values[i] = read(indexes[i] * size, size);
        }
        return values;
    }

    /**
     * Adds to fields with saturation, in the order given (a repeated index is added to twice).
     *
     * @param size the field width, checked by {@link #check}
     * @param by the amount, may be negative
     * @param indexes the field indexes, checked by {@link #check}
     * @return the new values, positional
     */
    public synchronized long[] incr(int size, long by, long... indexes) {
        long max = (1L << size) - 1;
        long[] values = new long[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            long offset = indexes[i] * size;
            long old = read(offset, size);
            long sum;
            if (by >= 0) {
                sum = by >= max - old ? max : old + by;
            } else {
                // old + by < 0 without overflow: compare against -old instead.
                sum = by <= -old ? 0 : old + by;
            }
            write(offset, size, sum);
            values[i] = sum;
        }
        return values;
    }

    /**
     * Tells whether every bit is zero (an array that was only ever read, or saturated to 0).
     *
     * @return {@code true} if no bit is set
     */
    public synchronized boolean isEmpty() {
        for (long word : words) {
            if (word != 0) {
                return false;
            }
        }
        return true;
    }

    // Bit b of the array is bit (b % 64) of words[b / 64], least significant first.
    private long read(long offset, int size) {
        long value = 0;
        for (int bit = 0; bit < size; bit++) {
            long position = offset + bit;
            int word = (int) (position >>> 6);
            if (word < words.length && (words[word] & (1L << (position & 63))) != 0) {
                value |= 1L << bit;
            }
        }
        return value;
    }

    private void write(long offset, int size, long value) {
        long last = offset + size - 1;
        int needed = (int) (last >>> 6) + 1;
        if (needed > words.length) {
            // Doubling keeps repeated growth linear overall.
            words = Arrays.copyOf(words, Math.max(needed, Math.min(words.length * 2, Integer.MAX_VALUE - 8)));
        }
        for (int bit = 0; bit < size; bit++) {
            long position = offset + bit;
            int word = (int) (position >>> 6);
            long mask = 1L << (position & 63);
            if ((value & (1L << bit)) != 0) {
                words[word] |= mask;
            } else {
                words[word] &= ~mask;
            }
        }
    }

    @Override
    public synchronized String toString() {
        return "BitArray[" + (long) words.length * Long.SIZE + " bits]";
    }
}
