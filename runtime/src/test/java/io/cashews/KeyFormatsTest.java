package io.cashews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.internal.Keys;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The type formatter registry and how {@link Keys} renders through it. */
class KeyFormatsTest {

    private static final UUID ID = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

    private static String twoPlaces(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    interface Shape {}

    interface Round extends Shape {}

    static class Circle implements Round {}

    static class Disc extends Circle {}

    enum Level {
        LOW, HIGH
    }

    @AfterEach
    void unregisterAll() {
        for (Class<?> type : List.of(BigDecimal.class, UUID.class, Number.class, Shape.class, Round.class,
                Circle.class, Level.class, List.class)) {
            KeyFormats.unregister(type);
        }
    }

    @Test
    void withoutRegistrationValuesRenderByTheBuiltInRules() {
        assertThat(Keys.render(new BigDecimal("1.5"))).isEqualTo("1.5");
        assertThat(Keys.render(ID)).isEqualTo(ID.toString());
    }

    @Test
    void aBigDecimalFormatterQuantisesToTwoPlaces() {
        KeyFormats.register(BigDecimal.class, KeyFormatsTest::twoPlaces);

        assertThat(Keys.render(new BigDecimal("1.5"))).isEqualTo("1.50");
        assertThat(Keys.render(new BigDecimal("2.345"))).isEqualTo("2.35");
        assertThat(Keys.append(new StringBuilder("price:"), new BigDecimal("7")).toString())
                .isEqualTo("price:7.00");
    }

    @Test
    void aUuidFormatterApplies() {
        KeyFormats.register(UUID.class, u -> Long.toHexString(u.getMostSignificantBits()));

        assertThat(Keys.render(ID)).isEqualTo("123e4567e89b12d3");
    }

    @Test
    void nestedValuesRenderThroughTheirFormatters() {
        KeyFormats.register(BigDecimal.class, KeyFormatsTest::twoPlaces);
        KeyFormats.register(UUID.class, u -> "u" + u.getLeastSignificantBits());

        assertThat(Keys.render(List.of(new BigDecimal("1"), ID, "x"))).isEqualTo("1.00:u" + ID.getLeastSignificantBits()
                + ":x");
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(new BigDecimal("0.1"), "b");
        map.put("a", new BigDecimal("3.14159"));
        // Sorted by rendered key: "0.10" before "a".
        assertThat(Keys.render(map)).isEqualTo("0.10:b:a:3.14");
        assertThat(Keys.text(new Object[] {new BigDecimal("2"), List.of(new BigDecimal("3"))}))
                .isEqualTo("2.00:3.00");
        assertThat(Keys.render(new Object[] {new BigDecimal("2"), List.of(new BigDecimal("3"))}))
                .isEqualTo("2.00:[3.00]");
        assertThat(Keys.render(Optional.of(new BigDecimal("4")))).isEqualTo("4.00");
    }

    @Test
    void theClassItselfThenTheNearestSuperclassThenInterfacesWin() {
        KeyFormats.register(Shape.class, s -> "shape");
        assertThat(Keys.render(new Disc())).isEqualTo("shape");

        KeyFormats.register(Round.class, s -> "round");
        assertThat(Keys.render(new Disc())).isEqualTo("round");

        KeyFormats.register(Circle.class, s -> "circle");
        assertThat(Keys.render(new Disc())).isEqualTo("circle");
        assertThat(Keys.render(new Circle())).isEqualTo("circle");

        assertThat(KeyFormats.unregister(Circle.class)).isTrue();
        assertThat(KeyFormats.unregister(Circle.class)).isFalse();
        assertThat(Keys.render(new Disc())).isEqualTo("round");
    }

    @Test
    void aSupertypeFormatterReplacesBuiltInRulesButNeverBoxes() {
        KeyFormats.register(Number.class, n -> "n" + n);
        KeyFormats.register(List.class, l -> "list of " + l.size());

        assertThat(Keys.render(new BigDecimal("1"))).isEqualTo("n1");
        assertThat(Keys.render(42)).isEqualTo("42");
        assertThat(Keys.render(List.of(1, 2))).isEqualTo("list of 2");
        assertThat(Keys.render(new ArrayList<>(List.of(1)))).isEqualTo("list of 1");
        // A TreeMap is no List: the map rule still applies to it.
        assertThat(Keys.render(new TreeMap<>(Map.of("k", 1)))).isEqualTo("k:1");
    }

    @Test
    void enumsHaveFormattersToo() {
        assertThat(Keys.render(Level.HIGH)).isEqualTo("HIGH");
        KeyFormats.register(Level.class, l -> l.name().toLowerCase(java.util.Locale.ROOT));

        assertThat(Keys.render(Level.HIGH)).isEqualTo("high");
        assertThat(Keys.render(List.of(Level.LOW))).isEqualTo("low");
    }

    @Test
    void aNullResultRendersAsNullAndNullValuesSkipTheFormatter() {
        KeyFormats.register(UUID.class, u -> null);

        assertThat(Keys.render(ID)).isEqualTo("null");
        assertThat(Keys.render(java.util.Arrays.asList(ID, null))).isEqualTo("null:null");
    }

    @Test
    void registeringAgainReplaces() {
        KeyFormats.register(UUID.class, u -> "first");
        KeyFormats.register(UUID.class, u -> "second");

        assertThat(Keys.render(ID)).isEqualTo("second");
    }

    @Test
    void directlyRenderedTypesCannotHaveFormatters() {
        for (Class<?> type : List.of(String.class, Integer.class, int.class, Long.class, Boolean.class,
                Character.class, Double.class, Object.class)) {
            assertThatThrownBy(() -> KeyFormats.register(type, v -> "x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(type.getName());
        }
        assertThatThrownBy(() -> KeyFormats.register(UUID.class, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> KeyFormats.register(null, v -> "x")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void registrationsFromManyThreadsAreAllKept() throws Exception {
        List<Class<?>> types = List.of(BigDecimal.class, UUID.class, Shape.class, Round.class, Circle.class,
                Level.class);
        ExecutorService pool = Executors.newFixedThreadPool(types.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (Class<?> type : types) {
                done.add(pool.submit(() -> {
                    start.await();
                    KeyFormats.register(type, v -> type.getSimpleName());
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Keys.render(new BigDecimal("1"))).isEqualTo("BigDecimal");
        assertThat(Keys.render(ID)).isEqualTo("UUID");
        assertThat(Keys.render(new Disc())).isEqualTo("Circle");
        assertThat(Keys.render(Level.LOW)).isEqualTo("Level");
    }
}
