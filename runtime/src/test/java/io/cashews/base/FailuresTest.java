package io.cashews.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void forEachReachesEveryItemThenThrowsTheFirstFailureWithTheLaterOnesSuppressed() {
        List<String> reached = new ArrayList<>();
        IllegalStateException first = new IllegalStateException("b");
        IllegalArgumentException second = new IllegalArgumentException("d");

        assertThatThrownBy(() -> Failures.forEach(List.of("a", "b", "c", "d"), item -> {
            reached.add(item);
            if (item.equals("b")) {
                throw first;
            }
            if (item.equals("d")) {
                throw second;
            }
        })).isSameAs(first);

        assertThat(reached).containsExactly("a", "b", "c", "d");
        assertThat(first.getSuppressed()).containsExactly(second);
    }

    @Test
    void forEachWithoutFailuresReturns() {
        List<String> reached = new ArrayList<>();
        Failures.forEach(List.of("a", "b"), reached::add);
        assertThat(reached).containsExactly("a", "b");
    }
}
