package io.cashews.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.NotNullCondition;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class NotNullConditionTest {

    private final NotNullCondition condition = new NotNullCondition();
    private final Object[] noArgs = new Object[0];

    @Test
    void rejectsNullAndEveryEmptyOptional() {
        assertThat(condition.test(null, noArgs, "k")).isFalse();
        assertThat(condition.test(Optional.empty(), noArgs, "k")).isFalse();
        assertThat(condition.test(OptionalInt.empty(), noArgs, "k")).isFalse();
        assertThat(condition.test(OptionalLong.empty(), noArgs, "k")).isFalse();
        assertThat(condition.test(OptionalDouble.empty(), noArgs, "k")).isFalse();
    }

    @Test
    void acceptsValuesIncludingFalsyOnes() {
        assertThat(condition.test("x", noArgs, "k")).isTrue();
        assertThat(condition.test(Optional.of("x"), noArgs, "k")).isTrue();
        assertThat(condition.test(OptionalInt.of(0), noArgs, "k")).isTrue();
        assertThat(condition.test(OptionalLong.of(0), noArgs, "k")).isTrue();
        assertThat(condition.test(OptionalDouble.of(0), noArgs, "k")).isTrue();
        // Only "nothing" is rejected, not values a Python truthiness test would drop.
        assertThat(condition.test(0, noArgs, "k")).isTrue();
        assertThat(condition.test("", noArgs, "k")).isTrue();
        assertThat(condition.test(false, noArgs, "k")).isTrue();
        assertThat(condition.test(List.of(), noArgs, "k")).isTrue();
    }
}
