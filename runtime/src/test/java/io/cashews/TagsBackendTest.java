package io.cashews;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.spi.Backend;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tag sets on a backend of their own ({@code setup(url, "_tag:")}) and tags with disabled commands. */
@SuppressWarnings("try") // scopes are opened for their effect, not referenced
class TagsBackendTest {

    private Cashews cache;
    private Backend values;
    private Backend tags;

    @BeforeEach
    void setUp() {
        cache = Cashews.builder().executor(Runnable::run).build();
        values = cache.setup("mem://?check_interval=0");
        tags = cache.setup("mem://?check_interval=0", Cashews.TAG_PREFIX);
        cache.registerTag("user:{id}", "orders:{id}:{page}");
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    @Test
    void tagSetsLiveOnTheTagsBackend() {
        cache.set("orders:1:0", "a", Duration.ofMinutes(1), "user:1");
        cache.set("orders:1:1", "b", Duration.ofMinutes(1), "user:1");
        assertThat(tags.setMembers("_tag:user:1")).containsExactlyInAnyOrder("orders:1:0", "orders:1:1");
        assertThat(values.exists("_tag:user:1")).isFalse();
        assertThat(values.get("orders:1:0")).isEqualTo("a");

        cache.delete("orders:1:0");
        assertThat(tags.setMembers("_tag:user:1")).containsExactly("orders:1:1");

        cache.deleteTags("user:1");
        assertThat(values.exists("orders:1:1")).isFalse();
        assertThat(tags.exists("_tag:user:1")).isFalse();
    }

    @Test
    void asyncTagsUseTheTagsBackendToo() throws Exception {
        cache.async().set("orders:2:0", "a", Duration.ofMinutes(1), "user:2").get(5, TimeUnit.SECONDS);
        assertThat(tags.setMembers("_tag:user:2")).containsExactly("orders:2:0");
        cache.async().deleteTags("user:2").get(5, TimeUnit.SECONDS);
        assertThat(values.exists("orders:2:0")).isFalse();
    }

    @Test
    void aDisabledSetWritesNoTag() {
        try (Scope off = cache.disabling(Command.SET)) {
            assertThat(cache.set("orders:3:0", "a", Duration.ofMinutes(1), "user:3")).isFalse();
        }
        assertThat(tags.exists("_tag:user:3")).isFalse();
    }

    @Test
    void tagsAreTheRegistrysView() {
        assertThat(cache.getKeyTags("orders:9:2")).containsExactly("user:9");
        assertThat(cache.getKeyTags("profile:9")).isEmpty();
    }
}
