package io.cashews.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.cashews.Cashews;
import io.cashews.Command;
import io.cashews.servlet.CashewsCacheControlFilter;
import io.cashews.servlet.CashewsClearSiteDataFilter;
import io.cashews.servlet.CashewsEtagFilter;
import io.cashews.spring.CashewsCacheManager;
import io.cashews.spring.CashewsSpringCache;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every condition and back-off of the auto-configuration, in contexts as Boot builds them. */
class CashewsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            CashewsAutoConfiguration.class, CashewsCacheAutoConfiguration.class, CacheAutoConfiguration.class,
            CashewsWebAutoConfiguration.class));

    private final WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            CashewsAutoConfiguration.class, CashewsWebAutoConfiguration.class));

    @Test
    void aCashewsBeanOnMemByDefaultClosedWithTheContext() {
        AtomicReference<Cashews> made = new AtomicReference<>();
        runner.run(context -> {
            Cashews cache = context.getBean(Cashews.class);
            made.set(cache);
            cache.set("k", "v");
            assertThat(cache.<String>get("k")).isEqualTo("v");
            assertThat(context).doesNotHaveBean(CacheManager.class);
            assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
        });
        assertThat(made.get().isEnabled(Command.GET)).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> made.get().set("k", "v"))
                .as("closed with the context").isInstanceOf(io.cashews.NotConfiguredException.class);
    }

    @Test
    void backendsByPrefixAndCustomizers() {
        runner.withPropertyValues("cashews.url=mem://?size=100", "cashews.backends.off.url=mem://?disable=true")
                .withBean(CashewsCustomizer.class, () -> cache -> cache.disable(Command.INCR))
                .run(context -> {
                    Cashews cache = context.getBean(Cashews.class);
                    // The disabled backend serves the "off" prefix only.
                    assertThat(cache.set("off:a", 1)).isFalse();
                    assertThat(cache.set("on:a", 1)).isTrue();
                    assertThat(cache.getMany("off:a", "on:a")).containsExactly(null, 1);
                    assertThat(cache.isEnabled(Command.INCR)).isFalse();
                });
    }

    @Test
    void aBadUrlFailsTheContextNamingTheProperty() {
        runner.withPropertyValues("cashews.backends.remote.url=mem://?no_such_option=1").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("property 'cashews.backends.remote.url'")
                    .hasStackTraceContaining("unknown option 'no_such_option'");
        });
        runner.withPropertyValues("cashews.url=").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("property 'cashews.url' must name a backend URL"));
    }

    @Test
    void itBacksOffForTheApplicationsOwnInstanceAndWhenDisabled() {
        Cashews own = Cashews.create("mem://");
        try {
            runner.withBean(Cashews.class, () -> own).run(context ->
                    assertThat(context.getBean(Cashews.class)).isSameAs(own));
        } finally {
            own.close();
        }
        runner.withPropertyValues("cashews.enabled=false").run(context -> assertThat(context).doesNotHaveBean(Cashews.class));
        runner.withClassLoader(new FilteredClassLoader(Cashews.class)).run(context ->
                assertThat(context).doesNotHaveBean(CashewsAutoConfiguration.class));
    }

    @Configuration
    @EnableCaching
    static class Caching {
    }

    @Test
    void theSpringCacheManagerComesFromPropertiesWhenEnabled() {
        runner.withUserConfiguration(Caching.class).run(context ->
                assertThat(context.getBean(CacheManager.class)).isNotInstanceOf(CashewsCacheManager.class));
        runner.withUserConfiguration(Caching.class)
                .withPropertyValues("cashews.spring-cache.enabled=true", "cashews.spring-cache.ttl.default=10m",
                        "cashews.spring-cache.ttl.users=1h", "cashews.spring-cache.lock=reports")
                .run(context -> {
                    CashewsCacheManager manager = context.getBean(CashewsCacheManager.class);
                    assertThat(context.getBean(CacheManager.class)).isSameAs(manager);
                    assertThat(((CashewsSpringCache) manager.getCache("users")).getTtl()).isEqualTo(Duration.ofHours(1));
                    assertThat(((CashewsSpringCache) manager.getCache("other")).getTtl()).isEqualTo(Duration.ofMinutes(10));
                    CashewsSpringCache reports = (CashewsSpringCache) manager.getCache("reports");
                    assertThat(reports.isLocking()).isTrue();
                    assertThat(reports.getTtl()).isEqualTo(Duration.ofMinutes(10));
                    assertThat(manager.configuredCaches()).doesNotContainKey("default");
                });
    }

    @Test
    void theApplicationsCacheManagerWins() {
        runner.withUserConfiguration(Caching.class).withPropertyValues("cashews.spring-cache.enabled=true")
                .withBean(CacheManager.class, ConcurrentMapCacheManager::new)
                .run(context -> {
                    assertThat(context.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class);
                    assertThat(context).doesNotHaveBean(CashewsCacheManager.class);
                });
    }

    @Test
    void filtersAreRegisteredOnlyWhenEnabledInAServletApplication() {
        web.run(context -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
        web.withPropertyValues("cashews.web.etag.enabled=true", "cashews.web.cache-control.enabled=true",
                "cashews.web.clear-site-data.enabled=true", "cashews.web.url-patterns=/api/*,/pages/*")
                .run(context -> {
                    @SuppressWarnings("rawtypes")
                    List<FilterRegistrationBean> registrations = context.getBeansOfType(FilterRegistrationBean.class).values().stream()
                            .sorted(java.util.Comparator.comparingInt(FilterRegistrationBean::getOrder)).toList();
                    assertThat(registrations).extracting(r -> (Object) r.getFilter().getClass()).containsExactly(
                            CashewsClearSiteDataFilter.class, CashewsCacheControlFilter.class, CashewsEtagFilter.class);
                    assertThat(registrations).allSatisfy(r -> assertThat(r.getUrlPatterns()).containsExactly("/api/*", "/pages/*"));
                });
        runner.withPropertyValues("cashews.web.etag.enabled=true").run(context ->
                assertThat(context).as("not a web application").doesNotHaveBean(FilterRegistrationBean.class));
        web.withPropertyValues("cashews.web.etag.enabled=true")
                .withClassLoader(new FilteredClassLoader(CashewsEtagFilter.class))
                .run(context -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
    }

    @Test
    void metricsAreBoundWhenMicrometerIsPresent() {
        ApplicationContextRunner metrics = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                CashewsAutoConfiguration.class, CashewsMetricsAutoConfiguration.class,
                org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration.class,
                org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration.class,
                org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration.class))
                .withPropertyValues("spring.application.name=shop");
        metrics.run(context -> {
            Cashews cache = context.getBean(Cashews.class);
            cache.get("missing");
            cache.set("k", "v");
            cache.get("k");
            io.micrometer.core.instrument.MeterRegistry registry = context.getBean(io.micrometer.core.instrument.MeterRegistry.class);
            assertThat(registry.get("cache.gets").tags("cache", "commands", "result", "miss", "cacheManager", "shop")
                    .counter().count()).isEqualTo(1.0);
            assertThat(registry.get("cache.gets").tags("result", "hit").counter().count()).isEqualTo(1.0);
            assertThat(registry.get("cache.puts").counter().count()).isEqualTo(1.0);
        });
        metrics.withClassLoader(new FilteredClassLoader(io.micrometer.core.instrument.MeterRegistry.class))
                .run(context -> assertThat(context).hasSingleBean(Cashews.class)
                        .doesNotHaveBean(io.cashews.micrometer.CashewsMetrics.class));
        metrics.withClassLoader(new FilteredClassLoader(io.cashews.micrometer.CashewsMetrics.class))
                .run(context -> assertThat(context).doesNotHaveBean(io.cashews.micrometer.CashewsMetrics.class));
    }

    @Test
    void theConfigurationMetadataNamesEveryProperty() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).isNotNull();
            String metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(metadata).contains("\"cashews.url\"", "\"cashews.enabled\"", "\"cashews.backends\"",
                    "\"cashews.spring-cache.enabled\"", "\"cashews.spring-cache.ttl\"", "\"cashews.spring-cache.lock\"",
                    "\"cashews.web.url-patterns\"", "\"cashews.web.etag.enabled\"", "\"cashews.web.cache-control.enabled\"",
                    "\"cashews.web.clear-site-data.enabled\"", "\"cashews.proxies.auto\"");
        }
    }
}
