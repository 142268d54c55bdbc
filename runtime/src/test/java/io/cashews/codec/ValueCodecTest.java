package io.cashews.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.UnsecureDataException;
import io.cashews.spi.NullValue;
import io.cashews.spi.Options;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ValueCodecTest {

    /** A declared result type, as a generated proxy registers it. */
    record Account(String name, long balance) implements Serializable {
    }

    /** A class no one registered; reading one must never create it. */
    static final class Planted implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean created;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            created = true;
            in.defaultReadObject();
        }
    }

    /** Allowed only through a serializer_allow pattern. */
    static final class Patterned implements Serializable {
        private static final long serialVersionUID = 1L;
        final int value;

        Patterned(int value) {
            this.value = value;
        }
    }

    static {
        ValueTypes.allow(Account.class);
    }

    private static ValueCodec codec(Map<String, ?> options) {
        return ValueCodec.of(Options.of(options));
    }

    private static ValueCodec plain() {
        return codec(Map.of());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Nested
    class Numbers {
        @Test
        void longsAreStoredAsPlainSignedDecimalText() {
            assertThat(text(plain().encode("k", 42L))).isEqualTo("42");
            assertThat(text(plain().encode("k", -7L))).isEqualTo("-7");
            assertThat(text(plain().encode("k", Long.MIN_VALUE))).isEqualTo(Long.toString(Long.MIN_VALUE));
        }

        @Test
        void negativeNumbersRoundTrip() {
            assertThat(plain().decode("k", plain().encode("k", -7L))).isEqualTo(-7L);
            assertThat(plain().decode("k", plain().encode("k", -123))).isEqualTo(-123);
            assertThat(plain().decode("k", plain().encode("k", Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
        }

        @Test
        void integersKeepTheirType() {
            Object back = plain().decode("k", plain().encode("k", 42));
            assertThat(back).isInstanceOf(Integer.class).isEqualTo(42);
            assertThat(plain().decode("k", bytes("I99999999999"))).isNull();
        }

        @Test
        void anyDecimalTextReadsAsLongAsCountersWriteIt() {
            assertThat(plain().decode("k", bytes("17"))).isEqualTo(17L);
            assertThat(plain().decode("k", bytes("99999999999999999999"))).isNull();
        }

        @Test
        void numbersAreNeverCompressedAndUnsignedOnlyWithoutASecret() {
            ValueCodec plainGzip = codec(Map.of("compress_type", "gzip", "compress_min_size", 0));
            assertThat(text(plainGzip.encode("k", 5L))).isEqualTo("5");
            assertThat(plainGzip.decode("k", bytes("6"))).isEqualTo(6L);
            ValueCodec codec = codec(Map.of("secret", "s", "compress_type", "gzip", "compress_min_size", 0));
            assertThat(text(codec.encode("k", 5L))).startsWith("md5:").endsWith("_L5");
            assertThat(text(codec.encode("k", 5))).startsWith("md5:").endsWith("_I5");
            assertThat(codec.decode("k", codec.encode("k", 5L))).isEqualTo(5L);
            assertThat(codec.decode("k", codec.encode("k", 5))).isInstanceOf(Integer.class).isEqualTo(5);
        }

        @Test
        void unsignedNumberUnderASecretIsAMiss() {
            ValueCodec codec = codec(Map.of("secret", "s"));
            assertThat(codec.decode("k", bytes("999"))).isNull();
            assertThat(codec.decode("k", bytes("I999"))).isNull();
            assertThat(codec.decode("k", bytes("-1"))).isNull();
        }

        @Test
        void signedStringOverwrittenWithDigitsIsAMissNotALong() {
            ValueCodec codec = codec(Map.of("secret", "s"));
            assertThat(codec.decode("k", codec.encode("k", "text"))).isEqualTo("text");
            assertThat(codec.decode("k", bytes("31337"))).isNull();
        }

        @Test
        void tamperedOrCopiedSignedNumberThrows() {
            ValueCodec codec = codec(Map.of("secret", "s"));
            byte[] data = codec.encode("k", 5L);
            data[data.length - 1] = '9';
            assertThatThrownBy(() -> codec.decode("k", data)).isInstanceOf(UnsecureDataException.class);
            assertThatThrownBy(() -> codec.counter("k", data)).isInstanceOf(UnsecureDataException.class);
            byte[] copied = codec.encode("other", 5);
            assertThatThrownBy(() -> codec.decode("k", copied)).isInstanceOf(UnsecureDataException.class);
        }

        @Test
        void counterReadsSignedNumbersAndTreatsUnsignedDataAsMissing() {
            ValueCodec codec = codec(Map.of("secret", "s"));
            assertThat(codec.counter("k", codec.encode("k", 41L))).isEqualTo(41L);
            assertThat(codec.counter("k", codec.encode("k", 7))).isEqualTo(7L);
            assertThat(codec.counter("k", bytes("999"))).isNull();
            assertThatThrownBy(() -> codec.counter("k", codec.encode("k", "text")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("'k'");
            assertThat(plain().counter("k", bytes("12"))).isEqualTo(12L);
            assertThatThrownBy(() -> plain().counter("k", plain().encode("k", "12")))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class FastPaths {
        @Test
        void stringsAndBytesAreTaggedSoDigitsStayText() {
            assertThat(text(plain().encode("k", "123"))).isEqualTo("S123");
            assertThat(plain().decode("k", plain().encode("k", "123"))).isEqualTo("123");
            byte[] digits = bytes("123");
            assertThat(text(plain().encode("k", digits))).isEqualTo("B123");
            assertThat((byte[]) plain().decode("k", plain().encode("k", digits))).containsExactly(digits);
        }

        @Test
        void unicodeStringsRoundTrip() {
            assertThat(plain().decode("k", plain().encode("k", "Grüße ☕"))).isEqualTo("Grüße ☕");
            assertThat(plain().decode("k", plain().encode("k", ""))).isEqualTo("");
        }

        @Test
        void storedNullHasItsOwnForm() {
            assertThat(plain().decode("k", plain().encode("k", NullValue.INSTANCE))).isSameAs(NullValue.INSTANCE);
        }

        @Test
        void unknownTagsAndEmptyDataAreMisses() {
            assertThat(plain().decode("k", new byte[0])).isNull();
            assertThat(plain().decode("k", bytes("nopickledata"))).isNull();
            assertThat(plain().decode("k", bytes("N?"))).isNull();
        }
    }

    @Nested
    class JavaSerialization {
        @Test
        void jdkValueTypesRoundTrip() {
            List<Object> values = List.of(true, 1.5, new BigDecimal("1.10"), UUID.randomUUID(), Instant.ofEpochSecond(7),
                    Duration.ofMinutes(3), new ArrayList<>(List.of("a", "b")), new HashMap<>(Map.of("x", 1)),
                    List.of(1, 2), Set.of("s"), Map.of("a", List.of(1L)), (short) 3, 'c', new int[] {1, 2});
            for (Object value : values) {
                Object back = plain().decode("k", plain().encode("k", value));
                if (value instanceof int[] ints) {
                    assertThat((int[]) back).containsExactly(ints);
                } else {
                    assertThat(back).as("%s", value.getClass()).isEqualTo(value);
                }
            }
        }

        @Test
        void registeredTypesRoundTrip() {
            Account account = new Account("ann", 10);
            assertThat(plain().decode("k", plain().encode("k", account))).isEqualTo(account);
            assertThat(plain().decode("k", plain().encode("k", new ArrayList<>(List.of(account))))).isEqualTo(List.of(account));
        }

        @Test
        void theRuntimesOwnWrappersAndJdkExceptionsRoundTrip() {
            Object stamped = new Stamped(5, new Account("a", 1));
            assertThat(plain().decode("k", plain().encode("k", stamped))).isEqualTo(stamped);
            for (Object content : new Object[] {42L, -1L, 7, "text", null}) {
                Object wrapped = new Stamped(Long.MAX_VALUE - 3, content);
                byte[] data = plain().encode("k", wrapped);
                assertThat(data[0]).isEqualTo((byte) 'T');
                assertThat(plain().decode("k", data)).isEqualTo(wrapped);
            }
            Object failure = plain().decode("k", plain().encode("k", new CachedException(
                    new IOException("down"))));
            assertThat(failure).isInstanceOf(CachedException.class);
        }

        @Test
        void foreignClassPlantedInTheStoreIsNeverInstantiated() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write('J');
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(new Planted());
            }
            Planted.created = false;
            assertThat(plain().decode("k", bytes.toByteArray())).isNull();
            assertThat(Planted.created).isFalse();
            assertThat(AllowListFilter.wasRejected(Planted.class.getName())).isTrue();
        }

        @Test
        void foreignClassHiddenInsideAnAllowedCollectionIsRefusedToo() {
            Planted.created = false;
            byte[] data = plain().encode("k", new ArrayList<>(List.of("fine", new Planted())));
            assertThat(plain().decode("k", data)).isNull();
            assertThat(Planted.created).isFalse();
        }

        @Test
        void serializerAllowPatternsAdmitPackages() {
            byte[] data = plain().encode("k", new Patterned(3));
            assertThat(plain().decode("k", data)).isNull();
            ValueCodec subtree = codec(Map.of("serializer_allow", "io.cashews.**"));
            assertThat(((Patterned) subtree.decode("k", data)).value).isEqualTo(3);
            ValueCodec pkg = codec(Map.of("serializer_allow", "com.example.*, io.cashews.codec.*"));
            assertThat(pkg.decode("k", data)).isInstanceOf(Patterned.class);
            ValueCodec exact = codec(Map.of("serializer_allow", Patterned.class.getName()));
            assertThat(exact.decode("k", data)).isInstanceOf(Patterned.class);
            ValueCodec otherPackage = codec(Map.of("serializer_allow", "io.cashews.*"));
            assertThat(otherPackage.decode("k", data)).isNull();
        }

        @Test
        void malformedAllowPatternIsRejectedNamingTheOption() {
            assertThatThrownBy(() -> codec(Map.of("serializer_allow", "com..x")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serializer_allow").hasMessageContaining("com..x");
        }

        @Test
        void notSerializableValueFailsNamingItsClass() {
            assertThatThrownBy(() -> plain().encode("k", new Object()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
        }

        @Test
        void corruptedStreamIsAMiss() {
            byte[] data = plain().encode("k", new Account("ann", 1));
            byte[] cut = Arrays.copyOf(data, data.length / 2);
            assertThat(plain().decode("k", cut)).isNull();
            assertThat(plain().decode("k", bytes("J" + "garbage"))).isNull();
        }
    }

    @Nested
    class Json {
        private final ValueCodec json = codec(Map.of("serializer", "json"));

        private final ValueType<Account> account = ValueType.of(Account.class);

        private Object read(byte[] data, ValueType<?> type) {
            Object stored = json.decode("k", data);
            assertThat(stored).isInstanceOf(PendingValue.class);
            return type.read(stored);
        }

        @Test
        void storesJsonTextWithoutAClassNameAndDecodesIntoTheDeclaredType() {
            byte[] data = json.encode("k", new Account("bob", -3));
            assertThat(text(data)).isEqualTo("O{\"name\":\"bob\",\"balance\":-3}");
            assertThat(read(data, account)).isEqualTo(new Account("bob", -3));
        }

        @Test
        void genericDeclaredTypesComeBackWithTheirElementClasses() {
            List<Account> accounts = List.of(new Account("a", 1), new Account("b", 2));
            Object list = read(json.encode("k", accounts), ValueType.of(List.class, account));
            assertThat(list).isEqualTo(accounts);
            assertThat((List<?>) list).allSatisfy(element -> assertThat(element).isInstanceOf(Account.class));

            Map<String, List<Account>> byOwner = Map.of("x", accounts);
            Object map = read(json.encode("k", byOwner),
                    ValueType.of(Map.class, ValueType.of(String.class), ValueType.of(List.class, account)));
            assertThat(map).isEqualTo(byOwner);
        }

        @Test
        void untypedReadsGiveJsonStructures() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("a", 1);
            map.put("b", List.of("x"));
            assertThat(read(json.encode("k", map), ValueType.ANY)).isEqualTo(map);
            assertThat(read(json.encode("k", new Account("c", 4)), ValueType.ANY))
                    .isEqualTo(Map.of("name", "c", "balance", 4));
            assertThat(read(json.encode("k", true), ValueType.ANY)).isEqualTo(true);
            assertThat(read(json.encode("k", true), ValueType.of(Boolean.class))).isEqualTo(true);
        }

        @Test
        void theDataCannotChooseWhatIsInstantiated() {
            // Type hints in the text are just unknown properties: the declared type decides.
            byte[] planted = bytes("O{\"@class\":\"java.lang.ProcessBuilder\",\"command\":[\"rm\"]}");
            assertThat(read(planted, account)).isNull();
            assertThat(read(planted, ValueType.ANY)).isInstanceOf(Map.class);
            assertThat(read(bytes("O[\"java.lang.ProcessBuilder\",{\"command\":[\"rm\"]}]"), account)).isNull();
        }

        @Test
        void textThatDoesNotFitTheDeclaredTypeIsAMiss() {
            assertThat(read(bytes("O{\"nam"), account)).isNull();
            assertThat(read(bytes("O{\"name\":\"x\",\"balance\":\"many\"}"), account)).isNull();
            assertThat(read(json.encode("k", List.of(1)), account)).isNull();
        }

        @Test
        void aPendingValueDecodesOncePerDeclaredType() {
            PendingValue pending = (PendingValue) json.decode("k", json.encode("k", new Account("d", 5)));
            Object first = pending.as(account);
            assertThat(pending.as(ValueType.of(Account.class))).isSameAs(first);
            assertThat(pending.as(ValueType.ANY)).isInstanceOf(Map.class);
        }

        @Test
        void stampedValuesAndStoredExceptionsKeepTheirShape() {
            Object stamped = json.decode("k", json.encode("k", new Stamped(5, new Account("e", 6))));
            assertThat(account.read(stamped)).isEqualTo(new Stamped(5, new Account("e", 6)));
            Object failure = json.decode("k", json.encode("k", new CachedException(new IOException("down"))));
            assertThat(failure).isInstanceOfSatisfying(CachedException.class,
                    cached -> assertThat(cached.error()).isInstanceOf(IOException.class).hasMessage("down"));
        }

        @Test
        void stringsAndNumbersKeepTheirFastPaths() {
            assertThat(text(json.encode("k", "s"))).isEqualTo("Ss");
            assertThat(json.decode("k", json.encode("k", 5L))).isEqualTo(5L);
        }
    }

    @Nested
    class Compressed {
        private final String large = "x".repeat(5000);

        @Test
        void gzipShrinksLargePayloadsAndRoundTrips() {
            ValueCodec gzip = codec(Map.of("compress_type", "gzip"));
            byte[] data = gzip.encode("k", large);
            assertThat(data.length).isLessThan(200);
            assertThat(data[0] & 0xff).isEqualTo(0x1f);
            assertThat(gzip.decode("k", data)).isEqualTo(large);
        }

        @Test
        void zstdShrinksLargePayloadsAndRoundTrips() {
            ValueCodec zstd = codec(Map.of("compress_type", "zstd"));
            byte[] data = zstd.encode("k", new ArrayList<>(List.of(large, large)));
            assertThat(data.length).isLessThan(300);
            assertThat(zstd.decode("k", data)).isEqualTo(List.of(large, large));
        }

        @Test
        void payloadsBelowTheMinimumStayUncompressed() {
            ValueCodec gzip = codec(Map.of("compress_type", "gzip", "compress_min_size", "100"));
            assertThat(text(gzip.encode("k", "short"))).isEqualTo("Sshort");
            assertThat(gzip.encode("k", "y".repeat(100))[0] & 0xff).isEqualTo(0x1f);
        }

        @Test
        void dataWrittenWithoutOrWithAnotherCompressionStillReads() {
            byte[] uncompressed = plain().encode("k", large);
            byte[] zstd = codec(Map.of("compress_type", "zstd")).encode("k", large);
            ValueCodec gzip = codec(Map.of("compress_type", "gzip"));
            assertThat(gzip.decode("k", uncompressed)).isEqualTo(large);
            assertThat(gzip.decode("k", zstd)).isEqualTo(large);
            assertThat(plain().decode("k", gzip.encode("k", large))).isEqualTo(large);
        }

        @Test
        void brokenCompressedDataIsAMiss() {
            byte[] data = codec(Map.of("compress_type", "gzip")).encode("k", large);
            assertThat(plain().decode("k", Arrays.copyOf(data, 10))).isNull();
            assertThat(plain().decode("k", new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 1, 2})).isNull();
        }

        @Test
        void unknownCompressionIsRejectedNamingTheOption() {
            assertThatThrownBy(() -> codec(Map.of("compress_type", "lz4")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compress_type").hasMessageContaining("lz4");
            assertThatThrownBy(() -> codec(Map.of("compress_min_size", "-1")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("compress_min_size");
        }
    }

    @Nested
    class Signed {
        private final ValueCodec signed = codec(Map.of("secret", "test"));

        @Test
        void signedFormNamesTheDigestAndCoversKeyAndPayload() {
            byte[] data = signed.encode("key", "value");
            assertThat(text(data)).matches("md5:[0-9a-f]{32}_Svalue");
            assertThat(signed.decode("key", data)).isEqualTo("value");
        }

        @Test
        void everyDigestmodRoundTripsAndIsReadByAnyOther() {
            for (String mod : List.of("md5", "sha1", "sha256", "sum")) {
                ValueCodec codec = codec(Map.of("secret", "test", "digestmod", mod));
                byte[] data = codec.encode("key", new Account("a", 1));
                assertThat(text(data)).startsWith(mod + ":");
                assertThat(codec.decode("key", data)).isEqualTo(new Account("a", 1));
                // The digest is read from the data: changing digestmod keeps old data readable.
                assertThat(signed.decode("key", data)).isEqualTo(new Account("a", 1));
            }
        }

        @Test
        void tamperedValueIsRefused() {
            byte[] data = signed.encode("key", "value");
            data[data.length - 1] = 'X';
            assertThatThrownBy(() -> signed.decode("key", data)).isInstanceOf(UnsecureDataException.class)
                    .hasMessageContaining("'key'");
        }

        @Test
        void valueCopiedToAnotherKeyIsRefused() {
            byte[] data = signed.encode("user:1:role", "admin");
            assertThatThrownBy(() -> signed.decode("user:2:role", data)).isInstanceOf(UnsecureDataException.class);
        }

        @Test
        void otherSecretIsRefused() {
            byte[] data = codec(Map.of("secret", "other")).encode("key", "value");
            assertThatThrownBy(() -> signed.decode("key", data)).isInstanceOf(UnsecureDataException.class);
        }

        @Test
        void unsignedValueIsAMiss() {
            assertThat(signed.decode("key", plain().encode("key", "value"))).isNull();
            assertThat(signed.decode("key", plain().encode("key", "a:b_c"))).isNull();
            assertThat(signed.decode("key", plain().encode("key", new Account("a", 1)))).isNull();
            assertThat(signed.decode("key", bytes("nopickledata"))).isNull();
        }

        @Test
        void signedValueReadWithoutSecretIsAMiss() {
            assertThat(plain().decode("key", signed.encode("key", "value"))).isNull();
        }

        @Test
        void emptyOrUnknownSignaturesAreRefused() {
            for (String header : List.of("_", ":_", "md5:_", "sha1:_", "__", "xxh3:abc_", "md5:ZZ_")) {
                byte[] data = bytes(header + "Svalue");
                assertThatThrownBy(() -> signed.decode("key", data)).as(header).isInstanceOf(UnsecureDataException.class);
            }
        }

        @Test
        void signatureIsCheckedBeforeAnyByteIsDecoded() {
            Planted.created = false;
            byte[] planted = plain().encode("key", new ArrayList<>(List.of("x")));
            // A signature forged without the secret, over a payload the filter would accept anyway.
            byte[] forged = bytes("md5:" + "0".repeat(32) + "_" + text(planted));
            assertThatThrownBy(() -> signed.decode("key", forged)).isInstanceOf(UnsecureDataException.class);
        }

        @Test
        void signedAndCompressedRoundTrips() {
            ValueCodec codec = codec(Map.of("secret", "test", "digestmod", "sha256", "compress_type", "gzip", "compress_min_size", 0));
            byte[] data = codec.encode("key", "z".repeat(3000));
            assertThat(text(data)).startsWith("sha256:");
            assertThat(data.length).isLessThan(200);
            assertThat(codec.decode("key", data)).isEqualTo("z".repeat(3000));
        }

        @Test
        void badSecretOptionsAreRejectedNamingThem() {
            assertThatThrownBy(() -> codec(Map.of("secret", "s", "digestmod", "crc32")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("digestmod").hasMessageContaining("crc32");
            assertThatThrownBy(() -> codec(Map.of("secret", "")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret");
            assertThatThrownBy(() -> codec(Map.of("digestmod", "sha1")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret");
            assertThatThrownBy(() -> codec(Map.of("serializer", "pickle")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serializer");
        }
    }
}
