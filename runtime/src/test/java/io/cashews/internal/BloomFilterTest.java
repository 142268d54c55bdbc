package io.cashews.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Sizing and hashing of {@link BloomFilter}, against numbers computed the way cashews does. */
class BloomFilterTest {

    @Test
    void sizingMatchesCashews() {
        assertThat(BloomFilter.bitCount(10, 1)).isEqualTo(96);
        assertThat(BloomFilter.hashCount(10, 96)).isEqualTo(7);
        assertThat(BloomFilter.bitCount(100, 1)).isEqualTo(959);
        assertThat(BloomFilter.hashCount(100, 959)).isEqualTo(7);
        assertThat(BloomFilter.bitCount(1_000_000, 1)).isEqualTo(9_585_059);
        assertThat(BloomFilter.hashCount(1_000_000, 9_585_059)).isEqualTo(7);
        assertThat(BloomFilter.bitCount(10, 0.1)).isEqualTo(144);
        assertThat(BloomFilter.hashCount(10, 144)).isEqualTo(10);
    }

    @Test
    void keyCarriesTheSize() {
        BloomFilter filter = new BloomFilter("bloom:x.Y.name", 10, 1);
        assertThat(filter.key()).isEqualTo("bloom:x.Y.name:96");
        assertThat(filter.bits()).isEqualTo(96);
        assertThat(filter.hashes()).isEqualTo(7);
    }

    @Test
    void indexesAreCrc32OfElementAndSuffixLikeCashewsWithoutXxhash() {
        // Expected values from Python: zlib.crc32(f"{element}_{s}".encode()) % m, skipping repeats.
        assertThat(new BloomFilter("b", 10, 1).indexes("hello")).containsExactly(8, 94, 68, 18, 81, 71, 93);
        assertThat(new BloomFilter("b", 1_000_000, 1).indexes("user@example.com"))
                .containsExactly(5762131, 8814237, 1447988, 3441717, 1678488, 8820717, 7400587);
    }

    @Test
    void indexesAreDistinctAndInRangeEvenWhenTheFilterIsTiny() {
        BloomFilter tiny = new BloomFilter("b", 1, 50);
        for (String element : new String[] {"a", "b", "ccc", ""}) {
            long[] indexes = tiny.indexes(element);
            assertThat(indexes).hasSize(tiny.hashes());
            assertThat(Arrays.stream(indexes).distinct().count()).isEqualTo(indexes.length);
            assertThat(Arrays.stream(indexes).allMatch(i -> i >= 0 && i < tiny.bits())).isTrue();
        }
    }

    @Test
    void unusableNumbersAreRejected() {
        assertThatThrownBy(() -> new BloomFilter("b", 0, 1)).hasMessageContaining("capacity must be positive");
        assertThatThrownBy(() -> new BloomFilter("b", 10, 0)).hasMessageContaining("falsePositives");
        assertThatThrownBy(() -> new BloomFilter("b", 10, 100)).hasMessageContaining("falsePositives");
        assertThatThrownBy(() -> new BloomFilter("b", 10, 90)).hasMessageContaining("no hash function");
        assertThatThrownBy(() -> new BloomFilter("b", 1_000_000_000_000L, 1)).hasMessageContaining("more than");
    }
}
