package io.cashews.spring.boot;

import io.cashews.Cashews;
import io.cashews.servlet.CashewsCacheControlFilter;
import io.cashews.servlet.CashewsClearSiteDataFilter;
import io.cashews.servlet.CashewsEtagFilter;
import jakarta.servlet.Filter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * In a servlet web application with {@code cashews-servlet} on the class path, registers each
 * filter whose {@code cashews.web.<filter>.enabled} is {@code true} (all are off by default) on
 * {@code cashews.web.url-patterns} ({@code /*} by default), in the order that keeps a request's
 * demand for fresh data ahead of a {@code 304}: Clear-Site-Data, then Cache-Control, then ETag.
 * A registration bean of the same name defined by the application wins.
 */
@AutoConfiguration(after = CashewsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({Filter.class, CashewsEtagFilter.class})
@ConditionalOnBean(Cashews.class)
public class CashewsWebAutoConfiguration {

    /** The order of the first filter: early, but after Boot's own request filters (encoding). */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    /**
     * {@code cashews.web.clear-site-data.enabled}.
     *
     * @param cache the instance
     * @param properties {@code cashews.*}
     * @return the registration
     */
    @Bean
    @ConditionalOnProperty(prefix = "cashews.web.clear-site-data", name = "enabled", havingValue = "true")
    public FilterRegistrationBean<CashewsClearSiteDataFilter> cashewsClearSiteDataFilter(Cashews cache,
            CashewsProperties properties) {
        return registration(new CashewsClearSiteDataFilter(cache), properties, 0);
    }

    /**
     * {@code cashews.web.cache-control.enabled}.
     *
     * @param cache the instance
     * @param properties {@code cashews.*}
     * @return the registration
     */
    @Bean
    @ConditionalOnProperty(prefix = "cashews.web.cache-control", name = "enabled", havingValue = "true")
    public FilterRegistrationBean<CashewsCacheControlFilter> cashewsCacheControlFilter(Cashews cache,
            CashewsProperties properties) {
        return registration(new CashewsCacheControlFilter(cache), properties, 1);
    }

    /**
     * {@code cashews.web.etag.enabled}.
     *
     * @param cache the instance
     * @param properties {@code cashews.*}
     * @return the registration
     */
    @Bean
    @ConditionalOnProperty(prefix = "cashews.web.etag", name = "enabled", havingValue = "true")
    public FilterRegistrationBean<CashewsEtagFilter> cashewsEtagFilter(Cashews cache, CashewsProperties properties) {
        return registration(new CashewsEtagFilter(cache), properties, 2);
    }

    private static <F extends Filter> FilterRegistrationBean<F> registration(F filter, CashewsProperties properties, int position) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.setUrlPatterns(properties.getWeb().getUrlPatterns());
        registration.setOrder(ORDER + position);
        return registration;
    }
}
