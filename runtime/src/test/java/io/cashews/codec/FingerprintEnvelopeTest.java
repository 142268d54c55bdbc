package io.cashews.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.UnsecureDataException;
import io.cashews.spi.NullValue;
import io.cashews.spi.Options;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The codec's {@code F} envelope (SPEC §18): fingerprint + content, inside compression and the signature. */
class FingerprintEnvelopeTest {

    record Order(String id, long cents) implements Serializable {
    }

    static {
        ValueTypes.allow(Order.class);
    }

    private static final long FINGERPRINT = 0x8c3e_11f0_5a2b_7d94L;
    private static final ValueType<Order> ORDER = ValueType.of(Order.class).fingerprint(FINGERPRINT);

    private static ValueCodec codec(Map<String, ?> options) {
        return ValueCodec.of(Options.of(options));
    }

    private static Object roundTrip(ValueCodec codec, Object value) {
        return codec.decode("k", codec.encode("k", value));
    }

    @Nested
    class Layout {
        private final ValueCodec plain = codec(Map.of());

        @Test
        void isTheTagEightBigEndianBytesAndTheContentsOwnForm() {
            byte[] data = plain.encode("k", new Fingerprinted(FINGERPRINT, "hé"));

            assertThat(data[0]).isEqualTo((byte) 'F');
            assertThat(Arrays.copyOfRange(data, 1, 9)).containsExactly(
                    0x8c, 0x3e, 0x11, 0xf0, 0x5a, 0x2b, 0x7d, 0x94);
            assertThat(new String(data, 9, data.length - 9, StandardCharsets.UTF_8)).isEqualTo("Shé");
            assertThat(plain.decode("k", data)).isEqualTo(new Fingerprinted(FINGERPRINT, "hé"));
        }

        @Test
        void carriesEveryKindOfContent() {
            Order order = new Order("o-1", 1250);
            assertThat(roundTrip(plain, new Fingerprinted(FINGERPRINT, order))).isEqualTo(new Fingerprinted(FINGERPRINT, order));
            // Numbers inside the envelope are tagged, never bare digits (which would read as a counter).
            byte[] number = plain.encode("k", new Fingerprinted(FINGERPRINT, -42L));
            assertThat(new String(number, 9, number.length - 9, StandardCharsets.US_ASCII)).isEqualTo("L-42");
            assertThat(plain.decode("k", number)).isEqualTo(new Fingerprinted(FINGERPRINT, -42L));
            assertThat(roundTrip(plain, new Fingerprinted(FINGERPRINT, 7))).isEqualTo(new Fingerprinted(FINGERPRINT, 7));
            assertThat(roundTrip(plain, new Fingerprinted(FINGERPRINT, null))).isEqualTo(new Fingerprinted(FINGERPRINT, null));
            assertThat(roundTrip(plain, new Fingerprinted(FINGERPRINT, new byte[] {1, 2})))
                    .satisfies(v -> assertThat((byte[]) ((Fingerprinted) v).value()).containsExactly(1, 2));
            assertThat(roundTrip(plain, new Fingerprinted(FINGERPRINT, new Stamped(99L, order))))
                    .isEqualTo(new Fingerprinted(FINGERPRINT, new Stamped(99L, order)));
            assertThat(roundTrip(plain, new Fingerprinted(-1L, "any bits"))).isEqualTo(new Fingerprinted(-1L, "any bits"));
        }

        @Test
        void carriesAStoredException() {
            Object decoded = roundTrip(plain, new Fingerprinted(FINGERPRINT, new CachedException(new IOException("down"))));

            assertThat(decoded).isInstanceOfSatisfying(Fingerprinted.class, f -> {
                assertThat(f.fingerprint()).isEqualTo(FINGERPRINT);
                assertThat(((CachedException) f.value()).error()).isInstanceOf(IOException.class).hasMessage("down");
            });
        }

        @Test
        void malformedEnvelopesAreMisses() {
            byte[] good = plain.encode("k", new Fingerprinted(FINGERPRINT, "x"));
            // Too short to hold a fingerprint and a content.
            assertThat(plain.decode("k", Arrays.copyOf(good, 9))).isNull();
            // A zero fingerprint stands for none and is never written.
            byte[] zero = good.clone();
            Arrays.fill(zero, 1, 9, (byte) 0);
            assertThat(plain.decode("k", zero)).isNull();
            // An envelope inside an envelope, or inside a Stamped, is no stored form.
            byte[] nested = new byte[9 + good.length];
            System.arraycopy(good, 0, nested, 0, 9);
            System.arraycopy(good, 0, nested, 9, good.length);
            assertThat(plain.decode("k", nested)).isNull();
            byte[] stamped = plain.encode("k", new Stamped(5L, "x"));
            byte[] stampedEnvelope = new byte[9 + good.length];
            System.arraycopy(stamped, 0, stampedEnvelope, 0, 9);
            System.arraycopy(good, 0, stampedEnvelope, 9, good.length);
            assertThat(plain.decode("k", stampedEnvelope)).isNull();
            // Undecodable content.
            byte[] unknownTag = good.clone();
            unknownTag[9] = 'Q';
            assertThat(plain.decode("k", unknownTag)).isNull();
        }

        @Test
        void theRecordRefusesZeroAndNesting() {
            assertThatThrownBy(() -> new Fingerprinted(0, "x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Fingerprinted(1, new Fingerprinted(2, "x")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(Fingerprinted.strip(new Fingerprinted(1, null))).isSameAs(NullValue.INSTANCE);
            assertThat(Fingerprinted.strip(new Fingerprinted(1, "x"))).isEqualTo("x");
            assertThat(Fingerprinted.strip("plain")).isEqualTo("plain");
        }
    }

    @Nested
    class Secured {
        private final ValueCodec signed = codec(Map.of("secret", "s3cret", "digestmod", "sha256"));

        @Test
        void theSignatureCoversTheFingerprint() {
            byte[] data = signed.encode("k", new Fingerprinted(FINGERPRINT, "v"));
            assertThat(signed.decode("k", data)).isEqualTo(new Fingerprinted(FINGERPRINT, "v"));

            int payload = new String(data, StandardCharsets.ISO_8859_1).indexOf('_') + 1;
            assertThat(data[payload]).isEqualTo((byte) 'F');
            byte[] forged = data.clone();
            forged[payload + 8] ^= 1;
            assertThatThrownBy(() -> signed.decode("k", forged)).isInstanceOf(UnsecureDataException.class);
            // Copied to another key, the signature fails too.
            assertThatThrownBy(() -> signed.decode("other", data)).isInstanceOf(UnsecureDataException.class);
        }

        @Test
        void signedNumbersInsideKeepTheirTag() {
            assertThat(roundTrip(signed, new Fingerprinted(FINGERPRINT, 12L))).isEqualTo(new Fingerprinted(FINGERPRINT, 12L));
        }
    }

    @Nested
    class Compressed {
        @Test
        void theEnvelopeIsCompressedWithItsContent() {
            ValueCodec gzip = codec(Map.of("compress_type", "gzip", "compress_min_size", 64));
            String big = "abc".repeat(1000);

            byte[] data = gzip.encode("k", new Fingerprinted(FINGERPRINT, big));

            assertThat(data.length).isLessThan(big.length() / 10);
            assertThat(data[0]).isNotEqualTo((byte) 'F');
            assertThat(gzip.decode("k", data)).isEqualTo(new Fingerprinted(FINGERPRINT, big));
            // Compression, then the signature over the compressed bytes.
            ValueCodec both = codec(Map.of("compress_type", "gzip", "compress_min_size", 64, "secret", "x"));
            assertThat(roundTrip(both, new Fingerprinted(FINGERPRINT, big))).isEqualTo(new Fingerprinted(FINGERPRINT, big));
        }
    }

    @Nested
    class Json {
        private final ValueCodec json = codec(Map.of("serializer", "json"));

        @Test
        void theContentWaitsForTheReadersTypeAndTheFingerprintIsCheckedFirst() {
            Object stored = roundTrip(json, new Fingerprinted(FINGERPRINT, new Order("o-2", 300)));

            assertThat(stored).isInstanceOfSatisfying(Fingerprinted.class, f -> {
                assertThat(f.fingerprint()).isEqualTo(FINGERPRINT);
                assertThat(f.value()).isInstanceOf(PendingValue.class);
            });
            assertThat(ORDER.read(ORDER.unseal(stored))).isEqualTo(new Order("o-2", 300));
            assertThat(ORDER.read(stored)).isEqualTo(new Order("o-2", 300));
            assertThat(ValueType.of(Order.class).fingerprint(FINGERPRINT + 1).unseal(stored)).isNull();
            // A reader without a fingerprint (the facade's getAs) decodes it whatever its fingerprint.
            assertThat(ValueType.of(Order.class).read(stored)).isEqualTo(new Order("o-2", 300));
            Object list = roundTrip(json, new Fingerprinted(FINGERPRINT, List.of(new Order("a", 1))));
            assertThat(ValueType.of(List.class, ValueType.of(Order.class)).fingerprint(FINGERPRINT).read(list))
                    .isEqualTo(List.of(new Order("a", 1)));
        }
    }
}
