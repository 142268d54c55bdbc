package io.cashews.spring.boot;

import io.cashews.Cashews;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With Spring Boot's actuator on the class path: the {@code cashews} health contributor
 * ({@link CashewsHealthIndicator}, off with {@code management.health.cashews.enabled=false}) and
 * the {@code cashews} endpoint ({@link CashewsEndpoint}, available when exposed, for example
 * {@code management.endpoints.web.exposure.include=health,cashews}). Each backs off for a bean
 * of the same type the application defines.
 */
@AutoConfiguration(after = CashewsAutoConfiguration.class)
@ConditionalOnClass(name = {"org.springframework.boot.actuate.health.HealthIndicator",
        "org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator"})
@ConditionalOnBean(Cashews.class)
public class CashewsActuatorAutoConfiguration {

    /** Creates the configuration; Boot does. */
    public CashewsActuatorAutoConfiguration() {}

    /** The health contributor, named {@code cashews} after its bean. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("cashews")
    static class Health {

        @Bean
        @ConditionalOnMissingBean(name = "cashewsHealthIndicator")
        CashewsHealthIndicator cashewsHealthIndicator(Cashews cache) {
            return new CashewsHealthIndicator(cache);
        }
    }

    /** The endpoint. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnAvailableEndpoint(endpoint = CashewsEndpoint.class)
    static class Endpoint {

        @Bean
        @ConditionalOnMissingBean
        CashewsEndpoint cashewsEndpoint(Cashews cache) {
            return new CashewsEndpoint(cache);
        }
    }
}
