package io.cashews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.codec.CachedException;
import io.cashews.codec.Stamped;
import io.cashews.codec.ValueType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Cashews#getAs}: reads of a declared type, and what {@link ValueType} accepts. */
class TypedReadTest {

    private static final Duration TTL = Duration.ofMinutes(1);
    private static final ValueType<List<String>> NAMES = ValueType.of(List.class, ValueType.of(String.class));

    private Cashews cache;

    @BeforeEach
    void setUp() {
        cache = Cashews.builder().executor(Runnable::run).build();
        cache.setup("mem://");
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    @Test
    void aValueOfTheDeclaredTypeIsReturned() {
        cache.set("names", List.of("a", "b"), TTL);
        assertThat(cache.getAs("names", NAMES)).containsExactly("a", "b");
        assertThat(cache.async().getAs("names", NAMES).join()).containsExactly("a", "b");
        assertThat(cache.getAs("names", ValueType.ANY)).isEqualTo(List.of("a", "b"));
    }

    @Test
    void aValueOfAnotherTypeIsAMiss() {
        cache.set("names", 42L, TTL);
        assertThat(cache.getAs("names", NAMES)).isNull();
        assertThat(cache.getAs("names", NAMES, List.of("default"))).containsExactly("default");
        assertThat(cache.async().getAs("names", NAMES, List.of("default")).join()).containsExactly("default");
        assertThat(cache.getAs("names", ValueType.of(long.class))).isEqualTo(42L);
    }

    @Test
    void aStoredNullIsAMissForAPrimitiveTypeAndANullForItsWrapper() {
        // Issue 19 D7: a proxy of an int method reads through ValueType.of(int.class) and must not unbox a null.
        cache.set("count", null, TTL);
        assertThat(cache.getAs("count", ValueType.of(int.class), -1)).isEqualTo(-1);
        assertThat(cache.async().getAs("count", ValueType.of(int.class), -1).join()).isEqualTo(-1);
        assertThat(cache.getAs("count", ValueType.of(Integer.class), -1)).isNull();
        assertThat(ValueType.of(int.class).read(new Stamped(1L, null))).isNull();
        assertThat(ValueType.of(Integer.class).read(new Stamped(1L, null))).isEqualTo(new Stamped(1L, null));
        assertThat(ValueType.of(int.class).isPrimitive()).isTrue();
        assertThat(ValueType.of(void.class).isPrimitive()).isFalse();
        assertThat(ValueType.of(int.class)).isNotEqualTo(ValueType.of(Integer.class));
        assertThat(ValueType.of(int.class).raw()).isEqualTo(Integer.class);
    }

    @Test
    void getOrSetOfADeclaredTypeReplacesAValueOfAnotherType() {
        cache.set("names", 42L, TTL);
        assertThat(cache.getOrSet("names", NAMES, () -> List.of("computed"), TTL)).containsExactly("computed");
        assertThat(cache.getOrSet("names", NAMES, () -> List.of("again"), TTL)).containsExactly("computed");
        cache.set("names", 43L, TTL);
        assertThat(cache.async().getOrSet("names", NAMES,
                () -> java.util.concurrent.CompletableFuture.completedFuture(List.of("async")), TTL).join())
                .containsExactly("async");
        assertThat(cache.<Object>getOrSet("names", () -> "untyped", TTL)).isEqualTo(List.of("async"));
    }

    @Test
    void aStoredNullIsNullAndAMissIsTheDefault() {
        cache.set("none", null, TTL);
        assertThat(cache.getAs("none", NAMES, List.of("default"))).isNull();
        assertThat(cache.getAs("missing", NAMES, List.of("default"))).containsExactly("default");
    }

    @Test
    void disabledReadsGiveTheDefault() {
        cache.set("names", List.of("a"), TTL);
        try (Scope ignored = cache.disabling(Command.GET)) {
            assertThat(cache.getAs("names", NAMES, List.of("off"))).containsExactly("off");
        }
    }

    @Test
    void strategyWrappersAreCheckedByTheirContent() {
        Stamped stamped = new Stamped(1, "fresh");
        assertThat(ValueType.of(String.class).read(stamped)).isSameAs(stamped);
        assertThat(ValueType.of(Integer.class).read(stamped)).isNull();
        assertThat(ValueType.of(Integer.class).read(new Stamped(1, null))).isEqualTo(new Stamped(1, null));
        CachedException failure = new CachedException(new IllegalStateException());
        assertThat(ValueType.of(Integer.class).read(failure)).isSameAs(failure);
    }

    @Test
    void typesAreValuesWithJavaLikeNames() {
        ValueType<?> map = ValueType.of(Map.class, ValueType.of(String.class), NAMES);
        assertThat(map).isEqualTo(ValueType.of(Map.class, ValueType.of(String.class),
                ValueType.of(List.class, ValueType.of(String.class))));
        assertThat(map.hashCode()).isEqualTo(ValueType.of(Map.class, ValueType.of(String.class), NAMES).hashCode());
        assertThat(map).hasToString("java.util.Map<java.lang.String, java.util.List<java.lang.String>>");
        assertThat(ValueType.of(int.class).raw()).isEqualTo(Integer.class);
        assertThat(ValueType.of(Object.class)).isSameAs(ValueType.ANY);
        assertThat(ValueType.of(byte[].class)).hasToString("byte[]");
        assertThatThrownBy(() -> ValueType.of(int[].class, ValueType.ANY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("int[]");
    }
}
