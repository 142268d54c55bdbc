package io.cashews.spring.boot;

import io.cashews.Cashews;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code cashews} health contributor (a ping per backend; off with
 * {@code management.health.cashews.enabled=false}), on the Boot line the application runs:
 * {@link CashewsHealthIndicator} with Boot 3.5's actuator ({@code org.springframework.boot.actuate.health}),
 * {@link CashewsBoot4HealthIndicator} with Boot 4's {@code spring-boot-health}
 * ({@code org.springframework.boot.health.contributor}). Each nested configuration is guarded by
 * its line's class names, so that the other line's types are never loaded. Either backs off for
 * a bean named {@code cashewsHealthIndicator} the application defines.
 */
@AutoConfiguration(after = CashewsAutoConfiguration.class)
@ConditionalOnBean(Cashews.class)
public class CashewsHealthAutoConfiguration {

    /** Creates the configuration; Boot does. */
    public CashewsHealthAutoConfiguration() {}

    /** Boot 3.5: the actuator's health types. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.actuate.health.HealthIndicator",
            "org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator"})
    @org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator("cashews")
    static class Boot3 {

        @Bean
        @ConditionalOnMissingBean(name = "cashewsHealthIndicator")
        CashewsHealthIndicator cashewsHealthIndicator(Cashews cache) {
            return new CashewsHealthIndicator(cache);
        }
    }

    /** Boot 4: spring-boot-health's types. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.health.contributor.HealthIndicator",
            "org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator"})
    @org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator("cashews")
    static class Boot4 {

        @Bean
        @ConditionalOnMissingBean(name = "cashewsHealthIndicator")
        CashewsBoot4HealthIndicator cashewsHealthIndicator(Cashews cache) {
            return new CashewsBoot4HealthIndicator(cache);
        }
    }
}
