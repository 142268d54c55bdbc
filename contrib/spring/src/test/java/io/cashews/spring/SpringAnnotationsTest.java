package io.cashews.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.redis.TestRedis;
import io.cashews.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring's own annotations through {@link CashewsCacheManager} in a real application context:
 * {@code @Cacheable}, {@code @CachePut}, {@code @CacheEvict} and {@code sync = true}, in one JVM
 * and across two contexts (standing for two JVMs) on one Redis.
 */
class SpringAnnotationsTest {

    /** A bean as an application writes one; Spring proxies it for caching. */
    public static class Directory {
        final AtomicInteger calls;
        final CountDownLatch release;
        final CountDownLatch entered = new CountDownLatch(1);

        /** Counted down when the first load starts; a method, as the caching proxy has no state. */
        public CountDownLatch entered() {
            return entered;
        }

        public Directory(AtomicInteger calls, CountDownLatch release) {
            this.calls = calls;
            this.release = release;
        }

        @Cacheable(cacheNames = "people", sync = true)
        public String person(String id) throws InterruptedException {
            calls.incrementAndGet();
            entered.countDown();
            assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            return "person " + id;
        }

        @Cacheable("plain")
        public String plain(String id) {
            calls.incrementAndGet();
            return "plain " + id;
        }

        @CachePut(cacheNames = "plain", key = "#id")
        public String update(String id, String value) {
            return value;
        }

        @CacheEvict("plain")
        public void forget(String id) {
        }
    }

    @Configuration
    @EnableCaching
    static class Config {
        @Bean
        CacheManager cacheManager(Cashews cashews) {
            return CashewsCacheManager.builder(cashews).cache("people", Duration.ofMinutes(10), true)
                    .cache("plain", Duration.ofMinutes(10)).build();
        }

        @Bean
        Directory directory(AtomicInteger calls, CountDownLatch release) {
            return new Directory(calls, release);
        }
    }

    private static AnnotationConfigApplicationContext context(Cashews cashews, AtomicInteger calls, CountDownLatch release) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(Cashews.class, () -> cashews);
        context.registerBean(AtomicInteger.class, () -> calls);
        context.registerBean(CountDownLatch.class, () -> release);
        context.register(Config.class);
        context.refresh();
        return context;
    }

    @Test
    void cacheablePutAndEvictGoThroughCashews() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (Cashews cashews = Cashews.create("mem://");
                AnnotationConfigApplicationContext context = context(cashews, calls, new CountDownLatch(0))) {
            Directory directory = context.getBean(Directory.class);

            assertThat(directory.plain("a")).isEqualTo("plain a");
            assertThat(directory.plain("a")).isEqualTo("plain a");
            assertThat(calls).hasValue(1);
            assertThat(cashews.<String>get("plain:a")).isEqualTo("plain a");

            directory.update("a", "changed");
            assertThat(directory.plain("a")).isEqualTo("changed");
            directory.forget("a");
            assertThat(cashews.exists("plain:a")).isFalse();
            assertThat(directory.plain("a")).isEqualTo("plain a");
            assertThat(calls).hasValue(2);
        }
    }

    @Test
    void syncCacheableRunsTheMethodOnceFor32Threads() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try (Cashews cashews = Cashews.create("mem://");
                AnnotationConfigApplicationContext context = context(cashews, calls, release)) {
            Directory directory = context.getBean(Directory.class);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> directory.person("p")));
            }
            assertThat(directory.entered().await(30, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            for (Future<String> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo("person p");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    void twoContextsOnOneRedisLoadALockCacheOnce() throws Exception {
        String url = TestRedis.url(2) + "?suppress=false&socket_timeout=10";
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ManualClock secondClock = new ManualClock();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Cashews first = Cashews.create(url);
                Cashews second = Cashews.builder().clock(secondClock).build()) {
            second.setup(url);
            first.clear();
            try (AnnotationConfigApplicationContext a = context(first, calls, release);
                    AnnotationConfigApplicationContext b = context(second, calls, release)) {
                Future<String> fromA = pool.submit(() -> a.getBean(Directory.class).person("p"));
                assertThat(a.getBean(Directory.class).entered().await(30, TimeUnit.SECONDS)).isTrue();
                // A holds the lock and loads; B misses, finds the lock taken and waits on its clock.
                Future<String> fromB = pool.submit(() -> b.getBean(Directory.class).person("p"));
                assertThat(secondClock.awaitWaiting(1, Duration.ofSeconds(30))).as("B waits for the lock").isTrue();
                release.countDown();

                assertThat(fromA.get(30, TimeUnit.SECONDS)).isEqualTo("person p");
                // The release in this JVM wakes B at once; the clock moves too, in case it was mid-pause.
                secondClock.advance(Duration.ofSeconds(1));
                assertThat(fromB.get(30, TimeUnit.SECONDS)).isEqualTo("person p");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(calls).as("the method ran in one context only").hasValue(1);
    }
}
