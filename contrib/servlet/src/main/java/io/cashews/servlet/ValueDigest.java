package io.cashews.servlet;

import io.cashews.codec.Fingerprinted;
import io.cashews.codec.Stamped;
import io.cashews.spi.NullValue;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An entity tag for a set of data keys and the values a request saw under them: SHA-256 over the
 * sorted keys and each value's content. Content is the text of strings, numbers, booleans and
 * enums, the bytes of a {@code byte[]}, the JDK serialization of other serializable values (equal
 * records of equal fields give equal bytes), and the class and {@code hashCode} of anything else.
 * Two reads of unchanged data give one tag; a changed value gives another (short of a collision
 * or a class whose {@code hashCode} ignores what changed).
 */
final class ValueDigest {

    private ValueDigest() {
    }

    /**
     * Computes the tag.
     *
     * @param data each key and its value, keys in a stable (sorted) order
     * @return a strong entity tag, quoted
     */
    static String etag(Map<String, @Nullable Object> data) {
        MessageDigest digest = sha256();
        for (Map.Entry<String, @Nullable Object> entry : data.entrySet()) {
            update(digest, entry.getKey().getBytes(StandardCharsets.UTF_8));
            content(digest, entry.getValue());
        }
        byte[] hash = digest.digest();
        return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 27) + '"';
    }

    private static void content(MessageDigest digest, @Nullable Object value) {
        // What a strategy wrote is sealed with its fingerprint, what a later read returns is not:
        // both name the same content.
        Object unsealed = value == null ? null : Fingerprinted.strip(value);
        Object plain = unsealed instanceof Stamped stamped ? stamped.value() : unsealed;
        if (plain == null || plain == NullValue.INSTANCE) {
            digest.update((byte) 'N');
        } else if (plain instanceof String text) {
            digest.update((byte) 'S');
            update(digest, text.getBytes(StandardCharsets.UTF_8));
        } else if (plain instanceof byte[] bytes) {
            digest.update((byte) 'B');
            update(digest, bytes);
        } else if (plain instanceof Number || plain instanceof Boolean || plain instanceof Character
                || plain instanceof Enum<?>) {
            digest.update((byte) 'V');
            update(digest, (plain.getClass().getName() + ':' + plain).getBytes(StandardCharsets.UTF_8));
        } else if (plain instanceof Serializable) {
            digest.update((byte) 'J');
            serialize(digest, plain);
        } else {
            digest.update((byte) 'H');
            update(digest, (plain.getClass().getName() + ':' + plain.hashCode()).getBytes(StandardCharsets.UTF_8));
        }
    }

    // Length first, so that "ab" + "c" and "a" + "bc" differ.
    private static void update(MessageDigest digest, byte[] bytes) {
        int n = bytes.length;
        digest.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        digest.update(bytes);
    }

    private static void serialize(MessageDigest digest, Object value) {
        // Written straight into the digest: a large value is never held as bytes.
        long[] count = new long[1];
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                digest.update((byte) b);
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                digest.update(b, off, len);
                count[0] += len;
            }
        };
        try (ObjectOutputStream out = new ObjectOutputStream(sink)) {
            out.writeObject(value);
        } catch (IOException | RuntimeException notSerializable) {
            // A field that is not serializable: the class and hashCode stand in for the content.
            digest.update((byte) 'H');
            update(digest, (value.getClass().getName() + ':' + value.hashCode()).getBytes(StandardCharsets.UTF_8));
        }
        update(digest, Long.toString(count[0]).getBytes(StandardCharsets.US_ASCII));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
