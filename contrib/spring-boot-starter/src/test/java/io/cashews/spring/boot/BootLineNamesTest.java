package io.cashews.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.cache.CacheMetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;

/**
 * The starter runs on Boot 3.5 and 4.0 (sample-boot4 checks the other line): its
 * auto-configurations name the classes that moved between the lines instead of referring to them,
 * so that their annotations read on either.
 */
class BootLineNamesTest {

    @Test
    void everyAutoConfigurationReadsByReflectionAndNamesThisLinesCacheAutoConfiguration() throws Exception {
        List<String> listed = new ArrayList<>();
        ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).forEach(name -> {
            if (name.startsWith("io.cashews.")) {
                listed.add(name);
            }
        });
        assertThat(listed).containsExactly(CashewsAutoConfiguration.class.getName(), CashewsCacheAutoConfiguration.class.getName(),
                CashewsWebAutoConfiguration.class.getName(), CashewsMetricsAutoConfiguration.class.getName(),
                CashewsActuatorAutoConfiguration.class.getName(), CashewsHealthAutoConfiguration.class.getName());
        for (String name : listed) {
            AutoConfiguration annotation = Class.forName(name).getAnnotation(AutoConfiguration.class);
            assertThat(annotation).as(name).isNotNull();
            assertThatCode(annotation::before).as(name).doesNotThrowAnyException();
            assertThatCode(annotation::after).as(name).doesNotThrowAnyException();
        }
        assertThat(CashewsCacheAutoConfiguration.class.getAnnotation(AutoConfiguration.class).beforeName())
                .containsExactly(CacheAutoConfiguration.class.getName(), CashewsCacheAutoConfiguration.BOOT_4_CACHE_AUTO_CONFIGURATION);
        assertThat(CashewsMetricsAutoConfiguration.class.getAnnotation(AutoConfiguration.class).beforeName()).containsExactly(
                CacheMetricsAutoConfiguration.class.getName(), CashewsMetricsAutoConfiguration.BOOT_4_CACHE_METRICS_AUTO_CONFIGURATION);
    }

    @Test
    void theBoot4TypesAreAbsentHereSoTheirClassesCannotEvenLoad() {
        // This module's tests run as a Boot 3.5 application does: without spring-boot-health and
        // spring-boot-cache 4 (surefire keeps them off), so a Boot 4 class of the starter fails to
        // load, and any context below that touched one would fail.
        assertThatThrownBy(() -> Class.forName("org.springframework.boot.health.contributor.HealthIndicator"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.springframework.boot.cache.metrics.CacheMeterBinderProvider"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName(CashewsHealthAutoConfiguration.class.getName() + "$Boot4").getDeclaredMethods())
                .as("its bean method returns the Boot 4 indicator").isInstanceOf(NoClassDefFoundError.class);
        assertThatThrownBy(() -> Class.forName("io.cashews.spring.boot.CashewsBoot4CacheMeterBinderProvider"))
                .isInstanceOf(NoClassDefFoundError.class);
    }

    @Test
    void aBoot35ContextWithTheActuatorMetricsAndCachesGetsTheBoot35BeansOnly() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CashewsAutoConfiguration.class,
                        CashewsCacheAutoConfiguration.class, CacheAutoConfiguration.class, CashewsMetricsAutoConfiguration.class,
                        MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                        SimpleMetricsExportAutoConfiguration.class, CacheMetricsAutoConfiguration.class,
                        CashewsHealthAutoConfiguration.class, CashewsActuatorAutoConfiguration.class,
                        HealthContributorAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
                        EndpointAutoConfiguration.class))
                .withUserConfiguration(Caching.class)
                .withPropertyValues("cashews.spring-cache.enabled=true", "management.endpoints.web.exposure.include=cashews")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(CashewsHealthIndicator.class)
                            .hasSingleBean(CashewsCacheMeterBinderProvider.class).hasSingleBean(CashewsEndpoint.class);
                    assertThat(context.getBeanNamesForType(CashewsHealthIndicator.class)).containsExactly("cashewsHealthIndicator");
                    assertThat(context.getBeanDefinitionNames()).noneMatch(name -> name.contains("Boot4"));
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class Caching {
    }
}
