package io.cashews.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.spi.NullValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a value type with a fingerprint seals what strategies store and reads it back. */
class ValueTypeFingerprintTest {

    private static final ValueType<String> TEXT = ValueType.of(String.class).fingerprint(0x1234L);

    @Test
    void aFingerprintIsPartOfTheTypesValue() {
        assertThat(TEXT.fingerprint()).isEqualTo(0x1234L);
        assertThat(ValueType.of(String.class).fingerprint()).isZero();
        assertThat(TEXT).isEqualTo(ValueType.of(String.class).fingerprint(0x1234L)).hasSameHashCodeAs(
                ValueType.of(String.class).fingerprint(0x1234L));
        assertThat(TEXT).isNotEqualTo(ValueType.of(String.class)).isNotEqualTo(ValueType.of(String.class).fingerprint(5));
        assertThat(ValueType.of(int.class).fingerprint(9).isPrimitive()).isTrue();
        assertThat(ValueType.of(List.class, ValueType.of(String.class)).fingerprint(9).arguments())
                .containsExactly(ValueType.of(String.class));
        assertThatThrownBy(() -> ValueType.of(String.class).fingerprint(0)).isInstanceOf(IllegalArgumentException.class);
        // The factory generated code writes: the fingerprint first, then the class and its arguments.
        assertThat(ValueType.of(0x1234L, String.class)).isEqualTo(TEXT);
        assertThat(ValueType.of(7L, List.class, TEXT)).isEqualTo(ValueType.of(List.class, TEXT).fingerprint(7L))
                .isNotEqualTo(ValueType.of(List.class, TEXT));
        assertThat(ValueType.<Integer>of(7L, int.class).isPrimitive()).isTrue();
        assertThatThrownBy(() -> ValueType.of(0L, String.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sealWrapsOnlyWithAFingerprint() {
        assertThat(TEXT.seal("a")).isEqualTo(new Fingerprinted(0x1234L, "a"));
        assertThat(TEXT.seal(null)).isEqualTo(new Fingerprinted(0x1234L, null));
        Stamped stamped = new Stamped(1L, "a");
        assertThat(TEXT.seal(stamped)).isEqualTo(new Fingerprinted(0x1234L, stamped));
        assertThat(ValueType.of(String.class).seal("a")).isEqualTo("a");
        assertThat(ValueType.ANY.seal(null)).isNull();
    }

    @Test
    void unsealWantsTheSameFingerprintFromAnEncodingBackend() {
        assertThat(TEXT.unseal(new Fingerprinted(0x1234L, "a"))).isEqualTo("a");
        assertThat(TEXT.unseal(new Fingerprinted(0x1234L, null))).isSameAs(NullValue.INSTANCE);
        assertThat(TEXT.unseal(new Fingerprinted(0x9999L, "a"))).isNull();
        // Written before fingerprints (or by other code): a miss, recomputed once.
        assertThat(TEXT.unseal("a")).isNull();
        assertThat(TEXT.unseal(NullValue.INSTANCE)).isNull();
        // A reader without a fingerprint takes any envelope's content, and plain values.
        assertThat(ValueType.of(String.class).unseal(new Fingerprinted(0x9999L, "a"))).isEqualTo("a");
        assertThat(ValueType.ANY.unseal("a")).isEqualTo("a");
    }

    @Test
    void readUnwrapsAnEnvelopeThatFits() {
        assertThat(TEXT.read(new Fingerprinted(0x1234L, "a"))).isEqualTo("a");
        assertThat(TEXT.read(new Fingerprinted(0x4321L, "a"))).isNull();
        assertThat(TEXT.read(new Fingerprinted(0x1234L, 5L))).as("another class inside").isNull();
        assertThat(TEXT.read(new Fingerprinted(0x1234L, new Stamped(3L, "a")))).isEqualTo(new Stamped(3L, "a"));
        assertThat(ValueType.ANY.read(new Fingerprinted(0x4321L, "a"))).isEqualTo("a");
        assertThat(ValueType.of(Object.class).read(new Fingerprinted(7L, List.of()))).isEqualTo(List.of());
    }

    @Test
    void aPlainValueOfTheClassIsItselfOnTheMemoryHitPath() {
        String value = new String("kept");
        // The memory backend keeps no envelope: the one class check answers, as before fingerprints.
        assertThat(TEXT.read(value)).isSameAs(value);
        List<String> list = new ArrayList<>(List.of("x"));
        assertThat(ValueType.of(List.class, ValueType.of(String.class)).fingerprint(3).read(list)).isSameAs(list);
    }

    @Test
    void copiesAndImmutabilityLookInsideTheEnvelope() {
        assertThat(ImmutableValues.isImmutable(new Fingerprinted(1, "a"))).isTrue();
        assertThat(ImmutableValues.isImmutable(new Fingerprinted(1, new ArrayList<>()))).isFalse();
        ArrayList<String> content = new ArrayList<>(List.of("a"));
        Object copy = ValueCopies.copy(new Fingerprinted(1, content));
        assertThat(copy).isEqualTo(new Fingerprinted(1, content));
        assertThat(((Fingerprinted) copy).value()).isNotSameAs(content);
        assertThat(ValueCopies.copy(new Fingerprinted(1, new Object()))).isSameAs(ValueCopies.UNCOPYABLE);
    }
}
