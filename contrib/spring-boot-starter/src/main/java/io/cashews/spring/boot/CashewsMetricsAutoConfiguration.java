package io.cashews.spring.boot;

import io.cashews.Cashews;
import io.cashews.micrometer.CashewsMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * With {@code cashews-micrometer} and Micrometer on the class path, a {@link CashewsMetrics}
 * binder for the {@link Cashews} bean, tagged {@code cacheManager=<spring.application.name>}
 * ({@code cashews} when unset). Boot's metrics auto-configuration (actuator) binds it to every
 * registry; its meters appear as the strategies first report, so methods called late still get
 * theirs. With Spring's cache abstraction and the actuator, a
 * {@link CashewsCacheMeterBinderProvider} gives each {@code CashewsSpringCache} Micrometer's
 * cache meters ({@link CashewsBoot4CacheMeterBinderProvider} on Boot 4, where the interface moved
 * to {@code spring-boot-cache}); it runs before either line's cache metrics auto-configuration,
 * named as strings so that the annotation reads on both lines.
 */
@AutoConfiguration(after = CashewsAutoConfiguration.class, beforeName = {
        CashewsMetricsAutoConfiguration.BOOT_3_CACHE_METRICS_AUTO_CONFIGURATION,
        CashewsMetricsAutoConfiguration.BOOT_4_CACHE_METRICS_AUTO_CONFIGURATION})
@ConditionalOnClass({MeterRegistry.class, CashewsMetrics.class})
@ConditionalOnBean(Cashews.class)
public class CashewsMetricsAutoConfiguration {

    /** Boot 3.5's cache metrics auto-configuration (spring-boot-actuator-autoconfigure). */
    static final String BOOT_3_CACHE_METRICS_AUTO_CONFIGURATION =
            "org.springframework.boot.actuate.autoconfigure.metrics.cache.CacheMetricsAutoConfiguration";
    /** Boot 4's (spring-boot-cache). */
    static final String BOOT_4_CACHE_METRICS_AUTO_CONFIGURATION =
            "org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration";

    /**
     * Creates the binder.
     *
     * @param cache the instance
     * @param environment for {@code spring.application.name}
     * @return the binder, unbound until a registry binds it
     */
    @Bean(destroyMethod = "unbind")
    @ConditionalOnMissingBean
    public CashewsMetrics cashewsMetrics(Cashews cache, Environment environment) {
        return new CashewsMetrics(cache, environment.getProperty("spring.application.name", "cashews"));
    }

    /**
     * With Spring's cache abstraction and the actuator: Micrometer's cache meters for the
     * {@code CashewsSpringCache}s, which Boot's cache metrics bind per cache.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.cache.CacheManager", "io.cashews.spring.CashewsSpringCache",
            "org.springframework.boot.actuate.metrics.cache.CacheMeterBinderProvider"})
    static class SpringCaches {

        @Bean
        @ConditionalOnMissingBean
        CashewsCacheMeterBinderProvider cashewsCacheMeterBinderProvider() {
            return new CashewsCacheMeterBinderProvider();
        }
    }

    /** Boot 4: the same meters through spring-boot-cache's {@code CacheMeterBinderProvider}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.cache.CacheManager", "io.cashews.spring.CashewsSpringCache",
            "org.springframework.boot.cache.metrics.CacheMeterBinderProvider"})
    static class SpringCachesBoot4 {

        @Bean
        @ConditionalOnMissingBean
        CashewsBoot4CacheMeterBinderProvider cashewsCacheMeterBinderProvider() {
            return new CashewsBoot4CacheMeterBinderProvider();
        }
    }
}
