package io.cashews.disk;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.backend.BackendContract;
import io.cashews.time.ManualClock;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The backend contract on {@code disk://}, with one shard and with eight (where keys and patterns
 * spread over files), each test in a private temporary directory. Time is the {@link ManualClock}:
 * the backend anchors epoch milliseconds at setup and adds the clock's elapsed time.
 */
class DiskBackendContractTest {

    @Nested
    class OneShard extends BackendContract {
        @Override
        protected Cashews createCache(ManualClock clock) {
            Cashews cashews = Cashews.builder().clock(clock).build();
            cashews.setup("disk://?shards=1&suppress=false");
            return cashews;
        }
    }

    @Nested
    class EightShards extends BackendContract {
        private DiskBackend disk;

        @Override
        protected Cashews createCache(ManualClock clock) {
            Cashews cashews = Cashews.builder().clock(clock).build();
            disk = (DiskBackend) cashews.setup("disk://?shards=8&suppress=false");
            return cashews;
        }

        private List<String> sorted(String pattern) {
            return cache.scan(pattern).sorted().collect(Collectors.toList());
        }

        @Test
        void patternsWithRegexMetacharactersBracketsBackslashesAndNonBmpKeysSpanEveryShard() {
            List<String> keys = List.of("a.b", "a+b", "a(b)", "a$b", "a^b", "a|b", "a{2}", "[x]", "[y]", "back\\slash",
                    "back\\\\double", "😀:1", "😀:2", "😀😀", "\uD83D\uDE00x", "plain", "k\u0000nul", "é:1", "\uFFFF:1");
            for (String key : keys) {
                cache.set(key, key);
            }
            assertThat(sorted("a.b")).containsExactly("a.b");
            assertThat(sorted("a?b")).containsExactly("a$b", "a+b", "a.b", "a^b", "a|b");
            assertThat(sorted("a(*")).containsExactly("a(b)");
            assertThat(sorted("a{2}")).containsExactly("a{2}");
            assertThat(sorted("\\[*")).containsExactly("[x]", "[y]");
            assertThat(sorted("[[]x]")).containsExactly("[x]");
            assertThat(sorted("back\\\\*")).containsExactly("back\\\\double", "back\\slash");
            assertThat(sorted("back\\\\\\\\*")).containsExactly("back\\\\double");
            assertThat(sorted("😀:*")).containsExactly("😀:1", "😀:2");
            assertThat(sorted("😀*")).containsExactly("😀:1", "😀:2", "😀x", "😀😀");
            assertThat(sorted("é*")).containsExactly("é:1");
            assertThat(sorted("\uFFFF*")).containsExactly("\uFFFF:1");
            assertThat(sorted("k*")).containsExactly("k\u0000nul");
            assertThat(sorted("*")).hasSize(keys.size());
            assertThat(cache.getMatch("😀*").count()).isEqualTo(4);
            assertThat(cache.getMany("😀:1", "[x]", "back\\slash", "missing")).containsExactly("😀:1", "[x]", "back\\slash", null);
            assertThat(cache.deleteMatch("a?b")).isEqualTo(5);
            assertThat(cache.getKeysCount()).isEqualTo(keys.size() - 5);
        }

        @Test
        void keysSpreadOverSeveralShards() {
            long used = java.util.stream.IntStream.range(0, 64).mapToObj(i -> disk.shard("key:" + i).index).distinct().count();
            assertThat(used).isGreaterThan(4);
        }
    }
}
