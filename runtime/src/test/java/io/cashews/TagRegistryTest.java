package io.cashews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tag templates matched against keys, with the examples cashews verifies for its tag registry. */
@SuppressWarnings("try") // key context scopes are opened for their effect
class TagRegistryTest {

    private final TagRegistry registry = new TagRegistry();

    @BeforeEach
    void registerCashewsExamples() {
        registry.register("tag", "key");
        registry.register("tag_template", "key{i}");
        registry.register("tag_test:{i}", "key{i:len}:test");
        registry.register("tag_func:{i:hash}", "key{i}:test");
        // cashews writes {val} and finds val in its template context; here a plain placeholder
        // not captured by the key reads the key context too.
        registry.register("tag_context:{val}", "key{i}:test");
        registry.register("!@#$%^&*():{i}", "!@#$%^&*(){i}:test");
    }

    @Test
    void keyWithEveryTemplateMatching() {
        try (Scope scope = KeyContext.with("val", 10)) {
            assertThat(registry.tagsOf("key1:test")).containsExactly("tag_template", "tag_test:1",
                    "tag_func:c4ca4238a0b923820dcc509a6f75849b", "tag_context:10");
        }
    }

    @Test
    void tagNeedingAMissingContextValueIsNotDerived() {
        assertThat(registry.tagsOf("key1:test")).containsExactly("tag_template", "tag_test:1",
                "tag_func:c4ca4238a0b923820dcc509a6f75849b");
    }

    @Test
    void cashewsKeysWithFewerMatches() {
        assertThat(registry.tagsOf("keyanytest")).containsExactly("tag_template");
        assertThat(registry.tagsOf("keytest")).containsExactly("tag_template");
        assertThat(registry.tagsOf("key")).containsExactly("tag", "tag_template");
        assertThat(registry.tagsOf("k")).isEmpty();
        assertThat(registry.tagsOf("prefixkey")).isEmpty();
        assertThat(registry.tagsOf(":key")).isEmpty();
        assertThat(registry.tagsOf("!@#$%^&*()$:test")).containsExactly("!@#$%^&*():$");
    }

    @Test
    void literalTextIsNeverARegexCharacter() {
        TagRegistry dots = new TagRegistry();
        dots.register("t", "a.b:{x}");
        assertThat(dots.tagsOf("a.b:1")).containsExactly("t");
        assertThat(dots.tagsOf("axb:1")).as("'.' is literal, unlike cashews").isEmpty();
    }

    @Test
    void allowsTagsMatchingARegistrationForTheKey() {
        TagRegistry tags = new TagRegistry();
        tags.register("user:{user.id}", "profile:{user.id}:{lang}");
        assertThat(tags.allows("profile:7:en", "user:7")).isTrue();
        assertThat(tags.allows("profile:7:en", "group:7")).isFalse();
        assertThat(tags.allows("orders:7", "user:7")).isFalse();
        assertThat(tags.tagsOf("profile:7:en")).containsExactly("user:7");
    }

    @Test
    void formattersApplyToTheCapturedText() {
        TagRegistry tags = new TagRegistry();
        tags.register("u:{name:upper}:{name:len}:{name:hash(sha1)}", "n:{name}");
        assertThat(tags.tagsOf("n:ab")).containsExactly("u:AB:2:da23614e02469a0d7c7bd1bdab5c9c474b1904dc");
    }

    @Test
    void contextOnlyPlaceholderRendersNullWhenMissing() {
        TagRegistry tags = new TagRegistry();
        tags.register("tenant:{@:get(tenant)}", "k:{id}");
        assertThat(tags.tagsOf("k:1")).containsExactly("tenant:null");
        try (Scope scope = KeyContext.with("tenant", "acme")) {
            assertThat(tags.tagsOf("k:1")).containsExactly("tenant:acme");
        }
    }

    @Test
    void malformedTemplatesAreRejectedWithTheirOffset() {
        assertThatThrownBy(() -> registry.register("t", "a{b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset 1");
        assertThatThrownBy(() -> registry.register("t{}", "a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty placeholder");
        assertThatThrownBy(() -> registry.register("t", "a}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void registeringTwiceKeepsOneEntry() {
        TagRegistry tags = new TagRegistry();
        tags.register("t", "k{a}");
        tags.register("t", "k{a}");
        assertThat(tags.describe()).isEqualTo("\"t\" for \"k{a}\"");
    }
}
