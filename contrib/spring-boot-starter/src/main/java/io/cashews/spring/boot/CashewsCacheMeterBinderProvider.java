package io.cashews.spring.boot;

import io.cashews.spring.CashewsSpringCache;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.actuate.metrics.cache.CacheMeterBinderProvider;

/**
 * Micrometer's cache meters for the Spring caches of a {@code CashewsCacheManager}, as Boot's
 * cache metrics bind them to each registry: {@code cache.gets{result=hit|miss}},
 * {@code cache.puts} and {@code cache.evictions}, tagged {@code cache=<name>} and
 * {@code cache.manager=<bean name>} by Boot, from the cache's own counters
 * ({@link CashewsSpringCache#hitCount()} and the others). {@code cache.size} is not reported
 * (counting a cache's keys would scan its backend). Boot binds the caches it knows at startup:
 * the ones named in {@code cashews.spring-cache.ttl}. This one is Boot 3.5's
 * ({@code org.springframework.boot.actuate.metrics.cache}); on Boot 4 the starter registers
 * {@link CashewsBoot4CacheMeterBinderProvider}, which binds the same meters.
 */
public class CashewsCacheMeterBinderProvider implements CacheMeterBinderProvider<CashewsSpringCache> {

    /** Creates the provider. */
    public CashewsCacheMeterBinderProvider() {}

    @Override
    public MeterBinder getMeterBinder(CashewsSpringCache cache, Iterable<Tag> tags) {
        return new CashewsCacheMeterBinder(cache, tags);
    }
}
