package io.cashews.spring.boot;

import io.cashews.Cashews;

/**
 * Adjusts the auto-configured {@link Cashews} instance once its backends are set up, before any
 * other bean uses it: middlewares, disabled commands, default failover exceptions.
 * <pre>{@code
 * @Bean
 * CashewsCustomizer timing() {
 *     return cache -> cache.addMiddleware(new TimingMiddleware());
 * }
 * }</pre>
 * Customizers run in their {@code @Order}.
 */
@FunctionalInterface
public interface CashewsCustomizer {

    /**
     * Adjusts the instance.
     *
     * @param cache the instance, set up
     */
    void customize(Cashews cache);
}
