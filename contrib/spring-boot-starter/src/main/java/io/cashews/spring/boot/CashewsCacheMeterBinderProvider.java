package io.cashews.spring.boot;

import io.cashews.spring.CashewsSpringCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.metrics.cache.CacheMeterBinderProvider;

/**
 * Micrometer's cache meters for the Spring caches of a {@code CashewsCacheManager}, as Boot's
 * cache metrics bind them to each registry: {@code cache.gets{result=hit|miss}},
 * {@code cache.puts} and {@code cache.evictions}, tagged {@code cache=<name>} and
 * {@code cache.manager=<bean name>} by Boot, from the cache's own counters
 * ({@link CashewsSpringCache#hitCount()} and the others). {@code cache.size} is not reported
 * (counting a cache's keys would scan its backend). Boot binds the caches it knows at startup:
 * the ones named in {@code cashews.spring-cache.ttl}.
 */
public class CashewsCacheMeterBinderProvider implements CacheMeterBinderProvider<CashewsSpringCache> {

    /** Creates the provider. */
    public CashewsCacheMeterBinderProvider() {}

    @Override
    public MeterBinder getMeterBinder(CashewsSpringCache cache, Iterable<Tag> tags) {
        return new Binder(cache, tags);
    }

    /** The meters of one cache; holds it weakly, as Micrometer's cache binders do. */
    static final class Binder extends CacheMeterBinder<CashewsSpringCache> {

        Binder(CashewsSpringCache cache, Iterable<Tag> tags) {
            super(cache, cache.getName(), tags);
        }

        @Override
        protected @Nullable Long size() {
            return null;
        }

        @Override
        protected long hitCount() {
            CashewsSpringCache cache = getCache();
            return cache == null ? 0 : cache.hitCount();
        }

        @Override
        protected @Nullable Long missCount() {
            CashewsSpringCache cache = getCache();
            return cache == null ? null : cache.missCount();
        }

        @Override
        protected @Nullable Long evictionCount() {
            CashewsSpringCache cache = getCache();
            return cache == null ? null : cache.evictionCount();
        }

        @Override
        protected long putCount() {
            CashewsSpringCache cache = getCache();
            return cache == null ? 0 : cache.putCount();
        }

        @Override
        protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
            // Nothing beyond Micrometer's common cache meters.
        }
    }
}
