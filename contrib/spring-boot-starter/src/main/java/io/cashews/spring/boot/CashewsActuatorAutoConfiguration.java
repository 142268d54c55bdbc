package io.cashews.spring.boot;

import io.cashews.Cashews;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With Spring Boot's actuator on the class path: the {@code cashews} endpoint
 * ({@link CashewsEndpoint}, available when exposed, for example
 * {@code management.endpoints.web.exposure.include=health,cashews}), unless the application
 * defines one. The endpoint annotations are in the same place on Boot 3.5 and 4.0, so this one
 * works on both; the health contributor, whose types moved, is {@link CashewsHealthAutoConfiguration}'s.
 */
@AutoConfiguration(after = CashewsAutoConfiguration.class)
@ConditionalOnClass(name = {"org.springframework.boot.actuate.endpoint.annotation.Endpoint",
        "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint"})
@ConditionalOnBean(Cashews.class)
public class CashewsActuatorAutoConfiguration {

    /** Creates the configuration; Boot does. */
    public CashewsActuatorAutoConfiguration() {}

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
