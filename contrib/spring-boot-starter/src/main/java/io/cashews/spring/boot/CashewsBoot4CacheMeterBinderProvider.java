package io.cashews.spring.boot;

import io.cashews.spring.CashewsSpringCache;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;

/**
 * On Spring Boot 4, where {@code CacheMeterBinderProvider} moved to
 * {@code org.springframework.boot.cache.metrics} ({@code spring-boot-cache}): the same cache meters
 * as {@link CashewsCacheMeterBinderProvider} gives on Boot 3.5 ({@code cache.gets{result=hit|miss}},
 * {@code cache.puts}, {@code cache.evictions}, no {@code cache.size}), bound by Boot 4's cache
 * metrics to the caches it knows at startup. Registered only when Boot 4's interface is on the
 * class path.
 */
public class CashewsBoot4CacheMeterBinderProvider implements CacheMeterBinderProvider<CashewsSpringCache> {

    /** Creates the provider. */
    public CashewsBoot4CacheMeterBinderProvider() {}

    @Override
    public MeterBinder getMeterBinder(CashewsSpringCache cache, Iterable<Tag> tags) {
        return new CashewsCacheMeterBinder(cache, tags);
    }
}
