package io.cashews.spring.boot;

import io.cashews.spring.CashewsSpringCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer's cache meters of one {@link CashewsSpringCache}, from the cache's own counters; the
 * binder both Boot lines' {@code CacheMeterBinderProvider}s hand out
 * ({@link CashewsCacheMeterBinderProvider}, {@link CashewsBoot4CacheMeterBinderProvider}). Holds the
 * cache weakly, as Micrometer's cache binders do.
 */
final class CashewsCacheMeterBinder extends CacheMeterBinder<CashewsSpringCache> {

    CashewsCacheMeterBinder(CashewsSpringCache cache, Iterable<Tag> tags) {
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
