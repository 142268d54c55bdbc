package io.cashews.codec;

import io.cashews.UnsecureDataException;
import io.cashews.spi.NullValue;
import io.cashews.spi.Options;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a remote or file backend turns values into bytes and back (SPEC §9). One instance per
 * backend, built from its options; thread-safe.
 *
 * <p>Stored forms:
 * <ul>
 *   <li>Without {@code secret}, {@code Long}: signed decimal text ({@code -7}), so that the
 *       store's {@code INCRBY} works on it; any all-digit value reads back as a {@code Long}
 *       (counters written by {@code incr} included). {@code Integer}: {@code I} + decimal text,
 *       read back as an {@code Integer}. Numbers are never compressed. With {@code secret},
 *       numbers are signed as every other value ({@code L} or {@code I} + decimal text inside the
 *       signature), so bare digits are unsigned data and a miss; a backend increments such a
 *       counter by verifying it and storing the signed sum ({@link #counter}).</li>
 *   <li>Everything else: an upper-case tag and its payload ({@code S} + UTF-8 for a
 *       {@code String}, {@code B} + the bytes of a {@code byte[]}, {@code N} for a stored
 *       {@code null}, {@code J} + JDK serialization, {@code O} + JSON text (no class name: it is
 *       decoded into the reader's {@link ValueType}, see {@link PendingValue}), {@code T} + eight
 *       bytes of epoch milliseconds + the content's own form for a {@link Stamped},
 *       {@code X} + the JDK serialization of the exception for a {@link CachedException},
 *       {@code F} + the eight bytes of the fingerprint + the content's own form for a
 *       {@link Fingerprinted} (outermost: a fingerprinted {@code Stamped} is {@code F…T…}),
 *       {@code L} + decimal text for a {@code Long} inside a {@code Stamped}), then
 *       compressed when {@code compress_type} is set and the payload has at least
 *       {@code compress_min_size} bytes, then signed when {@code secret} is set:
 *       {@code <digestmod>:<hex HMAC of key + payload>_<payload>}.</li>
 * </ul>
 * Reading reverses this. The signature is checked before anything else is looked at: an unsigned
 * value is a miss, a wrong signature or an unknown digest throws {@link UnsecureDataException}.
 * Anything that cannot be decoded (corrupt bytes, a class that changed, a class outside the
 * allow-list) is a miss ({@code null}), never an exception. So is a value that breaks a bound of
 * the read path, whoever stored it: a JDK serialization nesting deeper than
 * {@code serializer_max_depth} (default 16, at most 64) or announcing more objects or a longer
 * array than its bytes could carry, compressed data inflating beyond {@code compress_max_size}
 * (bytes, default 32 MiB, at most 512 MiB; measured on the real output, and compressed data is
 * recognised whether or not {@code compress_type} is set), JSON nesting deeper than four times
 * {@code serializer_max_depth} or longer than {@code compress_max_size}. The first such value
 * under each key prefix is logged.
 *
 * <p>Options: {@code serializer} ({@code java}, the default, or {@code json}),
 * {@code serializer_allow} (comma-separated class patterns such as {@code com.example.**}),
 * {@code serializer_max_depth}, {@code compress_type} ({@code gzip} or {@code zstd}),
 * {@code compress_min_size} (bytes, default 1024), {@code compress_max_size}, {@code secret} and {@code digestmod} ({@code md5}, the default, {@code sha1},
 * {@code sha256} or {@code sum}), {@code decode_memo_size} (bytes of JDK-serialized payloads whose
 * immutable decodings are kept for the next read of the same bytes, default 1 MiB, {@code 0} for
 * none; see {@link DecodeMemo}). {@code json} needs {@code com.fasterxml.jackson.core:jackson-databind}
 * and {@code zstd} needs {@code com.github.luben:zstd-jni} on the class path; without them the
 * setup fails with an {@link IllegalArgumentException} naming the option and the library.
 */
public final class ValueCodec {

    /** The options this codec reads; a backend adds them to its own. */
    public static final Set<String> OPTION_NAMES = Set.of(
            "serializer", "serializer_allow", "serializer_max_depth", "compress_type", "compress_min_size",
            "compress_max_size", "secret", "digestmod", "decode_memo_size");

    /** The default of {@code compress_min_size}: smaller payloads rarely shrink. */
    public static final int DEFAULT_COMPRESS_MIN_SIZE = 1024;

    static final byte TAG_STRING = 'S';
    static final byte TAG_BYTES = 'B';
    static final byte TAG_NULL = 'N';
    static final byte TAG_INT = 'I';
    static final byte TAG_JAVA = 'J';
    static final byte TAG_JSON = 'O';
    static final byte TAG_LONG = 'L';
    static final byte TAG_STAMPED = 'T';
    static final byte TAG_EXCEPTION = 'X';
    static final byte TAG_FINGERPRINTED = 'F';

    private static final byte[] NULL_FORM = {TAG_NULL};
    // What signedNumber answers for unsigned data, apart from null (a signed value of another kind).
    private static final Object NOT_SIGNED = new Object();

    private final Serializer serializer;
    private final JavaSerializer java;
    private final @Nullable Serializer json;
    private final Compression.@Nullable Format compression;
    private final int compressMinSize;
    private final @Nullable Signer signer;
    private final DecodeLimits limits;
    private final DecodeMemo memo;

    private ValueCodec(Serializer serializer, JavaSerializer java, @Nullable Serializer json,
            Compression.@Nullable Format compression, int compressMinSize, @Nullable Signer signer,
            DecodeLimits limits, DecodeMemo memo) {
        this.limits = limits;
        this.memo = memo;
        this.serializer = serializer;
        this.java = java;
        this.json = json;
        this.compression = compression;
        this.compressMinSize = compressMinSize;
        this.signer = signer;
    }

    /**
     * Builds the codec a backend's options ask for.
     *
     * @param options the backend's options (other names are ignored)
     * @return the codec
     * @throws IllegalArgumentException naming the option when one is ill-typed, or when a library
     *     it needs is missing
     */
    public static ValueCodec of(Options options) {
        DecodeLimits limits = DecodeLimits.of(options);
        JavaSerializer java = new JavaSerializer(AllowListFilter.of(options.getString("serializer_allow", "")),
                limits.maxDepth());
        String kind = options.getChoice("serializer", "java", "java", "json");
        Serializer json = kind.equals("json") ? json(limits) : null;
        String compressType = options.getChoice("compress_type", "none", "none", "gzip", "zstd");
        Compression.Format compression = switch (compressType) {
            case "gzip" -> Compression.GZIP;
            case "zstd" -> Compression.zstd();
            default -> null;
        };
        int minSize = options.getInt("compress_min_size", DEFAULT_COMPRESS_MIN_SIZE, 0);
        String secret = options.getString("secret", null);
        String digestmod = options.getString("digestmod", "md5");
        Signer signer = null;
        if (secret != null) {
            signer = Signer.of(secret, digestmod);
        } else if (options.has("digestmod")) {
            throw new IllegalArgumentException("option 'digestmod' has no effect without the option 'secret'");
        }
        return new ValueCodec(json != null ? json : java, java, json, compression, minSize, signer, limits,
                DecodeMemo.of(options));
    }

    private static Serializer json(DecodeLimits limits) {
        try {
            return new JsonSerializer(limits.maxDepth(), limits.maxDecompressed());
        } catch (LinkageError e) {
            // Jackson is an optional dependency: its absence surfaces when the class is linked.
            throw new IllegalArgumentException("option 'serializer=json' needs com.fasterxml.jackson.core:"
                    + "jackson-databind on the class path: " + e, e);
        }
    }

    /**
     * Tells whether values are signed ({@code secret} is set).
     *
     * @return {@code true} with a secret
     */
    public boolean signs() {
        return signer != null;
    }

    /**
     * Encodes a value for a key.
     *
     * @param key the key it will be stored under (part of the signature)
     * @param value the value; {@link NullValue#INSTANCE} for a stored {@code null}
     * @return the bytes to store
     * @throws IllegalArgumentException if the serializer cannot write the value; the message
     *     names its class
     */
    public byte[] encode(String key, Object value) {
        Objects.requireNonNull(value, "value");
        boolean number = value instanceof Long || value instanceof Integer;
        if (signer == null && number) {
            return value instanceof Long ? Long.toString((Long) value).getBytes(StandardCharsets.US_ASCII)
                    : ("I" + value).getBytes(StandardCharsets.US_ASCII);
        }
        byte[] payload = payload(value);
        if (number) {
            // Never compressed: a backend's counter reads them without inflating anything.
            return signer.sign(key, payload);
        }
        if (compression != null && payload.length >= compressMinSize) {
            payload = compression.compress(payload);
        }
        return signer == null ? payload : signer.sign(key, payload);
    }

    // A value's tagged form; numbers are tagged too (only a top-level number is bare text).
    private byte[] payload(Object value) {
        if (value instanceof String text) {
            return tagged(TAG_STRING, text.getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof byte[] bytes) {
            return tagged(TAG_BYTES, bytes);
        } else if (value == NullValue.INSTANCE) {
            return NULL_FORM;
        } else if (value instanceof Long number) {
            return ("L" + number).getBytes(StandardCharsets.US_ASCII);
        } else if (value instanceof Integer number) {
            return ("I" + number).getBytes(StandardCharsets.US_ASCII);
        } else if (value instanceof Stamped stamped) {
            return prefixed(TAG_STAMPED, stamped.atMillis(), stamped.value());
        } else if (value instanceof Fingerprinted fingerprinted) {
            return prefixed(TAG_FINGERPRINTED, fingerprinted.fingerprint(), fingerprinted.value());
        } else if (value instanceof CachedException cached) {
            byte[] out = java.write(cached.error());
            out[0] = TAG_EXCEPTION;
            return out;
        }
        return serializer.write(value);
    }

    // A tag, eight bytes of a long (big-endian), then the content's own form.
    private byte[] prefixed(byte tag, long number, @Nullable Object content) {
        byte[] inner = content == null ? NULL_FORM : payload(content);
        byte[] out = new byte[9 + inner.length];
        out[0] = tag;
        for (int i = 0; i < 8; i++) {
            out[1 + i] = (byte) (number >>> (56 - 8 * i));
        }
        System.arraycopy(inner, 0, out, 9, inner.length);
        return out;
    }

    private static byte[] tagged(byte tag, byte[] body) {
        byte[] out = new byte[body.length + 1];
        out[0] = tag;
        System.arraycopy(body, 0, out, 1, body.length);
        return out;
    }

    /**
     * Decodes what was stored under a key.
     *
     * @param key the key it was read from (part of the signature)
     * @param data the stored bytes
     * @return the value ({@link NullValue#INSTANCE} for a stored {@code null}), or {@code null} for
     *     a miss: unsigned data when a secret is set, or data that cannot or may not be decoded
     * @throws UnsecureDataException if a secret is set and the signature is wrong or names an
     *     unknown digest
     */
    public @Nullable Object decode(String key, byte[] data) {
        if (data.length == 0) {
            return null;
        }
        int offset = 0;
        if (signer == null) {
            if (isDecimal(data, 0)) {
                return parseLong(data, 0);
            }
            if (data[0] == TAG_INT && isDecimal(data, 1)) {
                return intValue(parseLong(data, 1));
            }
        } else {
            offset = signer.verify(key, data);
            if (offset < 0) {
                return null;
            }
        }
        try {
            byte[] payload = Compression.decompress(data, offset, limits.maxDecompressed());
            if (payload == null || payload.length == 0) {
                return null;
            }
            return value(payload, 0);
        } catch (DecodeLimits.Exceeded exceeded) {
            DecodeLimits.report(key, exceeded.getMessage());
            return null;
        }
    }

    /**
     * Reads what is stored under a key as a counter, for a backend's {@code incr} with a secret
     * (without one the store adds to the bare decimal form itself).
     *
     * @param key the key it was read from (part of the signature)
     * @param data the stored bytes
     * @return the counter's value, or {@code null} when the data counts as missing: unsigned (as
     *     a read would miss it, so an outside write only restarts the counter)
     * @throws UnsecureDataException if a secret is set and the signature is wrong or names an
     *     unknown digest
     * @throws IllegalStateException naming the key when it holds a value that is not an integer
     */
    public @Nullable Long counter(String key, byte[] data) {
        Object value = signer == null ? decode(key, data) : signedNumber(key, data);
        if (value == NOT_SIGNED) {
            return null;
        }
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        throw new IllegalStateException("cannot incr key '" + key + "': its value is not an integer");
    }

    // A signed number's value, NOT_SIGNED for unsigned data, anything else for other values.
    private @Nullable Object signedNumber(String key, byte[] data) {
        int offset = data.length == 0 ? -1 : signer.verify(key, data);
        if (offset < 0) {
            return NOT_SIGNED;
        }
        byte tag = offset < data.length ? data[offset] : 0;
        if ((tag == TAG_LONG || tag == TAG_INT) && isDecimal(data, offset + 1)) {
            return parseLong(data, offset + 1);
        }
        return null;
    }

    // The value whose tagged form starts at from; null when it cannot be decoded.
    private @Nullable Object value(byte[] payload, int from) {
        if (from >= payload.length) {
            return null;
        }
        return switch (payload[from]) {
            case TAG_STRING -> new String(payload, from + 1, payload.length - from - 1, StandardCharsets.UTF_8);
            case TAG_BYTES -> Arrays.copyOfRange(payload, from + 1, payload.length);
            case TAG_NULL -> payload.length == from + 1 ? NullValue.INSTANCE : null;
            case TAG_LONG -> isDecimal(payload, from + 1) ? parseLong(payload, from + 1) : null;
            case TAG_INT -> isDecimal(payload, from + 1) ? intValue(parseLong(payload, from + 1)) : null;
            case TAG_JAVA -> memo.read(payload, from + 1, java);
            case TAG_JSON -> json == null ? null : json.read(payload, from + 1);
            case TAG_STAMPED -> stamped(payload, from);
            case TAG_FINGERPRINTED -> fingerprinted(payload, from);
            case TAG_EXCEPTION -> java.read(payload, from + 1) instanceof Throwable error ? new CachedException(error) : null;
            default -> null;
        };
    }

    private @Nullable Object stamped(byte[] payload, int from) {
        if (payload.length < from + 10) {
            return null;
        }
        Object content = value(payload, from + 9);
        if (content == null || content instanceof Fingerprinted) {
            return null;
        }
        return new Stamped(longAt(payload, from + 1), content == NullValue.INSTANCE ? null : content);
    }

    // F + fingerprint + content; a zero fingerprint or an envelope inside another is not a stored form.
    private @Nullable Object fingerprinted(byte[] payload, int from) {
        if (payload.length < from + 10) {
            return null;
        }
        long fingerprint = longAt(payload, from + 1);
        Object content = value(payload, from + 9);
        if (content == null || content instanceof Fingerprinted || fingerprint == 0) {
            return null;
        }
        return new Fingerprinted(fingerprint, content == NullValue.INSTANCE ? null : content);
    }

    private static long longAt(byte[] payload, int from) {
        long number = 0;
        for (int i = 0; i < 8; i++) {
            number = (number << 8) | (payload[from + i] & 0xFF);
        }
        return number;
    }

    private static @Nullable Integer intValue(@Nullable Long number) {
        return number == null || number != number.intValue() ? null : Integer.valueOf(number.intValue());
    }

    private static boolean isDecimal(byte[] data, int from) {
        int i = from;
        if (i < data.length && data[i] == '-') {
            i++;
        }
        if (i >= data.length || data.length - i > 19) {
            return false;
        }
        for (; i < data.length; i++) {
            if (data[i] < '0' || data[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static @Nullable Long parseLong(byte[] data, int from) {
        try {
            return Long.parseLong(new String(data, from, data.length - from, StandardCharsets.US_ASCII));
        } catch (NumberFormatException outOfRange) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "ValueCodec[" + (json != null ? "json" : "java") + (compression != null ? ", compressed" : "")
                + (signer != null ? ", " + signer : "") + "]";
    }
}
