package io.cashews.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.spring.CashewsSpringCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.cache.CacheMetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.metrics.cache.CacheMeterBinderProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;

/** Micrometer's cache meters for the Spring caches on Cashews, bound by Boot's cache metrics. */
class CashewsCacheMetricsTest {

    @Configuration
    @EnableCaching
    static class Caching {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CashewsAutoConfiguration.class, CashewsCacheAutoConfiguration.class,
                    CacheAutoConfiguration.class, CashewsMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                    CacheMetricsAutoConfiguration.class))
            .withUserConfiguration(Caching.class)
            .withPropertyValues("cashews.spring-cache.enabled=true", "cashews.spring-cache.ttl.users=1h");

    @Test
    void eachSpringCacheGetsMicrometersCacheMeters() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(CashewsCacheMeterBinderProvider.class);
            Cache users = context.getBean(CacheManager.class).getCache("users");
            assertThat(users).isInstanceOf(CashewsSpringCache.class);
            users.get("1");                          // miss
            users.put("1", "ann");
            users.get("1");                          // hit
            users.get("1", () -> "not loaded");       // hit
            users.evict("1");
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("cache.gets").tags("cache", "users", "cache.manager", "cacheManager", "result", "hit")
                    .functionCounter().count()).isEqualTo(2.0);
            assertThat(registry.get("cache.gets").tags("cache", "users", "result", "miss").functionCounter().count()).isEqualTo(1.0);
            assertThat(registry.get("cache.puts").tags("cache", "users").functionCounter().count()).isEqualTo(1.0);
            assertThat(registry.get("cache.evictions").tags("cache", "users").functionCounter().count()).isEqualTo(1.0);
        });
    }

    @Test
    void theBinderCountsWhatItsCacheCounts() {
        CashewsCacheMeterBinderProvider provider = new CashewsCacheMeterBinderProvider();
        try (io.cashews.Cashews cashews = io.cashews.Cashews.create("mem://")) {
            CashewsSpringCache orders = (CashewsSpringCache) io.cashews.spring.CashewsCacheManager.builder(cashews).build().getCache("orders");
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            provider.getMeterBinder(orders, List.of(io.micrometer.core.instrument.Tag.of("app", "shop"))).bindTo(registry);
            orders.get("x");
            orders.get("y");
            assertThat(registry.get("cache.gets").tags("cache", "orders", "app", "shop", "result", "miss").functionCounter().count())
                    .isEqualTo(2.0);
        }
    }

    @Test
    void noProviderWithoutTheActuatorOrWithoutSpringCaches() {
        runner.withClassLoader(new FilteredClassLoader(CacheMeterBinderProvider.class)).run(context ->
                assertThat(context).doesNotHaveBean(CashewsCacheMeterBinderProvider.class));
        runner.withClassLoader(new FilteredClassLoader(CashewsSpringCache.class)).run(context ->
                assertThat(context).doesNotHaveBean(CashewsCacheMeterBinderProvider.class));
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run(context ->
                assertThat(context).hasSingleBean(CacheManager.class).doesNotHaveBean(CashewsCacheMeterBinderProvider.class));
    }
}
