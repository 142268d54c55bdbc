package io.cashews.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.processor.EntryProcessor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the TCK does not check, on every backend: hostile keys, sharing a store, contention. */
class CashewsJCacheTest {

    static List<String> uris() {
        return Backends.uris().toList();
    }

    static List<String> sharedUris() {
        return Backends.sharedUris().toList();
    }

    private static final EntryProcessor<String, Long, Long> INCREMENT = (entry, arguments) -> {
        long next = entry.exists() ? entry.getValue() + 1 : 1;
        entry.setValue(next);
        return next;
    };

    private static MutableConfiguration<String, Long> counters() {
        return new MutableConfiguration<String, Long>().setTypes(String.class, Long.class);
    }

    @ParameterizedTest
    @MethodSource("uris")
    void hostileKeysAndNamesStayInTheirOwnCache(String uri) {
        try (CacheManager manager = Backends.manager(uri)) {
            Cache<String, Long> plain = manager.createCache("a", counters());
            Cache<String, Long> star = manager.createCache("a*", counters());
            Cache<String, Long> colon = manager.createCache("a:b", counters());
            List<String> hostile = List.of("x:y", "*", "\\", "a\\:b", "[0-9]?", "null", "");
            for (String key : hostile) {
                plain.put(key, 1L);
            }
            star.put("*", 2L);
            colon.put("c", 3L);

            assertThat(keys(plain)).containsExactlyInAnyOrderElementsOf(hostile);
            assertThat(keys(star)).containsExactly("*");
            assertThat(keys(colon)).containsExactly("c");

            star.removeAll();
            colon.clear();
            assertThat(keys(plain)).containsExactlyInAnyOrderElementsOf(hostile);
            assertThat(plain.get("*")).isEqualTo(1L);
            assertThat(star.get("*")).isNull();
            assertThat(colon.get("c")).isNull();

            plain.removeAll(Set.of("*", "x:y"));
            assertThat(keys(plain)).containsExactlyInAnyOrder("\\", "a\\:b", "[0-9]?", "null", "");
        }
    }

    @ParameterizedTest
    @MethodSource("uris")
    void invokeUnderEightThreadsLosesNoUpdate(String uri) throws Exception {
        try (CacheManager manager = Backends.manager(uri)) {
            Cache<String, Long> cache = manager.createCache("contended", counters());
            int threads = 8;
            int each = 50;
            runConcurrently(threads, each, thread -> cache);
            assertThat(cache.get("n")).isEqualTo((long) threads * each);
        }
    }

    @ParameterizedTest
    @MethodSource("sharedUris")
    void twoManagersOnOneStoreSeeEachOthersEntries(String uri) {
        try (CacheManager first = Backends.manager(uri); CacheManager second = Backends.manager(uri)) {
            Cache<String, Long> one = first.createCache("shared", counters());
            Cache<String, Long> two = second.createCache("shared", counters());
            one.put("k:1", 7L);
            assertThat(two.get("k:1")).isEqualTo(7L);
            assertThat(keys(two)).containsExactly("k:1");
            assertThat(two.replace("k:1", 7L, 8L)).isTrue();
            assertThat(one.replace("k:1", 7L, 9L)).isFalse();
            assertThat(one.get("k:1")).isEqualTo(8L);
            assertThat(one.getAndRemove("k:1")).isEqualTo(8L);
            assertThat(two.containsKey("k:1")).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("sharedUris")
    void invokeFromTwoManagersLosesNoUpdate(String uri) throws Exception {
        // two managers are two JVMs' worth of per-key locks: only the compare-and-set keeps them apart
        try (CacheManager first = Backends.manager(uri); CacheManager second = Backends.manager(uri)) {
            Cache<String, Long> one = first.createCache("contended", counters());
            Cache<String, Long> two = second.createCache("contended", counters());
            int threads = 8;
            int each = 40;
            runConcurrently(threads, each, thread -> thread % 2 == 0 ? one : two);
            assertThat(one.get("n")).isEqualTo((long) threads * each);
        }
    }

    @ParameterizedTest
    @MethodSource("uris")
    void storesByValue(String uri) {
        try (CacheManager manager = Backends.manager(uri)) {
            Cache<String, HashMap<String, Integer>> cache = manager.createCache("values", new MutableConfiguration<>());
            HashMap<String, Integer> value = new HashMap<>(Map.of("a", 1));
            cache.put("k", value);
            value.put("b", 2);
            HashMap<String, Integer> read = cache.get("k");
            assertThat(read).isEqualTo(Map.of("a", 1));
            read.put("c", 3);
            assertThat(cache.get("k")).isEqualTo(Map.of("a", 1));
        }
    }

    private interface CacheOfThread {
        Cache<String, Long> cache(int thread);
    }

    private static void runConcurrently(int threads, int each, CacheOfThread caches) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Cache<String, Long> cache = caches.cache(t);
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        cache.invoke("n", INCREMENT);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Set<String> keys(Cache<String, Long> cache) {
        Set<String> keys = new HashSet<>();
        for (Cache.Entry<String, Long> entry : cache) {
            keys.add(entry.getKey());
        }
        return keys;
    }
}
