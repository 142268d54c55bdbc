package io.cashews.sample.boot4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cashews.Cashews;
import io.cashews.Command;
import io.cashews.NotConfiguredException;
import io.cashews.micrometer.CashewsMetrics;
import io.cashews.servlet.CashewsCacheControlFilter;
import io.cashews.servlet.CashewsClearSiteDataFilter;
import io.cashews.servlet.CashewsEtagFilter;
import io.cashews.spring.CashewsCacheManager;
import io.cashews.spring.CashewsSpringCache;
import io.cashews.spring.boot.CashewsActuatorAutoConfiguration;
import io.cashews.spring.boot.CashewsAutoConfiguration;
import io.cashews.spring.boot.CashewsBoot4CacheMeterBinderProvider;
import io.cashews.spring.boot.CashewsBoot4HealthIndicator;
import io.cashews.spring.boot.CashewsEndpoint;
import io.cashews.spring.boot.CashewsHealthAutoConfiguration;
import io.cashews.spring.boot.CashewsCacheAutoConfiguration;
import io.cashews.spring.boot.CashewsCustomizer;
import io.cashews.spring.boot.CashewsMetricsAutoConfiguration;
import io.cashews.spring.boot.CashewsWebAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Configuration;

/**
 * Every condition and back-off of the starter (compiled against Boot 3.5) in contexts as Boot 4
 * builds them, beside Boot 4's own auto-configurations where they moved: the cache one to
 * {@code org.springframework.boot.cache.autoconfigure} (spring-boot-cache), the metrics ones to
 * {@code org.springframework.boot.micrometer.metrics.autoconfigure} (spring-boot-micrometer-metrics).
 */
class StarterConditionsOnBoot4Test {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            CashewsAutoConfiguration.class, CashewsCacheAutoConfiguration.class, CacheAutoConfiguration.class,
            CashewsWebAutoConfiguration.class));

    private final WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            CashewsAutoConfiguration.class, CashewsWebAutoConfiguration.class));

    private final ApplicationContextRunner metrics = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            CashewsAutoConfiguration.class, CashewsMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
            CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
            .withPropertyValues("spring.application.name=shop");

    private final ApplicationContextRunner actuator = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            CashewsAutoConfiguration.class, CashewsHealthAutoConfiguration.class, CashewsActuatorAutoConfiguration.class,
            HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
            HealthEndpointAutoConfiguration.class, EndpointAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=health,cashews");

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class Caching {
    }

    @Test
    void everyAutoConfigurationOfTheStarterReadsWithoutABoot3ClassAndRunsBeforeBoot4sCache() {
        List<String> listed = new ArrayList<>();
        ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).forEach(listed::add);
        List<String> ours = listed.stream().filter(name -> name.startsWith("io.cashews.")).toList();
        assertThat(ours).containsExactly(CashewsAutoConfiguration.class.getName(), CashewsCacheAutoConfiguration.class.getName(),
                CashewsWebAutoConfiguration.class.getName(), CashewsMetricsAutoConfiguration.class.getName(),
                CashewsActuatorAutoConfiguration.class.getName(), CashewsHealthAutoConfiguration.class.getName());
        for (String name : ours) {
            AutoConfiguration annotation = load(name).getAnnotation(AutoConfiguration.class);
            assertThat(annotation).as(name).isNotNull();
            // A class literal naming a class that Boot 4 moved fails here (TypeNotPresentException),
            // and Spring then drops the whole annotation when it reads it by reflection.
            assertThatCode(annotation::before).as(name + " before").doesNotThrowAnyException();
            assertThatCode(annotation::after).as(name + " after").doesNotThrowAnyException();
        }
        assertThat(load(CashewsCacheAutoConfiguration.class.getName()).getAnnotation(AutoConfiguration.class).beforeName())
                .contains(CacheAutoConfiguration.class.getName());
        assertThat(load(CashewsMetricsAutoConfiguration.class.getName()).getAnnotation(AutoConfiguration.class).beforeName())
                .contains(CacheMetricsAutoConfiguration.class.getName());
    }

    @Test
    void theBoot3TypesAreAbsentSoTheStartersBoot3ClassesCannotEvenLoad() {
        // Any context below that touched one of these would fail: they are never loaded on Boot 4.
        assertThatThrownBy(() -> Class.forName("org.springframework.boot.actuate.health.HealthIndicator"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.springframework.boot.actuate.metrics.cache.CacheMeterBinderProvider"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("io.cashews.spring.boot.CashewsHealthIndicator"))
                .isInstanceOf(NoClassDefFoundError.class);
        assertThatThrownBy(() -> Class.forName("io.cashews.spring.boot.CashewsCacheMeterBinderProvider"))
                .isInstanceOf(NoClassDefFoundError.class);
    }

    @Test
    void theHealthContributorUsesBoot4sHealthTypesAndTheEndpointNeedsNoHealthClass() {
        actuator.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(CashewsBoot4HealthIndicator.class).hasSingleBean(CashewsEndpoint.class);
            HealthDescriptor health = context.getBean(HealthEndpoint.class).healthForPath("cashews");
            assertThat(health).isNotNull();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            Health direct = context.getBean(CashewsBoot4HealthIndicator.class).health();
            assertThat(direct.getDetails()).containsOnlyKeys("backends");
            assertThat(direct.getDetails().get("backends").toString()).contains("ping=PONG", "MemoryBackend");
        });
        actuator.withPropertyValues("management.health.cashews.enabled=false").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(CashewsBoot4HealthIndicator.class).hasSingleBean(CashewsEndpoint.class));
        actuator.withClassLoader(new FilteredClassLoader(org.springframework.boot.health.contributor.HealthIndicator.class))
                .run(context -> assertThat(context).doesNotHaveBean(CashewsBoot4HealthIndicator.class)
                        .hasSingleBean(CashewsEndpoint.class));
        actuator.withPropertyValues("management.endpoints.web.exposure.include=health").run(context ->
                assertThat(context).hasSingleBean(CashewsBoot4HealthIndicator.class).doesNotHaveBean(CashewsEndpoint.class));
    }

    @Test
    void springCachesGetMicrometersCacheMetersThroughBoot4sCacheMetrics() {
        metrics.withConfiguration(AutoConfigurations.of(CashewsCacheAutoConfiguration.class, CacheAutoConfiguration.class,
                        CacheMetricsAutoConfiguration.class))
                .withUserConfiguration(Caching.class)
                .withPropertyValues("cashews.spring-cache.enabled=true", "cashews.spring-cache.ttl.users=1h")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(CashewsBoot4CacheMeterBinderProvider.class);
                    org.springframework.cache.Cache users = context.getBean(CacheManager.class).getCache("users");
                    users.get("nobody");
                    users.put("ada", "Ada");
                    users.get("ada");
                    users.evict("ada");
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.get("cache.gets").tags("cache", "users", "result", "miss").functionCounter().count())
                            .isEqualTo(1.0);
                    assertThat(registry.get("cache.gets").tags("cache", "users", "result", "hit").functionCounter().count())
                            .isEqualTo(1.0);
                    assertThat(registry.get("cache.puts").tags("cache", "users").functionCounter().count()).isEqualTo(1.0);
                    assertThat(registry.get("cache.evictions").tags("cache", "users").functionCounter().count()).isEqualTo(1.0);
                });
        metrics.withConfiguration(AutoConfigurations.of(CashewsCacheAutoConfiguration.class, CacheAutoConfiguration.class))
                .withUserConfiguration(Caching.class).withPropertyValues("cashews.spring-cache.enabled=true")
                .withClassLoader(new FilteredClassLoader(org.springframework.boot.cache.metrics.CacheMeterBinderProvider.class))
                .run(context -> assertThat(context).hasSingleBean(CacheManager.class)
                        .doesNotHaveBean(CashewsBoot4CacheMeterBinderProvider.class));
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(name, e);
        }
    }

    @Test
    void aCashewsBeanOnMemByDefaultClosedWithTheContext() {
        AtomicReference<Cashews> made = new AtomicReference<>();
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Cashews.class);
            Cashews cache = context.getBean(Cashews.class);
            made.set(cache);
            cache.set("k", "v");
            assertThat(cache.<String>get("k")).isEqualTo("v");
            assertThat(context).doesNotHaveBean(CacheManager.class).doesNotHaveBean(FilterRegistrationBean.class);
        });
        assertThatThrownBy(() -> made.get().set("k", "v")).as("closed with the context")
                .isInstanceOf(NotConfiguredException.class);
    }

    @Test
    void backendsByPrefixAndCustomizers() {
        runner.withPropertyValues("cashews.url=mem://?size=100", "cashews.backends.off.url=mem://?disable=true")
                .withBean(CashewsCustomizer.class, () -> cache -> cache.disable(Command.INCR))
                .run(context -> {
                    Cashews cache = context.getBean(Cashews.class);
                    assertThat(cache.set("off:a", 1)).isFalse();
                    assertThat(cache.set("on:a", 1)).isTrue();
                    assertThat(cache.getMany("off:a", "on:a")).containsExactly(null, 1);
                    assertThat(cache.isEnabled(Command.INCR)).isFalse();
                });
    }

    @Test
    void aBadUrlFailsTheContextNamingTheProperty() {
        runner.withPropertyValues("cashews.backends.remote.url=mem://?no_such_option=1").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("property 'cashews.backends.remote.url'")
                        .hasStackTraceContaining("unknown option 'no_such_option'"));
    }

    @Test
    void itBacksOffForTheApplicationsOwnInstanceWhenDisabledAndWithoutTheRuntime() {
        try (Cashews own = Cashews.create("mem://")) {
            runner.withBean(Cashews.class, () -> own).run(context ->
                    assertThat(context).getBean(Cashews.class).isSameAs(own));
        }
        runner.withPropertyValues("cashews.enabled=false").run(context -> assertThat(context).doesNotHaveBean(Cashews.class));
        runner.withClassLoader(new FilteredClassLoader(Cashews.class)).run(context ->
                assertThat(context).doesNotHaveBean(CashewsAutoConfiguration.class).doesNotHaveBean(Cashews.class));
    }

    @Test
    void springCacheIsOffUnlessEnabledThenBootsCacheAutoConfigurationBacksOff() {
        runner.withUserConfiguration(Caching.class).run(context ->
                assertThat(context).getBean(CacheManager.class).isNotInstanceOf(CashewsCacheManager.class));
        runner.withUserConfiguration(Caching.class)
                .withPropertyValues("cashews.spring-cache.enabled=true", "cashews.spring-cache.ttl.default=10m",
                        "cashews.spring-cache.ttl.users=1h", "cashews.spring-cache.lock=reports")
                .run(context -> {
                    assertThat(context).hasSingleBean(CacheManager.class);
                    CashewsCacheManager manager = context.getBean(CashewsCacheManager.class);
                    assertThat(((CashewsSpringCache) manager.getCache("users")).getTtl()).isEqualTo(Duration.ofHours(1));
                    assertThat(((CashewsSpringCache) manager.getCache("other")).getTtl()).isEqualTo(Duration.ofMinutes(10));
                    CashewsSpringCache reports = (CashewsSpringCache) manager.getCache("reports");
                    assertThat(reports.isLocking()).isTrue();
                    assertThat(reports.getTtl()).isEqualTo(Duration.ofMinutes(10));
                });
    }

    @Test
    void theApplicationsCacheManagerWins() {
        runner.withUserConfiguration(Caching.class).withPropertyValues("cashews.spring-cache.enabled=true")
                .withBean(CacheManager.class, ConcurrentMapCacheManager::new)
                .run(context -> {
                    assertThat(context).getBean(CacheManager.class).isInstanceOf(ConcurrentMapCacheManager.class);
                    assertThat(context).doesNotHaveBean(CashewsCacheManager.class);
                });
    }

    @Test
    void filtersAreRegisteredOnlyWhenEnabledInAServletApplication() {
        web.run(context -> assertThat(context).hasSingleBean(Cashews.class).doesNotHaveBean(FilterRegistrationBean.class));
        web.withPropertyValues("cashews.web.etag.enabled=true", "cashews.web.cache-control.enabled=true",
                "cashews.web.clear-site-data.enabled=true", "cashews.web.url-patterns=/api/*,/pages/*")
                .run(context -> {
                    @SuppressWarnings("rawtypes")
                    List<FilterRegistrationBean> registrations = context.getBeansOfType(FilterRegistrationBean.class).values()
                            .stream().sorted(Comparator.comparingInt(FilterRegistrationBean::getOrder)).toList();
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
    void metricsAreBoundByBoot4sMetricsAutoConfigurationWhenMicrometerIsPresent() {
        metrics.run(context -> {
            assertThat(context).hasSingleBean(CashewsMetrics.class);
            Cashews cache = context.getBean(Cashews.class);
            cache.get("missing");
            cache.set("k", "v");
            cache.get("k");
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("cache.gets").tags("cache", "commands", "result", "miss", "cacheManager", "shop")
                    .counter().count()).isEqualTo(1.0);
            assertThat(registry.get("cache.gets").tags("result", "hit").counter().count()).isEqualTo(1.0);
            assertThat(registry.get("cache.puts").counter().count()).isEqualTo(1.0);
        });
    }

    @Test
    void noMetricsWithoutMicrometerOrCashewsMicrometer() {
        // Without Micrometer there is no Boot metrics auto-configuration either (Boot 4's own one
        // fails to start when MeterRegistry alone is hidden from it): the starter's, by itself.
        ApplicationContextRunner bare = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                CashewsAutoConfiguration.class, CashewsMetricsAutoConfiguration.class));
        bare.run(context -> assertThat(context).as("the control: present without a filter").hasSingleBean(CashewsMetrics.class));
        bare.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).hasSingleBean(Cashews.class).doesNotHaveBean(CashewsMetrics.class));
        bare.withClassLoader(new FilteredClassLoader(CashewsMetrics.class))
                .run(context -> assertThat(context).hasSingleBean(Cashews.class).doesNotHaveBean(CashewsMetrics.class));
    }
}
