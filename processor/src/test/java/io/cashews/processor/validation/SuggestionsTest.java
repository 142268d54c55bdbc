package io.cashews.processor.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void distanceCountsEachKindOfEditOnce() {
        assertThat(Suggestions.distance("request", "request")).isZero();
        assertThat(Suggestions.distance("reqest", "request")).isEqualTo(1);
        assertThat(Suggestions.distance("requesst", "request")).isEqualTo(1);
        assertThat(Suggestions.distance("requezt", "request")).isEqualTo(1);
        assertThat(Suggestions.distance("nmae", "name")).isEqualTo(1);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    }

    @Test
    void suggestsOnlyPlausibleTypos() {
        assertThat(Suggestions.didYouMean("reqest", List.of("id", "request"))).isEqualTo("request");
        assertThat(Suggestions.didYouMean("Name", List.of("name"))).isEqualTo("name");
        assertThat(Suggestions.didYouMean("zzz", List.of("id", "request"))).isNull();
        assertThat(Suggestions.didYouMean("x", List.of())).isNull();
    }

    @Test
    void tiesGoToTheFirstCandidate() {
        assertThat(Suggestions.didYouMean("ab", List.of("ax", "ay"))).isEqualTo("ax");
    }
}
