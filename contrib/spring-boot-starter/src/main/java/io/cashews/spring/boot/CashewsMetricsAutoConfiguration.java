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
 * cache meters.
 */
@AutoConfiguration(after = CashewsAutoConfiguration.class,
        beforeName = "org.springframework.boot.actuate.autoconfigure.metrics.cache.CacheMetricsAutoConfiguration")
@ConditionalOnClass({MeterRegistry.class, CashewsMetrics.class})
@ConditionalOnBean(Cashews.class)
public class CashewsMetricsAutoConfiguration {

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
}
