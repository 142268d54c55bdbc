package io.cashews.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GlobTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "user:*     | user:1       | true",
        "user:*     | user:        | true",
        "user:*     | users:1      | false",
        "*          | anything     | true",
        "user:?     | user:1       | true",
        "user:?     | user:12      | false",
        "[abc]x     | bx           | true",
        "[abc]x     | dx           | false",
        "[a-c]x     | bx           | true",
        "[^a-c]x    | bx           | false",
        "[!a-c]x    | dx           | true",
        "[]]        | ]            | true",
        "a.b        | a.b          | true",
        "a.b        | axb          | false",
        "a+b(c)     | a+b(c)       | true",
        "a\\*b      | a*b          | true",
        "a\\*b      | axb          | false",
        "$^{}x      | $^{}x        | true",
        "[a&&b]     | &            | true",
        "*:1        | item:1       | true",
        "a*b*c      | aXXbYYc      | true",
        "a*b*c      | aXXbYY       | false"
    })
    void matches(String pattern, String key, boolean expected) {
        assertThat(Glob.compile(pattern.strip()).matches(key.strip())).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"user:[12", "[", "abc\\", "[a\\"})
    void malformedPatternsAreRejectedQuotingThem(String pattern) {
        assertThatThrownBy(() -> Glob.compile(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + pattern + "\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "user:*    | user:   | false",
        "user:1    | user:1  | true",
        "a\\*b     | a*b     | true",
        "ab?c      | ab      | false",
        "[ab]      | ''      | false"
    })
    void literalPrefix(String pattern, String prefix, boolean literal) {
        Glob glob = Glob.compile(pattern.strip());
        assertThat(glob.literalPrefix()).isEqualTo(prefix.strip());
        assertThat(glob.isLiteral()).isEqualTo(literal);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "user:*       | user:*",
        "[!ab]x       | [^ab]x",
        "[^ab]x       | [^ab]x",
        "\\[!x      | \\[!x",
        "a?[]!]       | a?[]!]",
        "[!]]         | [^]]"
    })
    void canonicalSpellingUsesCaretForNegation(String pattern, String canonical) {
        assertThat(Glob.compile(pattern.strip()).canonical()).isEqualTo(canonical.strip());
    }
}
