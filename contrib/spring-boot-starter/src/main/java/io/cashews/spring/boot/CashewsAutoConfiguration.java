package io.cashews.spring.boot;

import io.cashews.Cashews;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@link Cashews} bean: the default backend from {@code cashews.url} ({@code mem://} unless
 * set), one more per {@code cashews.backends.<prefix>.url}, then every
 * {@link CashewsCustomizer}. Closed with the context. Backs off when the application defines a
 * {@code Cashews} bean, and when {@code cashews.enabled=false}. With {@code cashews.proxies.auto}
 * (the default) beans that implement an interface with a generated proxy are replaced by that
 * proxy around them ({@link CashewsProxyBeanPostProcessor}).
 */
@AutoConfiguration
@ConditionalOnClass(Cashews.class)
@ConditionalOnProperty(prefix = "cashews", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(CashewsProperties.class)
public class CashewsAutoConfiguration {

    /**
     * Creates the instance.
     *
     * @param properties {@code cashews.*}
     * @param customizers the application's customizers, in order
     * @return the set-up instance
     * @throws IllegalArgumentException naming the property when a URL is missing or bad
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Cashews cashews(CashewsProperties properties, ObjectProvider<CashewsCustomizer> customizers) {
        Cashews cache = new Cashews();
        try {
            setUp(cache, "cashews.url", properties.getUrl(), "");
            for (Map.Entry<String, CashewsProperties.Backend> backend : properties.getBackends().entrySet()) {
                setUp(cache, "cashews.backends." + backend.getKey() + ".url", backend.getValue().getUrl(), backend.getKey());
            }
            customizers.orderedStream().forEach(customizer -> customizer.customize(cache));
            return cache;
        } catch (RuntimeException e) {
            cache.close();
            throw e;
        }
    }

    /**
     * Wraps beans that implement an interface with a generated proxy in that proxy
     * ({@code cashews.proxies.auto}, on unless set to {@code false}). Static, so that the
     * post-processor is registered before any bean is created and does not pull this
     * configuration in early; the {@code Cashews} bean is resolved on the first wrap.
     *
     * @param cache the instance, resolved lazily
     * @return the post-processor
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "cashews.proxies", name = "auto", havingValue = "true", matchIfMissing = true)
    public static CashewsProxyBeanPostProcessor cashewsProxyBeanPostProcessor(ObjectProvider<Cashews> cache) {
        return new CashewsProxyBeanPostProcessor(cache::getObject);
    }

    private static void setUp(Cashews cache, String property, String url, String prefix) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("property '" + property + "' must name a backend URL, such as mem://");
        }
        try {
            cache.setup(url, prefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("property '" + property + "': " + e.getMessage(), e);
        }
    }
}
