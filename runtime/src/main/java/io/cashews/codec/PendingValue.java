package io.cashews.codec;

import org.jspecify.annotations.Nullable;

/**
 * A stored value whose decoding waits for the reader's declared type: what a backend with
 * {@code serializer=json} returns for a JSON payload, whose bytes carry no class name. The
 * signature (when a {@code secret} is set) was already checked and the payload decompressed.
 *
 * <p>Readers never see one through the {@code Cashews} facade: {@code getAs} and generated
 * proxies decode it into their {@link ValueType}, the untyped reads into {@link ValueType#ANY}
 * (maps, lists, strings, numbers, booleans). Middleware and backend wrappers may see it pass by.
 *
 * <p>The last decoding is remembered when the result is {@linkplain ImmutableValues immutable},
 * so a value held by a local copy (client-side caching) is parsed once per declared type, not once
 * per read; a result that could be changed in place is parsed afresh for every read, so that a
 * reader changing it changes nothing another reader gets. Thread-safe.
 */
public final class PendingValue {

    /** One decoding: the type asked for and the result ({@code null} when it could not be decoded). */
    private record Decoded(ValueType<?> type, @Nullable Object value) {
    }

    private final JsonSerializer json;
    private final byte[] data;
    private final int offset;
    private volatile @Nullable Decoded last;

    PendingValue(JsonSerializer json, byte[] data, int offset) {
        this.json = json;
        this.data = data;
        this.offset = offset;
    }

    /**
     * Decodes the value into a type.
     *
     * @param type the declared type
     * @return the value, or {@code null} when the JSON does not fit the type (a miss)
     */
    public @Nullable Object as(ValueType<?> type) {
        Decoded decoded = last;
        if (decoded != null && (decoded.type == type || decoded.type.equals(type))) {
            return decoded.value;
        }
        Object value = json.read(data, offset, type);
        if (ImmutableValues.isImmutable(value)) {
            last = new Decoded(type, value);
        }
        return value;
    }

    @Override
    public String toString() {
        return "PendingValue[" + (data.length - offset) + " bytes of JSON]";
    }
}
