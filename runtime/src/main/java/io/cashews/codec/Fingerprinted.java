package io.cashews.codec;

import io.cashews.spi.NullValue;
import org.jspecify.annotations.Nullable;

/**
 * A stored value together with the fingerprint of the shape of its declared type (SPEC §18): what
 * a proxy's strategy writes when its {@link ValueType} carries a {@linkplain ValueType#fingerprint()
 * fingerprint}, and what a codec decodes back from the envelope {@code F} + eight bytes + the
 * content's own stored form. A reader whose type has another fingerprint treats the value as a
 * miss, so a value written by an older shape of a class is recomputed instead of read back wrong.
 *
 * <p>The memory backend keeps the content only (a class cannot change inside a running JVM);
 * remote and disk backends keep the envelope, inside compression and the signature. Readers of
 * the facade never see one: {@link ValueType#read} unwraps it. Middleware and backend wrappers may
 * see it pass by. Immutable.
 *
 * @param fingerprint the fingerprint of the writer's declared type, never {@code 0}
 * @param value the content: a result, a {@link Stamped}, a {@link CachedException}, a
 *     {@link PendingValue} once decoded from JSON, or {@code null} for a stored {@code null}
 */
public record Fingerprinted(long fingerprint, @Nullable Object value) {

    /**
     * Checks the fingerprint.
     *
     * @throws IllegalArgumentException if {@code fingerprint} is {@code 0} (which stands for none)
     *     or {@code value} is itself fingerprinted
     */
    public Fingerprinted {
        if (fingerprint == 0) {
            throw new IllegalArgumentException("a fingerprint is never 0");
        }
        if (value instanceof Fingerprinted) {
            throw new IllegalArgumentException("a fingerprinted value inside another");
        }
    }

    /**
     * What a backend that keeps no envelope stores for a value: the content of a
     * {@code Fingerprinted} ({@link NullValue#INSTANCE} for a stored {@code null}), any other value
     * itself.
     *
     * @param stored what the facade passed to the backend
     * @return the value to keep
     */
    public static Object strip(Object stored) {
        if (stored instanceof Fingerprinted fingerprinted) {
            Object content = fingerprinted.value;
            return content == null ? NullValue.INSTANCE : content;
        }
        return stored;
    }

    @Override
    public String toString() {
        return "Fingerprinted[" + Long.toHexString(fingerprint) + ", " + value + "]";
    }
}
