package io.cashews.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import io.cashews.Command;
import io.cashews.Exist;
import io.cashews.Scope;
import io.cashews.spi.Backend;
import io.cashews.spi.BitArray;
import io.cashews.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every backend must have, as seen through {@link Cashews}. A backend module
 * subclasses this with a factory for a set-up instance; the expectations are the same everywhere.
 * Expiry is driven through {@link #advance(Duration)}, which moves the {@link ManualClock}; a
 * backend whose expiry runs on another clock (a server) overrides it.
 */
@SuppressWarnings("try") // scopes are opened for their effect, not referenced
public abstract class BackendContract {

    /** The clock given to {@link #createCache(ManualClock)}. */
    protected ManualClock clock;
    /** The instance under test. */
    protected Cashews cache;

    /**
     * Creates a set-up instance reading {@code clock}, with an empty backend.
     *
     * @param clock the clock the backend's expiry must follow
     * @return the instance
     */
    protected abstract Cashews createCache(ManualClock clock);

    /**
     * Lets time pass for the backend.
     *
     * @param amount how much
     */
    protected void advance(Duration amount) {
        clock.advance(amount);
    }

    @BeforeEach
    void openCache() {
        clock = new ManualClock();
        cache = createCache(clock);
        cache.clear();
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    // ------------------------------------------------------------ get / set

    @Test
    void missingKeyReadsAsNullOrDefault() {
        assertThat(cache.<Object>get("nope")).isNull();
        assertThat(cache.get("nope", "fallback")).isEqualTo("fallback");
        assertThat(cache.exists("nope")).isFalse();
    }

    @Test
    void setThenGetReturnsValue() {
        assertThat(cache.set("k", "v")).isTrue();
        assertThat(cache.<Object>get("k")).isEqualTo("v");
        assertThat(cache.get("k", "fallback")).isEqualTo("v");
        assertThat(cache.exists("k")).isTrue();
    }

    @Test
    void storedNullIsDistinguishableFromMiss() {
        Object sentinel = new Object();
        cache.set("null-key", null, Duration.ofMinutes(1));
        assertThat(cache.get("null-key", sentinel)).isNull();
        assertThat(cache.exists("null-key")).isTrue();
        assertThat(cache.get("absent-key", sentinel)).isSameAs(sentinel);
    }

    @Test
    void valuesOfSeveralTypesRoundTrip() {
        cache.set("int", 42);
        cache.set("long", -7L);
        cache.set("list", new ArrayList<>(List.of("a", "b")));
        assertThat(cache.<Object>get("int")).isEqualTo(42);
        assertThat(cache.<Object>get("long")).isEqualTo(-7L);
        assertThat(cache.<Object>get("list")).isEqualTo(List.of("a", "b"));
    }

    @Test
    void setOverwrites() {
        cache.set("k", "one");
        cache.set("k", "two");
        assertThat(cache.<Object>get("k")).isEqualTo("two");
    }

    @Test
    void entryExpiresAfterTtl() {
        cache.set("k", "v", Duration.ofSeconds(10));
        advance(Duration.ofSeconds(9));
        assertThat(cache.<Object>get("k")).isEqualTo("v");
        advance(Duration.ofSeconds(2));
        assertThat(cache.<Object>get("k")).isNull();
        assertThat(cache.exists("k")).isFalse();
        assertThat(cache.getExpire("k")).isEqualTo(-2);
    }

    @Test
    void ttlStringOverloadParses() {
        cache.set("k", "v", "1m30s");
        assertThat(cache.getExpire("k")).isEqualTo(90);
        assertThatThrownBy(() -> cache.set("k", "v", "10x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10x");
    }

    @Test
    void nonPositiveTtlOnSetIsRejected() {
        assertThatThrownBy(() -> cache.set("k", "v", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.set("k", "v", Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void setWithoutTtlClearsOldTtl() {
        cache.set("k", "v", Duration.ofSeconds(10));
        cache.set("k", "w");
        assertThat(cache.getExpire("k")).isEqualTo(-1);
        advance(Duration.ofSeconds(20));
        assertThat(cache.<Object>get("k")).isEqualTo("w");
    }

    @Test
    void setWithNewTtlReplacesOldTtl() {
        cache.set("k", "v", Duration.ofSeconds(10));
        cache.set("k", "w", Duration.ofSeconds(100));
        advance(Duration.ofSeconds(20));
        assertThat(cache.<Object>get("k")).isEqualTo("w");
        assertThat(cache.getExpire("k")).isEqualTo(80);
    }

    @Test
    void existAbsentWritesOnlyMissingKeys() {
        assertThat(cache.set("k", "first", null, Exist.ABSENT)).isTrue();
        assertThat(cache.set("k", "second", null, Exist.ABSENT)).isFalse();
        assertThat(cache.<Object>get("k")).isEqualTo("first");
    }

    @Test
    void existAbsentTreatsExpiredKeyAsMissing() {
        cache.set("k", "old", Duration.ofSeconds(1));
        advance(Duration.ofSeconds(2));
        assertThat(cache.set("k", "new", null, Exist.ABSENT)).isTrue();
        assertThat(cache.<Object>get("k")).isEqualTo("new");
    }

    @Test
    void existPresentWritesOnlyExistingKeys() {
        assertThat(cache.set("k", "v", null, Exist.PRESENT)).isFalse();
        assertThat(cache.exists("k")).isFalse();
        cache.set("k", "v");
        assertThat(cache.set("k", "w", Duration.ofSeconds(5), Exist.PRESENT)).isTrue();
        assertThat(cache.<Object>get("k")).isEqualTo("w");
        assertThat(cache.getExpire("k")).isEqualTo(5);
    }

    @Test
    void existPresentTreatsExpiredKeyAsMissing() {
        cache.set("k", "old", Duration.ofSeconds(1));
        advance(Duration.ofSeconds(2));
        assertThat(cache.set("k", "new", null, Exist.PRESENT)).isFalse();
        assertThat(cache.exists("k")).isFalse();
    }

    @Test
    void existAnyAlwaysWrites() {
        assertThat(cache.set("k", "v", null, Exist.ANY)).isTrue();
        assertThat(cache.set("k", "w", null, Exist.ANY)).isTrue();
        assertThat(cache.<Object>get("k")).isEqualTo("w");
    }

    @Test
    void rawValuesRoundTrip() {
        assertThat(cache.setRaw("raw", "text")).isTrue();
        assertThat(cache.<Object>getRaw("raw")).isEqualTo("text");
        assertThat(cache.<Object>getRaw("missing")).isNull();
    }

    @Test
    void getOrSetComputesOnceAndThenHits() {
        int[] calls = {0};
        String first = cache.getOrSet("k", () -> "computed-" + ++calls[0], Duration.ofMinutes(1));
        String second = cache.getOrSet("k", () -> "computed-" + ++calls[0], Duration.ofMinutes(1));
        assertThat(first).isEqualTo("computed-1");
        assertThat(second).isEqualTo("computed-1");
        assertThat(calls[0]).isEqualTo(1);
        assertThat(cache.getExpire("k")).isEqualTo(60);
    }

    @Test
    void getOrSetCachesNull() {
        int[] calls = {0};
        cache.getOrSet("k", () -> {
            calls[0]++;
            return null;
        }, null);
        Object again = cache.getOrSet("k", () -> {
            calls[0]++;
            return "x";
        }, null);
        assertThat(again).isNull();
        assertThat(calls[0]).isEqualTo(1);
    }

    // ------------------------------------------------------------ many

    @Test
    void setManyAndGetManyArePositional() {
        Map<String, Object> pairs = new LinkedHashMap<>();
        pairs.put("a", 1);
        pairs.put("b", null);
        pairs.put("c", "three");
        cache.setMany(pairs, Duration.ofSeconds(30));
        assertThat(cache.getMany("c", "missing", "a", "b")).containsExactly("three", null, 1, null);
        assertThat(cache.getExpire("a")).isEqualTo(30);
        assertThat(cache.exists("b")).isTrue();
        assertThat(cache.getMany()).isEmpty();
    }

    @Test
    void setManyWithoutTtlNeverExpires() {
        cache.setMany(Map.of("a", 1, "b", 2), null);
        advance(Duration.ofDays(3));
        assertThat(cache.getMany("a", "b")).containsExactly(1, 2);
    }

    @Test
    void getManySkipsExpired() {
        cache.set("short", 1, Duration.ofSeconds(1));
        cache.set("long", 2, Duration.ofSeconds(100));
        advance(Duration.ofSeconds(5));
        assertThat(cache.getMany("short", "long")).containsExactly(null, 2);
    }

    @Test
    void deleteAndDeleteMany() {
        cache.set("a", 1);
        cache.set("b", 2);
        cache.set("c", 3);
        assertThat(cache.delete("a")).isTrue();
        assertThat(cache.delete("a")).isFalse();
        assertThat(cache.deleteMany("b", "c", "missing")).isEqualTo(2);
        assertThat(cache.getKeysCount()).isZero();
        assertThat(cache.deleteMany()).isZero();
    }

    @Test
    void deleteOfExpiredKeyReportsMissing() {
        cache.set("a", 1, Duration.ofSeconds(1));
        advance(Duration.ofSeconds(2));
        assertThat(cache.delete("a")).isFalse();
    }

    // ------------------------------------------------------------ patterns

    private void fillPatternKeys() {
        for (String key : List.of("user:1", "user:2", "user:10", "user:a", "users", "item:1", "u.x", "uax", "u*x")) {
            cache.set(key, key.toUpperCase());
        }
    }

    private List<String> scanSorted(String pattern) {
        return cache.scan(pattern).sorted().collect(Collectors.toList());
    }

    @Test
    void scanWithStar() {
        fillPatternKeys();
        assertThat(scanSorted("user:*")).containsExactly("user:1", "user:10", "user:2", "user:a");
        assertThat(scanSorted("*:1")).containsExactly("item:1", "user:1");
        assertThat(scanSorted("*")).hasSize(9);
    }

    @Test
    void aBoundedScanListsAtMostItsLimitOfMatchingKeys() {
        fillPatternKeys();
        for (int i = 0; i < 40; i++) {
            cache.set("many:" + i, i);
        }
        List<String> five = cache.scan("many:*", 5).collect(Collectors.toList());
        assertThat(five).hasSize(5).doesNotHaveDuplicates().allMatch(key -> key.matches("many:[0-9]+"));
        assertThat(cache.scan("many:*", 40).distinct().count()).isEqualTo(40);
        assertThat(cache.scan("many:*", 1_000).sorted().collect(Collectors.toList()))
                .hasSize(40).isEqualTo(scanSorted("many:*"));
        assertThat(cache.scan("user:[12]", 10).sorted().collect(Collectors.toList())).containsExactly("user:1", "user:2");
        assertThat(cache.scan("user:1", 3).collect(Collectors.toList())).containsExactly("user:1");
        assertThat(cache.scan("none:*", 3).count()).isZero();
        assertThatThrownBy(() -> cache.scan("many:*", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
    }

    @Test
    void aBoundedScanCountsOnlyLiveKeys() {
        for (int i = 0; i < 6; i++) {
            cache.set("short:" + i, i, Duration.ofSeconds(1));
            cache.set("long:" + i, i, Duration.ofHours(1));
        }
        advance(Duration.ofSeconds(2));
        assertThat(cache.scan("*", 100).sorted().collect(Collectors.toList()))
                .containsExactly("long:0", "long:1", "long:2", "long:3", "long:4", "long:5");
        assertThat(cache.scan("*", 4).collect(Collectors.toList())).hasSize(4).allMatch(key -> key.startsWith("long:"));
    }

    @Test
    void scanWithQuestionMark() {
        fillPatternKeys();
        assertThat(scanSorted("user:?")).containsExactly("user:1", "user:2", "user:a");
    }

    @Test
    void scanWithCharacterClass() {
        fillPatternKeys();
        assertThat(scanSorted("user:[12]")).containsExactly("user:1", "user:2");
        assertThat(scanSorted("user:[0-9]")).containsExactly("user:1", "user:2");
        assertThat(scanSorted("user:[^0-9]")).containsExactly("user:a");
    }

    @Test
    void regexCharactersInPatternsAreLiteral() {
        fillPatternKeys();
        assertThat(scanSorted("u.x")).containsExactly("u.x");
        assertThat(scanSorted("u\\*x")).containsExactly("u*x");
        assertThat(scanSorted("u?x")).containsExactly("u*x", "u.x", "uax");
    }

    @Test
    void literalPatternMatchesOnlyThatKey() {
        fillPatternKeys();
        assertThat(scanSorted("user:1")).containsExactly("user:1");
        assertThat(scanSorted("nothing")).isEmpty();
    }

    @Test
    void malformedPatternIsRejectedNamingIt() {
        assertThatThrownBy(() -> cache.scan("user:[12")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user:[12");
    }

    @Test
    void scanSkipsExpiredKeys() {
        cache.set("p:1", 1, Duration.ofSeconds(1));
        cache.set("p:2", 2, Duration.ofSeconds(100));
        advance(Duration.ofSeconds(5));
        assertThat(scanSorted("p:*")).containsExactly("p:2");
    }

    @Test
    void getMatchReturnsEntries() {
        fillPatternKeys();
        cache.set("user:n", null);
        Map<String, Object> found = new HashMap<>();
        cache.getMatch("user:?").forEach(e -> found.put(e.getKey(), e.getValue()));
        assertThat(found).containsOnlyKeys("user:1", "user:2", "user:a", "user:n");
        assertThat(found.get("user:1")).isEqualTo("USER:1");
        assertThat(found.get("user:n")).isNull();
    }

    @Test
    void getMatchSkipsExpiredKeys() {
        cache.set("p:1", 1, Duration.ofSeconds(1));
        cache.set("p:2", 2);
        advance(Duration.ofSeconds(2));
        assertThat(cache.getMatch("p:*").map(Map.Entry::getKey)).containsExactly("p:2");
    }

    @Test
    void deleteMatchDeletesOnlyMatches() {
        fillPatternKeys();
        assertThat(cache.deleteMatch("user:*")).isEqualTo(4);
        assertThat(cache.exists("users")).isTrue();
        assertThat(cache.exists("user:1")).isFalse();
        assertThat(cache.deleteMatch("u.x")).isEqualTo(1);
        assertThat(cache.exists("uax")).isTrue();
        assertThat(cache.getKeysCount()).isEqualTo(4);
    }

    // ------------------------------------------------------------ counters

    @Test
    void incrStartsFromZero() {
        assertThat(cache.incr("c")).isEqualTo(1);
        assertThat(cache.incr("c")).isEqualTo(2);
        assertThat(cache.incr("c", 10, null)).isEqualTo(12);
        assertThat(cache.incr("c", -20, null)).isEqualTo(-8);
        assertThat(cache.<Object>get("c")).isEqualTo(-8L);
    }

    @Test
    void incrWorksOnStoredInteger() {
        cache.set("c", 5);
        assertThat(cache.incr("c")).isEqualTo(6);
    }

    @Test
    void incrSetsTtlOnCreationOnly() {
        assertThat(cache.incr("c", 1, Duration.ofSeconds(10))).isEqualTo(1);
        assertThat(cache.getExpire("c")).isEqualTo(10);
        advance(Duration.ofSeconds(4));
        assertThat(cache.incr("c", 1, Duration.ofSeconds(100))).isEqualTo(2);
        assertThat(cache.getExpire("c")).isEqualTo(6);
        advance(Duration.ofSeconds(7));
        assertThat(cache.exists("c")).isFalse();
        assertThat(cache.incr("c", 1, Duration.ofSeconds(10))).isEqualTo(1);
    }

    @Test
    void incrWithoutTtlKeepsExistingTtl() {
        cache.set("c", 1, Duration.ofSeconds(10));
        cache.incr("c");
        assertThat(cache.getExpire("c")).isEqualTo(10);
    }

    @Test
    void incrOnNonIntegerFailsNamingKey() {
        cache.set("text", "abc");
        assertThatThrownBy(() -> cache.incr("text")).hasMessageContaining("text");
        assertThat(cache.<Object>get("text")).isEqualTo("abc");
    }

    // ------------------------------------------------------------ bit fields

    @Test
    void getBitsOfMissingKeyReadsZeros() {
        assertThat(cache.getBits("bits", 1, 0, 5, 1_000)).containsExactly(0, 0, 0);
        assertThat(cache.exists("bits")).isFalse();
    }

    @Test
    void incrBitsSetsSingleBits() {
        assertThat(cache.incrBits("bits", 1, 1, 3, 64, 9_585_058)).containsExactly(1, 1, 1);
        assertThat(cache.getBits("bits", 1, 2, 3, 4, 63, 64, 65, 9_585_058)).containsExactly(0, 1, 0, 0, 1, 0, 1);
    }

    @Test
    void incrBitsSaturatesAtTheFieldMaximum() {
        assertThat(cache.incrBits("bits", 1, 1, 0)).containsExactly(1);
        assertThat(cache.incrBits("bits", 1, 1, 0)).containsExactly(1);
        assertThat(cache.incrBits("bits", 3, 5, 2)).containsExactly(5);
        assertThat(cache.incrBits("bits", 3, 5, 2)).containsExactly(7);
        assertThat(cache.incrBits("bits", 3, Long.MAX_VALUE, 2)).containsExactly(7);
        assertThat(cache.incrBits("bits", 63, Long.MAX_VALUE, 10)).containsExactly(Long.MAX_VALUE);
        assertThat(cache.incrBits("bits", 63, 1, 10)).containsExactly(Long.MAX_VALUE);
    }

    @Test
    void incrBitsSaturatesAtZero() {
        cache.incrBits("bits", 4, 3, 1);
        assertThat(cache.incrBits("bits", 4, -2, 1)).containsExactly(1);
        assertThat(cache.incrBits("bits", 4, -2, 1)).containsExactly(0);
        assertThat(cache.incrBits("bits", 4, Long.MIN_VALUE, 1)).containsExactly(0);
    }

    @Test
    void fieldsOfOneSizeDoNotOverlap() {
        // Fields of 5 bits straddle 64-bit words: field 12 covers bits 60..64.
        cache.incrBits("bits", 5, 31, 12);
        cache.incrBits("bits", 5, 17, 11, 13);
        assertThat(cache.getBits("bits", 5, 11, 12, 13, 14)).containsExactly(17, 31, 17, 0);
        // Field i of size s is bits [i*s, i*s + s): the same bits read with width 1. 17 is 10001
        // in binary, the same read from either end, because the bit order inside a field is the
        // backend's own (Redis' BITFIELD puts the most significant bit first).
        assertThat(cache.getBits("bits", 1, 54, 55, 59, 60, 64, 65, 69, 70)).containsExactly(0, 1, 1, 1, 1, 1, 1, 0);
    }

    @Test
    void incrBitsAddsTwiceToARepeatedIndex() {
        assertThat(cache.incrBits("bits", 8, 10, 4, 4)).containsExactly(10, 20);
    }

    @Test
    void incrBitsKeepsAnExistingTtlAndCreatesWithoutOne() {
        cache.incrBits("bits", 1, 1, 0);
        assertThat(cache.getExpire("bits")).isEqualTo(-1);
        cache.expire("bits", Duration.ofSeconds(10));
        cache.incrBits("bits", 1, 1, 1);
        assertThat(cache.getExpire("bits")).isEqualTo(10);
        advance(Duration.ofSeconds(11));
        assertThat(cache.getBits("bits", 1, 0, 1)).containsExactly(0, 0);
    }

    @Test
    void aBitKeyIsNotAUserValue() {
        cache.incrBits("bits", 1, 1, 0);
        cache.set("plain", "v");
        assertThat(cache.exists("bits")).isTrue();
        assertThat(cache.<Object>get("bits")).isNull();
        assertThat(cache.get("bits", "fallback")).isEqualTo("fallback");
        assertThat(cache.getMany("bits", "plain")).containsExactly(null, "v");
        assertThat(cache.getMatch("*").map(Map.Entry::getKey)).containsExactly("plain");
        assertThat(cache.scan("*")).containsExactlyInAnyOrder("bits", "plain");
        assertThat(cache.delete("bits")).isTrue();
        assertThat(cache.getBits("bits", 1, 0)).containsExactly(0);
    }

    @Test
    void bitsOfAnotherValueFailNamingKey() {
        cache.set("text", "abc");
        assertThatThrownBy(() -> cache.getBits("text", 1, 0)).hasMessageContaining("text");
        assertThatThrownBy(() -> cache.incrBits("text", 1, 1, 0)).hasMessageContaining("text");
        assertThat(cache.<Object>get("text")).isEqualTo("abc");
    }

    @Test
    void bitFieldArgumentsAreChecked() {
        assertThatThrownBy(() -> cache.getBits("bits", 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size");
        assertThatThrownBy(() -> cache.incrBits("bits", 64, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.getBits("bits", 1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> cache.incrBits("bits", 1, 1, 1L << 32)).isInstanceOf(IllegalArgumentException.class);
        for (int size : new int[] {1, 7, 32, 63}) {
            long beyond = BitArray.maxIndex(size) + 1;
            assertThatThrownBy(() -> cache.getBits("bits", size, beyond)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("index " + beyond).hasMessageContaining("0 to " + (beyond - 1));
        }
    }

    @Test
    void theLastIndexIsReadableOnEveryBackend() {
        cache.incrBits("bits", 1, 1, 0);
        for (int size : new int[] {1, 7, 32, 63}) {
            long last = BitArray.maxIndex(size);
            assertThat(cache.getBits("bits", size, last)).as("size %d", size).containsExactly(0L);
            assertThat(cache.getBits("no-bits", size, last)).as("size %d", size).containsExactly(0L);
        }
    }

    @Test
    void disabledBitCommandsAnswerEmptyAndChangeNothing() {
        try (Scope off = cache.disabling(Command.GET_BITS, Command.INCR_BITS)) {
            assertThat(cache.incrBits("bits", 1, 1, 0)).isEmpty();
            assertThat(cache.getBits("bits", 1, 0)).isEmpty();
            assertThat(cache.async().incrBits("bits", 1, 1, 0).join()).isEmpty();
            assertThat(cache.async().getBits("bits", 1, 0).join()).isEmpty();
        }
        assertThat(cache.exists("bits")).isFalse();
        assertThat(cache.getBits("bits", 1, 0)).containsExactly(0);
    }

    @Test
    void asyncBitCommandsShareTheKey() throws Exception {
        assertThat(cache.async().incrBits("bits", 2, 1, 7).get(5, TimeUnit.SECONDS)).containsExactly(1);
        assertThat(cache.incrBits("bits", 2, 1, 7)).containsExactly(2);
        assertThat(cache.async().getBits("bits", 2, 6, 7).get(5, TimeUnit.SECONDS)).containsExactly(0, 2);
    }

    @Test
    void incrBitsIsAtomicUnderConcurrency() throws Exception {
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int field = t;
            done.add(CompletableFuture.runAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 100; i++) {
                    // Every thread adds to the shared field 0 and to its own field in one word.
                    cache.incrBits("bits", 10, 1, 0, 1 + field);
                }
            }));
        }
        start.countDown();
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(cache.getBits("bits", 10, 0)).containsExactly(800);
        assertThat(cache.getBits("bits", 10, 1, 2, 3, 4, 5, 6, 7, 8)).containsOnly(100);
    }

    // ------------------------------------------------------------ sliding windows

    private static final Duration WINDOW_TTL = Duration.ofSeconds(60);

    @Test
    void sliceIncrReturnsTheRankAndStopsRecordingAtMax() {
        assertThat(cache.sliceIncr("w", 0, 1_000, 3, WINDOW_TTL)).isEqualTo(1);
        assertThat(cache.sliceIncr("w", 0, 1_001, 3, WINDOW_TTL)).isEqualTo(2);
        assertThat(cache.sliceIncr("w", 0, 1_002, 3, WINDOW_TTL)).isEqualTo(3);
        // Full: maxValue + 1, and nothing recorded, however often it is asked.
        assertThat(cache.sliceIncr("w", 0, 1_003, 3, WINDOW_TTL)).isEqualTo(4);
        assertThat(cache.sliceIncr("w", 0, 1_004, 3, WINDOW_TTL)).isEqualTo(4);
        assertThat(cache.sliceIncr("w", 0, 1_005, 10, WINDOW_TTL)).isEqualTo(4);
    }

    @Test
    void sliceIncrCountsIdenticalTimestampsSeparately() {
        for (int i = 1; i <= 5; i++) {
            assertThat(cache.sliceIncr("w", 0, 1_000, 10, WINDOW_TTL)).isEqualTo(i);
        }
    }

    @Test
    void sliceIncrWindowExcludesItsStart() {
        cache.sliceIncr("w", 0, 1_000, 10, WINDOW_TTL);
        cache.sliceIncr("w", 0, 1_500, 10, WINDOW_TTL);
        // 1000 is still inside (999, 1999].
        assertThat(cache.sliceIncr("w", 999, 1_999, 10, WINDOW_TTL)).isEqualTo(3);
        // (1000, 2000] drops the call at 1000 and keeps the others.
        assertThat(cache.sliceIncr("w", 1_000, 2_000, 10, WINDOW_TTL)).isEqualTo(3);
        // (1999, 2999] keeps only the call at 2000, then adds this one.
        assertThat(cache.sliceIncr("w", 1_999, 2_999, 10, WINDOW_TTL)).isEqualTo(2);
    }

    @Test
    void sliceIncrDoesNotRecordRejectedCalls() {
        cache.sliceIncr("w", 0, 1_000, 2, WINDOW_TTL);
        cache.sliceIncr("w", 0, 2_000, 2, WINDOW_TTL);
        assertThat(cache.sliceIncr("w", 0, 3_000, 2, WINDOW_TTL)).isEqualTo(3);
        // Had the rejected call at 3000 been recorded, the window (1500, 3500] would be full.
        assertThat(cache.sliceIncr("w", 1_500, 3_500, 2, WINDOW_TTL)).isEqualTo(2);
        assertThat(cache.sliceIncr("w", 2_500, 4_500, 2, WINDOW_TTL)).isEqualTo(2);
    }

    @Test
    void sliceIncrAcceptsTimestampsOutOfOrder() {
        cache.sliceIncr("w", 0, 3_000, 10, WINDOW_TTL);
        cache.sliceIncr("w", 0, 1_000, 10, WINDOW_TTL);
        cache.sliceIncr("w", 0, 2_000, 10, WINDOW_TTL);
        assertThat(cache.sliceIncr("w", 1_500, 3_000, 10, WINDOW_TTL)).isEqualTo(3);
    }

    @Test
    void sliceIncrSetsTtlWhenItRecords() {
        cache.sliceIncr("w", 0, 1_000, 5, Duration.ofSeconds(10));
        assertThat(cache.getExpire("w")).isEqualTo(10);
        advance(Duration.ofSeconds(4));
        cache.sliceIncr("w", 0, 1_001, 5, Duration.ofSeconds(10));
        assertThat(cache.getExpire("w")).isEqualTo(10);
        advance(Duration.ofSeconds(11));
        assertThat(cache.exists("w")).isFalse();
        assertThat(cache.sliceIncr("w", 0, 1_002, 5, Duration.ofSeconds(10))).isEqualTo(1);
    }

    @Test
    void sliceIncrOnAnotherValueFailsNamingKey() {
        cache.set("text", "abc");
        assertThatThrownBy(() -> cache.sliceIncr("text", 0, 1_000, 5, WINDOW_TTL)).hasMessageContaining("text");
        assertThat(cache.<Object>get("text")).isEqualTo("abc");
    }

    @Test
    void sliceIncrRejectsNonPositiveTtl() {
        assertThatThrownBy(() -> cache.sliceIncr("w", 0, 1_000, 5, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sliceIncrDisabledRecordsNothing() {
        try (Scope off = cache.disabling(Command.SLICE_INCR)) {
            assertThat(cache.sliceIncr("w", 0, 1_000, 5, WINDOW_TTL)).isZero();
            assertThat(cache.async().sliceIncr("w", 0, 1_000, 5, WINDOW_TTL).join()).isZero();
        }
        assertThat(cache.exists("w")).isFalse();
        assertThat(cache.sliceIncr("w", 0, 1_000, 5, WINDOW_TTL)).isEqualTo(1);
    }

    @Test
    void sliceIncrAsyncSharesTheWindow() throws Exception {
        assertThat(cache.async().sliceIncr("w", 0, 1_000, 2, WINDOW_TTL).get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(cache.sliceIncr("w", 0, 1_000, 2, WINDOW_TTL)).isEqualTo(2);
        assertThat(cache.async().sliceIncr("w", 0, 1_000, 2, WINDOW_TTL).get(5, TimeUnit.SECONDS)).isEqualTo(3);
    }

    @Test
    void sliceIncrIsAtomicUnderConcurrency() throws Exception {
        int threads = 8;
        int perThread = 50;
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<List<Long>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                List<Long> counts = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    counts.add(cache.sliceIncr("w", 0, 1_000, 100, WINDOW_TTL));
                }
                return counts;
            }));
        }
        start.countDown();
        Map<Long, Long> seen = new HashMap<>();
        for (CompletableFuture<List<Long>> f : results) {
            f.get(10, TimeUnit.SECONDS).forEach(c -> seen.merge(c, 1L, Long::sum));
        }
        // Atomic: the recorded calls had ranks 1..100 once each; the 300 refused ones all 101.
        for (long c = 1; c <= 100; c++) {
            assertThat(seen.get(c)).as("rank %d", c).isEqualTo(1L);
        }
        assertThat(seen.get(101L)).isEqualTo(threads * perThread - 100L);
        assertThat(seen).hasSize(101);
    }

    // ------------------------------------------------------------ expiry

    @Test
    void getExpireReportsSecondsMinusOneAndMinusTwo() {
        cache.set("ttl", 1, Duration.ofSeconds(60));
        cache.set("forever", 1);
        assertThat(cache.getExpire("ttl")).isEqualTo(60);
        assertThat(cache.getExpire("forever")).isEqualTo(-1);
        assertThat(cache.getExpire("missing")).isEqualTo(-2);
        advance(Duration.ofSeconds(15));
        assertThat(cache.getExpire("ttl")).isEqualTo(45);
    }

    @Test
    void expireChangesTtl() {
        cache.set("k", 1);
        assertThat(cache.expire("k", Duration.ofSeconds(5))).isTrue();
        assertThat(cache.getExpire("k")).isEqualTo(5);
        advance(Duration.ofSeconds(6));
        assertThat(cache.exists("k")).isFalse();
    }

    @Test
    void expireOnMissingKeyReturnsFalse() {
        assertThat(cache.expire("missing", Duration.ofSeconds(5))).isFalse();
        assertThat(cache.exists("missing")).isFalse();
    }

    @Test
    void expireWithZeroOrNegativeDeletes() {
        cache.set("a", 1);
        cache.set("b", 1);
        assertThat(cache.expire("a", Duration.ZERO)).isTrue();
        assertThat(cache.expire("b", Duration.ofSeconds(-1))).isTrue();
        assertThat(cache.exists("a")).isFalse();
        assertThat(cache.exists("b")).isFalse();
    }

    @Test
    void expireWithNullRemovesExpiry() {
        cache.set("k", 1, Duration.ofSeconds(5));
        assertThat(cache.expire("k", null)).isTrue();
        assertThat(cache.getExpire("k")).isEqualTo(-1);
        advance(Duration.ofSeconds(10));
        assertThat(cache.exists("k")).isTrue();
    }

    // ------------------------------------------------------------ locks

    @Test
    void setLockIsExclusiveAndUnlockComparesValue() {
        assertThat(cache.setLock("lock:a", "me", Duration.ofSeconds(10))).isTrue();
        assertThat(cache.setLock("lock:a", "you", Duration.ofSeconds(10))).isFalse();
        assertThat(cache.isLocked("lock:a")).isTrue();
        assertThat(cache.unlock("lock:a", "you")).isFalse();
        assertThat(cache.isLocked("lock:a")).isTrue();
        assertThat(cache.unlock("lock:a", "me")).isTrue();
        assertThat(cache.isLocked("lock:a")).isFalse();
        assertThat(cache.unlock("lock:a", "me")).isFalse();
    }

    @Test
    void lockExpires() {
        cache.setLock("lock:a", "me", Duration.ofSeconds(10));
        advance(Duration.ofSeconds(11));
        assertThat(cache.isLocked("lock:a")).isFalse();
        assertThat(cache.setLock("lock:a", "you", Duration.ofSeconds(10))).isTrue();
        assertThat(cache.unlock("lock:a", "me")).isFalse();
        assertThat(cache.isLocked("lock:a")).isTrue();
    }

    @Test
    void lockScopeHoldsAndReleases() {
        try (Scope held = cache.lock("lock:b", Duration.ofMinutes(1))) {
            assertThat(cache.isLocked("lock:b")).isTrue();
            assertThat(cache.setLock("lock:b", "other", Duration.ofSeconds(1))).isFalse();
        }
        assertThat(cache.isLocked("lock:b")).isFalse();
    }

    @Test
    void lockWaitsForHolder() throws Exception {
        CountDownLatch acquired = new CountDownLatch(1);
        Scope held = cache.lock("lock:c", Duration.ofMinutes(1));
        CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> {
            try (Scope second = cache.lock("lock:c", Duration.ofMinutes(1))) {
                acquired.countDown();
            }
        });
        assertThat(acquired.await(100, TimeUnit.MILLISECONDS)).isFalse();
        held.close();
        assertThat(acquired.await(5, TimeUnit.SECONDS)).isTrue();
        waiter.get(5, TimeUnit.SECONDS);
        assertThat(cache.isLocked("lock:c")).isFalse();
    }

    @Test
    void closingLockScopeAfterExpiryLeavesNewHolderAlone() {
        Scope held = cache.lock("lock:d", Duration.ofSeconds(5));
        advance(Duration.ofSeconds(6));
        assertThat(cache.setLock("lock:d", "next", Duration.ofSeconds(60))).isTrue();
        held.close();
        assertThat(cache.isLocked("lock:d")).isTrue();
    }

    // ------------------------------------------------------------ instance-wide

    @Test
    void pingAnswersPong() {
        assertThat(cache.ping()).isEqualTo("PONG");
    }

    @Test
    void keysCountAndClear() {
        cache.set("a", 1);
        cache.set("b", 2, Duration.ofSeconds(1));
        cache.set("c", 3);
        assertThat(cache.getKeysCount()).isEqualTo(3);
        advance(Duration.ofSeconds(2));
        assertThat(cache.getKeysCount()).isEqualTo(2);
        cache.clear();
        assertThat(cache.getKeysCount()).isZero();
        assertThat(cache.<Object>get("a")).isNull();
    }

    // ------------------------------------------------------------ disabled

    @Test
    void disabledCommandsReturnDefaults() {
        cache.set("k", "v");
        cache.set("n", 1);
        cache.disable();
        try {
            assertThat(cache.<Object>get("k")).isNull();
            assertThat(cache.get("k", "d")).isEqualTo("d");
            assertThat(cache.set("k", "w")).isFalse();
            assertThat(cache.setRaw("k", "w")).isFalse();
            assertThat(cache.getMany("k", "n")).containsExactly(null, null);
            assertThat(cache.getMatch("*")).isEmpty();
            assertThat(cache.scan("*")).isEmpty();
            assertThat(cache.incr("n")).isZero();
            assertThat(cache.exists("k")).isFalse();
            assertThat(cache.delete("k")).isFalse();
            assertThat(cache.deleteMany("k", "n")).isZero();
            assertThat(cache.deleteMatch("*")).isZero();
            assertThat(cache.expire("k", Duration.ofSeconds(1))).isFalse();
            assertThat(cache.getExpire("k")).isEqualTo(-2);
            assertThat(cache.getKeysCount()).isZero();
            assertThat(cache.setLock("l", "v", Duration.ofSeconds(1))).isFalse();
            assertThat(cache.isLocked("l")).isFalse();
            assertThat(cache.unlock("l", "v")).isFalse();
            assertThat(cache.ping()).isNull();
            assertThat(cache.getOrSet("k", () -> "computed", null)).isEqualTo("computed");
            cache.setMany(Map.of("m", 1), null);
            cache.clear();
            try (Scope lock = cache.lock("l", Duration.ofSeconds(1))) {
                assertThat(lock).isNotNull();
            }
        } finally {
            cache.enable();
        }
        assertThat(cache.<Object>get("k")).isEqualTo("v");
        assertThat(cache.<Object>get("n")).isEqualTo(1);
        assertThat(cache.exists("m")).isFalse();
        assertThat(cache.getKeysCount()).isEqualTo(2);
    }

    @Test
    void disablingOneCommandLeavesOthers() {
        cache.set("k", "v");
        try (Scope off = cache.disabling(Command.GET)) {
            assertThat(cache.<Object>get("k")).isNull();
            assertThat(cache.exists("k")).isTrue();
            assertThat(cache.set("k", "w")).isTrue();
        }
        assertThat(cache.<Object>get("k")).isEqualTo("w");
    }

    // ------------------------------------------------------------ async

    @Test
    void asyncCommandsMirrorSyncOnes() throws Exception {
        var async = cache.async();
        assertThat(async.set("k", "v", Duration.ofSeconds(30)).get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(async.<String>get("k").get(5, TimeUnit.SECONDS)).isEqualTo("v");
        assertThat(async.get("missing", "d").get(5, TimeUnit.SECONDS)).isEqualTo("d");
        assertThat(async.set("k", "x", null, Exist.ABSENT).get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(async.exists("k").get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(async.getExpire("k").get(5, TimeUnit.SECONDS)).isEqualTo(30);
        assertThat(async.incr("n", 5, Duration.ofSeconds(10)).get(5, TimeUnit.SECONDS)).isEqualTo(5);
        assertThat(async.getMany("k", "missing", "n").get(5, TimeUnit.SECONDS)).containsExactly("v", null, 5L);
        assertThat(async.scan("*").get(5, TimeUnit.SECONDS)).containsExactlyInAnyOrder("k", "n");
        assertThat(async.getMatch("k").get(5, TimeUnit.SECONDS)).hasSize(1);
        assertThat(async.getKeysCount().get(5, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(async.expire("k", Duration.ofSeconds(3)).get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(async.ping().get(5, TimeUnit.SECONDS)).isEqualTo("PONG");
        assertThat(async.delete("k").get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(async.deleteMany("n", "k").get(5, TimeUnit.SECONDS)).isEqualTo(1);
        async.setMany(Map.of("a", 1, "b", 2), null).get(5, TimeUnit.SECONDS);
        assertThat(async.deleteMatch("?").get(5, TimeUnit.SECONDS)).isEqualTo(2);
        async.clear().get(5, TimeUnit.SECONDS);
        assertThat(cache.getKeysCount()).isZero();
    }

    @Test
    void asyncGetOrSetComputesOnMissOnly() throws Exception {
        int[] calls = {0};
        String first = cache.async().<String>getOrSet("k",
                () -> CompletableFuture.completedFuture("v" + ++calls[0]), null).get(5, TimeUnit.SECONDS);
        String second = cache.async().<String>getOrSet("k",
                () -> CompletableFuture.completedFuture("v" + ++calls[0]), null).get(5, TimeUnit.SECONDS);
        assertThat(Arrays.asList(first, second)).containsExactly("v1", "v1");
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void asyncLocksAreExclusive() throws Exception {
        var async = cache.async();
        assertThat(async.setLock("lock:x", "me", Duration.ofSeconds(10)).get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(async.isLocked("lock:x").get(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Scope> waiting = async.lock("lock:x", Duration.ofSeconds(10));
        assertThat(waiting).isNotDone();
        assertThat(async.unlock("lock:x", "you").get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(async.unlock("lock:x", "me").get(5, TimeUnit.SECONDS)).isTrue();
        Scope held = waiting.get(5, TimeUnit.SECONDS);
        assertThat(cache.isLocked("lock:x")).isTrue();
        held.close();
        assertThat(cache.isLocked("lock:x")).isFalse();
    }

    @Test
    void asyncDisabledCommandsReturnDefaults() throws Exception {
        cache.set("k", "v");
        try (Scope off = cache.disabling()) {
            assertThat(cache.async().get("k", "d").get(5, TimeUnit.SECONDS)).isEqualTo("d");
            assertThat(cache.async().set("k", "w").get(5, TimeUnit.SECONDS)).isFalse();
            assertThat(cache.async().getMany("k").get(5, TimeUnit.SECONDS)).containsExactly((Object) null);
            assertThat(cache.async().incr("n").get(5, TimeUnit.SECONDS)).isZero();
        }
        assertThat(cache.<Object>get("k")).isEqualTo("v");
    }

    // ------------------------------------------------------------ sets and tags

    @Test
    void setAddRemovePopAndMembers() {
        assertThat(cache.setMembers("s")).isEmpty();
        assertThat(cache.setPop("s", 10)).isEmpty();
        assertThat(cache.setAdd("s", null, "a", "b")).isEqualTo(2);
        assertThat(cache.setAdd("s", null, "b", "c")).isEqualTo(1);
        assertThat(cache.setMembers("s")).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(cache.exists("s")).isTrue();
        assertThat(cache.getExpire("s")).isEqualTo(-1);
        assertThat(cache.setRemove("s", "a", "zz")).isEqualTo(1);
        List<String> popped = cache.setPop("s", 1);
        assertThat(popped).hasSize(1).isSubsetOf("b", "c");
        assertThat(cache.setPop("s", 10)).hasSize(1).doesNotContainAnyElementsOf(popped);
        assertThat(cache.exists("s")).as("an emptied set is deleted").isFalse();
    }

    @Test
    void setIsNotAUserValue() {
        cache.setAdd("s", null, "a");
        cache.set("v", "value");
        assertThat(cache.<Object>get("s")).isNull();
        assertThat(cache.get("s", "default")).isEqualTo("default");
        assertThat(cache.getMany("s", "v")).containsExactly(null, "value");
        assertThat(cache.getMatch("*").map(Map.Entry::getKey)).containsExactly("v");
        assertThat(cache.scan("*")).containsExactlyInAnyOrder("s", "v");
        // The message names the key (a client-side backend shows its remote name, with its prefix).
        assertThatThrownBy(() -> cache.setAdd("v", null, "x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("v'");
        assertThatThrownBy(() -> cache.incr("s")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void setTtlIsSetByAddAndKeptWithout() {
        cache.setAdd("s", Duration.ofSeconds(10), "a");
        assertThat(cache.getExpire("s")).isEqualTo(10);
        cache.setAdd("s", null, "b");
        assertThat(cache.getExpire("s")).as("no TTL keeps the set's").isEqualTo(10);
        cache.setRemove("s", "a");
        assertThat(cache.getExpire("s")).isEqualTo(10);
        advance(Duration.ofSeconds(11));
        assertThat(cache.setMembers("s")).isEmpty();
        assertThat(cache.exists("s")).isFalse();
    }

    @Test
    void setCommandsAsync() throws Exception {
        var async = cache.async();
        assertThat(async.setAdd("s", Duration.ofSeconds(30), "a", "b").get(5, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(async.setMembers("s").get(5, TimeUnit.SECONDS)).containsExactlyInAnyOrder("a", "b");
        assertThat(async.setRemove("s", "a").get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(async.setPop("s", 5).get(5, TimeUnit.SECONDS)).containsExactly("b");
        assertThat(async.setMembers("s").get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void taggedValuesAreDeletedWithTheirTag() {
        cache.registerTag("user:{id}", "profile:{id}:{lang}");
        cache.registerTag("user:{id}", "orders:{id}");
        assertThat(cache.set("profile:1:en", "p1", Duration.ofMinutes(1), "user:1")).isTrue();
        assertThat(cache.set("orders:1", "o1", Duration.ofMinutes(1), "user:1")).isTrue();
        assertThat(cache.set("orders:2", "o2", Duration.ofMinutes(1), "user:2")).isTrue();
        assertThat(cache.setMembers("_tag:user:1")).containsExactlyInAnyOrder("profile:1:en", "orders:1");
        assertThat(cache.getExpire("_tag:user:1")).isEqualTo(60);

        cache.deleteTags("user:1", "never-used");

        assertThat(cache.exists("profile:1:en")).isFalse();
        assertThat(cache.exists("orders:1")).isFalse();
        assertThat(cache.exists("_tag:user:1")).isFalse();
        assertThat(cache.<Object>get("orders:2")).isEqualTo("o2");
    }

    @Test
    void unregisteredTagIsRefusedBeforeWriting() {
        cache.registerTag("user:{id}", "orders:{id}");
        assertThatThrownBy(() -> cache.set("orders:1", "o", Duration.ofMinutes(1), "group:1"))
                .isInstanceOf(io.cashews.TagNotRegisteredException.class).hasMessageContaining("group:1");
        assertThatThrownBy(() -> cache.set("profile:1", "o", Duration.ofMinutes(1), "user:1"))
                .isInstanceOf(io.cashews.TagNotRegisteredException.class).hasMessageContaining("profile:1");
        assertThat(cache.exists("orders:1")).isFalse();
        assertThat(cache.exists("profile:1")).isFalse();
    }

    @Test
    void deletingAKeyRemovesItFromItsTag() {
        cache.registerTag("user:{id}", "orders:{id}");
        cache.set("orders:1", "o1", Duration.ofMinutes(1), "user:1");
        cache.delete("orders:1");
        assertThat(cache.setMembers("_tag:user:1")).isEmpty();
        // Stored again without the tag: deleting the tag must leave it alone.
        cache.set("orders:1", "again", Duration.ofMinutes(1));
        cache.deleteTags("user:1");
        assertThat(cache.<Object>get("orders:1")).isEqualTo("again");

        cache.set("orders:2", "o2", Duration.ofMinutes(1), "user:2");
        cache.set("orders:3", "o3", Duration.ofMinutes(1), "user:3");
        cache.deleteMatch("orders:*");
        assertThat(cache.exists("_tag:user:2")).isFalse();
        assertThat(cache.exists("_tag:user:3")).isFalse();
    }

    @Test
    void tagWithoutTtlMakesTheSetPersistent() {
        cache.registerTag("t", "k{n}");
        cache.set("k1", "v", Duration.ofSeconds(5), "t");
        cache.set("k2", "v", (Duration) null, "t");
        assertThat(cache.getExpire("_tag:t")).isEqualTo(-1);
        advance(Duration.ofSeconds(6));
        cache.deleteTags("t");
        assertThat(cache.exists("k2")).isFalse();
    }

    @Test
    void tagsAsync() throws Exception {
        var async = cache.async();
        cache.registerTag("user:{id}", "orders:{id}");
        assertThat(async.set("orders:1", "o1", Duration.ofMinutes(1), "user:1").get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(cache.setMembers("_tag:user:1")).containsExactly("orders:1");
        assertThat(async.set("orders:1", "o1", Duration.ofMinutes(1), "nope:1"))
                .failsWithin(5, TimeUnit.SECONDS).withThrowableThat().withCauseInstanceOf(io.cashews.TagNotRegisteredException.class);
        async.deleteTags("user:1").get(5, TimeUnit.SECONDS);
        assertThat(cache.exists("orders:1")).isFalse();
        async.set("orders:2", "o2", Duration.ofMinutes(1), "user:2").get(5, TimeUnit.SECONDS);
        assertThat(async.delete("orders:2").get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(cache.setMembers("_tag:user:2")).isEmpty();
    }

    @Test
    void invalidateFurtherDeletesWhatReadsWouldReturn() throws Exception {
        cache.set("a", "1");
        cache.set("b", "2");
        cache.set("m:1", "3");
        cache.incr("n");
        try (Scope scope = cache.invalidateFurther()) {
            assertThat(cache.get("a", "miss")).isEqualTo("miss");
            assertThat(cache.getMany("b")).containsExactly((Object) null);
            assertThat(cache.getMatch("m:*")).isEmpty();
            assertThat(cache.incr("n")).isZero();
            cache.set("a", "fresh");
            assertThat(cache.exists("a")).as("writes pass").isTrue();
            assertThat(cache.async().get("a", "miss").get(5, TimeUnit.SECONDS)).isEqualTo("miss");
        }
        assertThat(cache.exists("a")).isFalse();
        assertThat(cache.exists("b")).isFalse();
        assertThat(cache.exists("m:1")).isFalse();
        assertThat(cache.exists("n")).isFalse();
        cache.set("a", "kept");
        assertThat(cache.<Object>get("a")).isEqualTo("kept");
    }

    // ------------------------------------------------------------ atomic commands (backend SPI)

    /**
     * The backend under test, as set up (no middlewares): the atomic commands are backend SPI,
     * which the facade does not expose.
     *
     * @return the default backend of {@link #cache}
     */
    protected Backend backend() {
        return cache.backends().get("");
    }

    private static <T> T within(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    @Test
    void getAndSetReturnsTheValueItReplaced() {
        Backend backend = backend();
        assertThat(backend.getAndSet("k", "one", null, false)).isNull();
        assertThat(backend.get("k")).isEqualTo("one");
        assertThat(backend.getAndSet("k", "two", null, false)).isEqualTo("one");
        assertThat(backend.get("k")).isEqualTo("two");
        assertThat(backend.getExpire("k")).isEqualTo(-1);
        assertThat(backend.getAndSet("k", 3L, null, false)).isEqualTo("two");
        assertThat(backend.getAndSet("k", new ArrayList<>(List.of("x")), null, false)).isEqualTo(3L);
        assertThat(backend.get("k")).isEqualTo(List.of("x"));
    }

    @Test
    void getAndSetAppliesItsTtlOrKeepsTheOldOne() {
        Backend backend = backend();
        backend.set("k", "v", Duration.ofSeconds(100), Exist.ANY);
        advance(Duration.ofSeconds(30));
        assertThat(backend.getAndSet("k", "w", Duration.ofSeconds(5), true)).isEqualTo("v");
        assertThat(backend.getExpireMillis("k")).as("kept, the 5 s ignored").isBetween(60_000L, 70_000L);
        assertThat(backend.getAndSet("k", "x", Duration.ofSeconds(5), false)).isEqualTo("w");
        assertThat(backend.getExpireMillis("k")).isBetween(1L, 5_000L);
        assertThat(backend.getAndSet("k", "y", null, false)).isEqualTo("x");
        assertThat(backend.getExpire("k")).as("no TTL clears the old one").isEqualTo(-1);
        assertThat(backend.getAndSet("k", "z", Duration.ofSeconds(5), true)).isEqualTo("y");
        assertThat(backend.getExpire("k")).as("no TTL kept as none").isEqualTo(-1);

        assertThat(backend.getAndSet("fresh", "v", Duration.ofSeconds(5), true)).isNull();
        assertThat(backend.getExpireMillis("fresh")).as("a missing key gets the TTL").isBetween(1L, 5_000L);
        assertThat(backend.getAndSet("bare", "v", null, true)).isNull();
        assertThat(backend.getExpire("bare")).isEqualTo(-1);
    }

    @Test
    void expiredEntriesAreAbsentForTheAtomicCommands() {
        Backend backend = backend();
        for (String key : List.of("a", "b", "c", "d")) {
            backend.set(key, "old", Duration.ofSeconds(10), Exist.ANY);
        }
        advance(Duration.ofSeconds(11));
        assertThat(backend.getAndSet("a", "new", Duration.ofSeconds(5), true)).isNull();
        assertThat(backend.getExpireMillis("a")).as("nothing to keep: the TTL applies").isBetween(1L, 5_000L);
        assertThat(backend.compareAndSet("b", "old", "new", null, false)).isFalse();
        assertThat(backend.compareAndSet("b", null, "new", null, false)).isTrue();
        assertThat(backend.get("b")).isEqualTo("new");
        assertThat(backend.deleteIfEquals("c", "old")).isFalse();
        assertThat(backend.getAndDelete("d")).isNull();
        assertThat(backend.exists("c")).isFalse();
        assertThat(backend.exists("d")).isFalse();
    }

    @Test
    void compareAndSetWithNullExpectsTheKeyMissing() {
        Backend backend = backend();
        assertThat(backend.compareAndSet("k", null, "first", Duration.ofSeconds(20), true)).isTrue();
        assertThat(backend.get("k")).isEqualTo("first");
        assertThat(backend.getExpireMillis("k")).isBetween(10_000L, 20_000L);
        assertThat(backend.compareAndSet("k", null, "second", null, false)).isFalse();
        assertThat(backend.get("k")).isEqualTo("first");
        assertThat(backend.getExpireMillis("k")).as("a refused write leaves the TTL").isBetween(10_000L, 20_000L);
    }

    @Test
    void compareAndSetWritesOnlyOverAnEqualValue() {
        Backend backend = backend();
        backend.set("k", "a", Duration.ofSeconds(100), Exist.ANY);
        assertThat(backend.compareAndSet("k", "b", "c", null, false)).isFalse();
        assertThat(backend.get("k")).isEqualTo("a");
        assertThat(backend.getExpireMillis("k")).isBetween(90_000L, 100_000L);

        assertThat(backend.compareAndSet("k", "a", "c", Duration.ofSeconds(5), true)).isTrue();
        assertThat(backend.get("k")).isEqualTo("c");
        assertThat(backend.getExpireMillis("k")).as("kept").isBetween(90_000L, 100_000L);
        assertThat(backend.compareAndSet("k", "c", "d", Duration.ofSeconds(20), false)).isTrue();
        assertThat(backend.getExpireMillis("k")).isBetween(10_000L, 20_000L);
        assertThat(backend.compareAndSet("k", "d", "e", null, false)).isTrue();
        assertThat(backend.getExpire("k")).isEqualTo(-1);

        assertThat(backend.compareAndSet("missing", "a", "x", null, false)).isFalse();
        assertThat(backend.exists("missing")).isFalse();
    }

    @Test
    void compareAndSetComparesStructuredValuesAndCounters() {
        Backend backend = backend();
        backend.set("list", new ArrayList<>(List.of("a", "b")), null, Exist.ANY);
        assertThat(backend.compareAndSet("list", new ArrayList<>(List.of("a", "c")), "no", null, false)).isFalse();
        assertThat(backend.compareAndSet("list", new ArrayList<>(List.of("a", "b")), "yes", null, false)).isTrue();
        assertThat(backend.get("list")).isEqualTo("yes");

        backend.incr("n", 5, null);
        assertThat(backend.compareAndSet("n", 4L, 40L, null, false)).isFalse();
        assertThat(backend.compareAndSet("n", 5L, 6L, null, false)).isTrue();
        assertThat(backend.get("n")).isEqualTo(6L);
        assertThat(backend.incr("n", 1, null)).as("still a counter").isEqualTo(7);

        backend.set("bytes", new byte[] {1, 2, 3}, null, Exist.ANY);
        assertThat(backend.deleteIfEquals("bytes", new byte[] {1, 2, 3})).as("arrays by content").isTrue();
    }

    @Test
    void deleteIfEqualsDeletesOnlyAnEqualValue() {
        Backend backend = backend();
        backend.set("k", "v", Duration.ofSeconds(100), Exist.ANY);
        assertThat(backend.deleteIfEquals("k", "other")).isFalse();
        assertThat(backend.get("k")).isEqualTo("v");
        assertThat(backend.getExpireMillis("k")).isBetween(90_000L, 100_000L);
        assertThat(backend.deleteIfEquals("k", "v")).isTrue();
        assertThat(backend.exists("k")).isFalse();
        assertThat(backend.deleteIfEquals("k", "v")).isFalse();
    }

    @Test
    void getAndDeleteReturnsTheValueOnce() {
        Backend backend = backend();
        backend.set("k", "v", Duration.ofSeconds(100), Exist.ANY);
        assertThat(backend.getAndDelete("k")).isEqualTo("v");
        assertThat(backend.exists("k")).isFalse();
        assertThat(backend.getAndDelete("k")).isNull();
        backend.incr("n", 3, null);
        assertThat(backend.getAndDelete("n")).isEqualTo(3L);
    }

    @Test
    void atomicCommandsTreatASetAsNoValue() {
        Backend backend = backend();
        backend.setAdd("s", null, "a");
        assertThatThrownBy(() -> backend.getAndSet("s", "v", null, false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("s'");
        assertThatThrownBy(() -> backend.getAndDelete("s")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("s'");
        assertThat(backend.compareAndSet("s", null, "v", null, false)).as("present").isFalse();
        assertThat(backend.compareAndSet("s", "a", "v", null, false)).isFalse();
        assertThat(backend.deleteIfEquals("s", "a")).isFalse();
        assertThat(backend.setMembers("s")).containsExactly("a");
    }

    @Test
    void atomicCommandsAsync() throws Exception {
        Backend backend = backend();
        assertThat(within(backend.getAndSetAsync("k", "one", Duration.ofSeconds(100), false))).isNull();
        assertThat(within(backend.getAndSetAsync("k", "two", null, true))).isEqualTo("one");
        assertThat(backend.getExpireMillis("k")).isBetween(90_000L, 100_000L);
        assertThat(within(backend.compareAndSetAsync("k", "one", "three", null, false))).isFalse();
        assertThat(within(backend.compareAndSetAsync("k", "two", "three", null, false))).isTrue();
        assertThat(within(backend.compareAndSetAsync("k", null, "four", null, false))).isFalse();
        assertThat(within(backend.deleteIfEqualsAsync("k", "two"))).isFalse();
        assertThat(within(backend.getAndDeleteAsync("k"))).isEqualTo("three");
        assertThat(within(backend.getAndDeleteAsync("k"))).isNull();
        assertThat(within(backend.compareAndSetAsync("k", null, "five", null, false))).isTrue();
        assertThat(within(backend.deleteIfEqualsAsync("k", "five"))).isTrue();
        assertThat(backend.exists("k")).isFalse();
    }

    /**
     * How many threads and increments each the contention test runs; a backend whose round trips
     * are slow may lower them.
     *
     * @return threads, increments per thread
     */
    protected int[] contention() {
        return new int[] {8, 100};
    }

    @Test
    void compareAndSetIncrementsLoseNothingUnderContention() throws Exception {
        int threads = contention()[0];
        int each = contention()[1];
        assertThat(CasContention.run("counter", List.of(backend()), threads, each)).isEqualTo((long) threads * each);
    }
}
