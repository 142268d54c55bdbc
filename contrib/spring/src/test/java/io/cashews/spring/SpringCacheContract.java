package io.cashews.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;
import org.springframework.cache.interceptor.SimpleKey;

/**
 * What a Spring {@link Cache} promises, on one backend per subclass (Spring's own test bases are
 * not published): reads, null values, the loader once per key, {@code retrieve}'s null rules,
 * atomic {@code putIfAbsent}, prefix-scoped {@code clear}, TTLs and keys.
 */
abstract class SpringCacheContract {

    Cashews cashews;
    CashewsCacheManager manager;
    CashewsSpringCache cache;

    /** A fresh, empty instance on the backend under test. */
    abstract Cashews newCashews() throws Exception;

    @BeforeEach
    void start() throws Exception {
        cashews = newCashews();
        manager = CashewsCacheManager.builder(cashews).cache("users", Duration.ofMinutes(10)).build();
        cache = (CashewsSpringCache) manager.getCache("users");
    }

    @AfterEach
    void stop() {
        cashews.close();
    }

    @Test
    void aMissIsNullAndAPutIsRead() {
        assertThat(cache.get("a")).isNull();
        assertThat(cache.get("a", String.class)).isNull();

        cache.put("a", "alice");

        assertThat(cache.get("a")).isNotNull().extracting(Cache.ValueWrapper::get).isEqualTo("alice");
        assertThat(cache.get("a", String.class)).isEqualTo("alice");
        assertThat(cashews.<String>get("users:a")).as("under the cache's prefix").isEqualTo("alice");
        assertThatThrownBy(() -> cache.get("a", Integer.class)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void statisticsCountEachLogicalHitMissPutAndEviction() throws Exception {
        assertThat(cache.get("a")).isNull();                          // miss
        assertThat(cache.get("a", () -> "alice")).isEqualTo("alice"); // miss, then one put
        assertThat(cache.get("a", () -> "other")).isEqualTo("alice"); // hit
        assertThat(cache.get("a", String.class)).isEqualTo("alice");   // hit
        assertThat(cache.retrieve("a").get()).isNotNull();             // hit
        assertThat(cache.retrieve("b", () -> CompletableFuture.completedFuture("bob")).get()).isEqualTo("bob"); // miss, put
        cache.put("c", "carol");                                      // put
        assertThat(cache.putIfAbsent("c", "again")).isNotNull();       // no write
        assertThat(cache.putIfAbsent("d", "dan")).isNull();            // put
        cache.evict("c");                                             // eviction
        assertThat(cache.evictIfPresent("c")).isFalse();               // nothing removed
        cache.evict("nope");                                          // nothing removed

        assertThat(cache.hitCount()).isEqualTo(3);
        assertThat(cache.missCount()).isEqualTo(3);
        assertThat(cache.putCount()).isEqualTo(4);
        assertThat(cache.evictionCount()).isEqualTo(1);
    }

    @Test
    void aStoredNullIsAWrapperOfNullNotAMiss() {
        cache.put("nobody", null);

        assertThat(cache.get("nobody")).isNotNull().extracting(Cache.ValueWrapper::get).isNull();
        assertThat(cache.get("nobody", () -> "loaded")).isNull();
    }

    @Test
    void withoutNullValuesANullPutIsRefused() {
        CashewsSpringCache strict = (CashewsSpringCache) CashewsCacheManager.builder(cashews).allowNullValues(false)
                .build().getCache("strict");

        assertThatThrownBy(() -> strict.put("k", null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(strict.<String>get("k", () -> null)).isNull();
        assertThat(strict.get("k")).as("a null result is not stored").isNull();
    }

    @Test
    void theLoaderRunsOnceAndItsResultIsStored() {
        AtomicInteger calls = new AtomicInteger();

        assertThat(cache.get("a", () -> "v" + calls.incrementAndGet())).isEqualTo("v1");
        assertThat(cache.get("a", () -> "v" + calls.incrementAndGet())).isEqualTo("v1");
        assertThat(calls).hasValue(1);
        assertThat(cashews.getExpire("users:a")).isBetween(590L, 600L);
    }

    @Test
    void concurrentCallersOfOneKeyShareOneLoad() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> cache.get("hot", () -> {
                    calls.incrementAndGet();
                    entered.countDown();
                    assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                    return "loaded";
                })));
            }
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            for (Future<String> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("loaded");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    void aLockCacheLoadsUnderALockOutsideItsEntriesAndReleasesIt() {
        Cache locking = CashewsCacheManager.builder(cashews).cache("locked", Duration.ofMinutes(10), true).build()
                .getCache("locked");

        assertThat(locking.get("a", () -> "loaded")).isEqualTo("loaded");
        assertThat(locking.get("a", () -> "again")).isEqualTo("loaded");
        assertThat(cashews.isLocked(CashewsSpringCache.LOCK_PREFIX + "locked:a")).isFalse();
        assertThatThrownBy(() -> locking.get("b", () -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(Cache.ValueRetrievalException.class);
        assertThat(cashews.isLocked(CashewsSpringCache.LOCK_PREFIX + "locked:b")).as("released after a failure").isFalse();
    }

    @Test
    void aFailingLoaderIsAValueRetrievalExceptionAndIsTriedAgainNextTime() {
        IOException failure = new IOException("source down");

        assertThatThrownBy(() -> cache.get("a", () -> {
            throw failure;
        })).isInstanceOf(Cache.ValueRetrievalException.class).hasCause(failure);
        assertThat(cache.get("a")).isNull();
        assertThat(cache.get("a", () -> "back")).isEqualTo("back");
    }

    @Test
    void retrieveFollowsSpringsNullRules() throws Exception {
        cache.put("a", "alice");
        cache.put("nobody", null);

        assertThat(cache.retrieve("missing").get(10, TimeUnit.SECONDS)).as("a late-determined miss").isNull();
        assertThat(cache.retrieve("a").get(10, TimeUnit.SECONDS)).isInstanceOf(Cache.ValueWrapper.class)
                .extracting(w -> ((Cache.ValueWrapper) w).get()).isEqualTo("alice");
        assertThat(cache.retrieve("nobody").get(10, TimeUnit.SECONDS)).isInstanceOf(Cache.ValueWrapper.class)
                .extracting(w -> ((Cache.ValueWrapper) w).get()).isNull();
    }

    @Test
    void retrieveWithALoaderLoadsOnceAndStores() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        cache.put("nobody", null);

        assertThat(cache.retrieve("b", () -> CompletableFuture.completedFuture("v" + calls.incrementAndGet()))
                .get(10, TimeUnit.SECONDS)).isEqualTo("v1");
        assertThat(cache.retrieve("b", () -> CompletableFuture.completedFuture("v" + calls.incrementAndGet()))
                .get(10, TimeUnit.SECONDS)).isEqualTo("v1");
        assertThat(cache.retrieve("nobody", () -> CompletableFuture.completedFuture("loaded"))
                .get(10, TimeUnit.SECONDS)).as("a stored null").isNull();
        assertThat(calls).hasValue(1);
        assertThat(cache.get("b", String.class)).isEqualTo("v1");

        CompletableFuture<String> failed = cache.retrieve("c", () -> CompletableFuture.failedFuture(new IOException("down")));
        assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IOException.class);
        assertThat(cache.get("c")).isNull();
    }

    @Test
    void putIfAbsentIsAtomic() throws Exception {
        assertThat(cache.putIfAbsent("a", "first")).isNull();
        assertThat(cache.putIfAbsent("a", "second")).isNotNull().extracting(Cache.ValueWrapper::get).isEqualTo("first");
        assertThat(cache.get("a", String.class)).isEqualTo("first");

        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Cache.ValueWrapper>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String value = "v" + i;
                answers.add(pool.submit(() -> cache.putIfAbsent("race", value)));
            }
            int winners = 0;
            for (Future<Cache.ValueWrapper> answer : answers) {
                if (answer.get(30, TimeUnit.SECONDS) == null) {
                    winners++;
                }
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void evictAndInvalidateTakeEffectAtOnce() {
        cache.put("a", "alice");

        assertThat(cache.evictIfPresent("a")).isTrue();
        assertThat(cache.evictIfPresent("a")).isFalse();
        assertThat(cache.get("a")).isNull();

        cache.put("b", "bob");
        cache.evict("b");
        assertThat(cache.get("b")).isNull();
        assertThat(cache.invalidate()).isFalse();
        cache.put("c", "carol");
        assertThat(cache.invalidate()).isTrue();
        assertThat(cache.get("c")).isNull();
    }

    @Test
    void clearDeletesThisCachesKeysOnly() {
        Cache others = manager.getCache("users2");
        Cache globby = manager.getCache("u*");
        cache.put("a", "alice");
        others.put("a", "other");
        globby.put("a", "glob");
        cashews.set("usersX", "not a cache entry");

        globby.clear();
        assertThat(cache.get("a")).as("'u*' is a name, not a pattern").isNotNull();
        assertThat(globby.get("a")).isNull();
        cache.clear();

        assertThat(cache.get("a")).isNull();
        assertThat(others.get("a", String.class)).isEqualTo("other");
        assertThat(cashews.<String>get("usersX")).isEqualTo("not a cache entry");
    }

    @Test
    void aCacheNamedWithAColonSharesNoKeyWithTheCacheItsNameStartsWith() {
        // Unescaped, cache "users" with key "admin:1" and cache "users:admin" with key "1" were both "users:admin:1".
        Cache admins = manager.getCache("users:admin");
        cache.put("admin:1", "alice in users");
        admins.put("1", "bob in users:admin");

        assertThat(cache.get("admin:1", String.class)).isEqualTo("alice in users");
        assertThat(admins.get("1", String.class)).isEqualTo("bob in users:admin");
        cache.clear();
        assertThat(admins.get("1", String.class)).as("clearing users leaves users:admin").isEqualTo("bob in users:admin");
        cache.put("admin:1", "alice again");
        admins.clear();
        assertThat(cache.get("admin:1", String.class)).isEqualTo("alice again");
    }

    @Test
    void aBackslashInACacheNameCannotForgeAnotherCachesPrefix() {
        Cache slashed = manager.getCache("a\\");
        Cache plain = manager.getCache("a\\:b");
        slashed.put("b:x", "one");
        plain.put("x", "two");
        assertThat(slashed.get("b:x", String.class)).isEqualTo("one");
        assertThat(plain.get("x", String.class)).isEqualTo("two");
    }

    @Test
    void clearingACacheWithGlobCharactersInItsNameDeletesOnlyItsOwnEntries() {
        // Unescaped, each name's pattern would match the cache beside it: reg[io]n:* matches regon:x,
        // star*:* starship:x, mark?:* marks:x.
        String[][] pairs = {{"reg[io]n", "regon"}, {"star*", "starship"}, {"mark?", "marks"}};
        for (String[] pair : pairs) {
            Cache globbed = manager.getCache(pair[0]);
            Cache beside = manager.getCache(pair[1]);
            globbed.put("x", "own");
            beside.put("x", "other");
            globbed.clear();
            assertThat(globbed.get("x")).isNull();
            assertThat(beside.get("x", String.class)).as(pair[1]).isEqualTo("other");
            globbed.put("x", "own");
            assertThat(globbed.invalidate()).isTrue();
            assertThat(beside.get("x", String.class)).as(pair[1]).isEqualTo("other");
        }
    }

    enum Tier { GOLD }

    record Account(String id) { }

    static final class Opaque { }

    @Test
    void keysAreRenderedAsTheirText() {
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        cache.put(42, "int");
        cache.put(Tier.GOLD, "enum");
        cache.put(id, "uuid");
        cache.put(new SimpleKey("a", 2), "simple");
        cache.put(SimpleKey.EMPTY, "empty");
        cache.put(new Account("7"), "record");

        assertThat(cashews.<String>get("users:42")).isEqualTo("int");
        assertThat(cashews.<String>get("users:GOLD")).isEqualTo("enum");
        assertThat(cashews.<String>get("users:" + id)).isEqualTo("uuid");
        assertThat(cashews.<String>get("users:a, 2")).isEqualTo("simple");
        assertThat(cashews.<String>get("users:")).isEqualTo("empty");
        assertThat(cashews.<String>get("users:Account[id=7]")).isEqualTo("record");
        assertThatThrownBy(() -> cache.put(new Opaque(), "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Opaque.class.getName()).hasMessageContaining("CacheKeyConverter");
    }

    @Test
    void aKeyConverterNamesApplicationTypes() {
        Cache converted = CashewsCacheManager.builder(cashews)
                .keyConverter(key -> key instanceof Opaque ? "opaque" : null).build().getCache("conv");

        converted.put(new Opaque(), "x");

        assertThat(cashews.<String>get("conv:opaque")).isEqualTo("x");
    }

    @Test
    void theManagerCreatesCachesOnDemandUnlessToldNot() {
        assertThat(manager.getCache("later")).isNotNull();
        assertThat(((CashewsSpringCache) manager.getCache("later")).getTtl()).isEqualTo(CashewsCacheManager.DEFAULT_TTL);
        assertThat(manager.getCacheNames()).contains("users", "later");
        assertThat(manager.getCache("later")).isSameAs(manager.getCache("later"));

        CashewsCacheManager fixed = CashewsCacheManager.builder(cashews).cache("only").createOnDemand(false).build();
        assertThat(fixed.getCache("other")).isNull();
        assertThat(fixed.getCacheNames()).containsExactly("only");
        assertThatThrownBy(() -> CashewsCacheManager.builder(cashews).cache("a").cache("a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> CashewsCacheManager.builder(cashews).cache("a", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }
}
