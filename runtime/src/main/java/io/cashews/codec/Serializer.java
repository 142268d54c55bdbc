package io.cashews.codec;

import org.jspecify.annotations.Nullable;

/** Turns values that have no fast path into bytes and back; one per {@code serializer} option. */
interface Serializer {

    /**
     * Writes a value.
     *
     * @param value the value, never a {@code String}, {@code byte[]} or whole number
     * @return the bytes, starting with this serializer's tag
     * @throws IllegalArgumentException if the value cannot be serialized; the message names its class
     */
    byte[] write(Object value);

    /**
     * Reads a value written by {@link #write}.
     *
     * @param data the stored bytes
     * @param offset where this serializer's payload starts (after the tag)
     * @return the value, or {@code null} when it cannot (or may not) be decoded: a miss
     */
    @Nullable Object read(byte[] data, int offset);
}
