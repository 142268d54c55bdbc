package io.cashews.jcache;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import javax.cache.management.CacheStatisticsMXBean;

/**
 * The statistics of one {@link CashewsJCache}, counted by this JVM per operation as the JCache
 * specification defines them, and published as
 * {@code javax.cache:type=CacheStatistics,CacheManager=<uri>,Cache=<name>} while statistics are
 * enabled. Average times are in microseconds. Evictions are those of a backend the cache has to
 * itself ({@code mem://}); on a shared store (Redis, {@code disk://}) the store evicts for every
 * writer at once and none of it is attributed to one cache, so they stay 0.
 */
final class CashewsStatistics implements CacheStatisticsMXBean {

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder removals = new LongAdder();
    private final LongAdder getNanos = new LongAdder();
    private final LongAdder putNanos = new LongAdder();
    private final LongAdder removeNanos = new LongAdder();
    private final LongSupplier backendEvictions;
    private volatile long evictionsBase;

    CashewsStatistics(LongSupplier backendEvictions) {
        this.backendEvictions = backendEvictions;
        this.evictionsBase = Math.max(0, backendEvictions.getAsLong());
    }

    void hits(long n) {
        hits.add(n);
    }

    void misses(long n) {
        misses.add(n);
    }

    void puts(long n) {
        puts.add(n);
    }

    void removals(long n) {
        removals.add(n);
    }

    void getTime(long nanos) {
        getNanos.add(nanos);
    }

    void putTime(long nanos) {
        putNanos.add(nanos);
    }

    void removeTime(long nanos) {
        removeNanos.add(nanos);
    }

    @Override
    public void clear() {
        hits.reset();
        misses.reset();
        puts.reset();
        removals.reset();
        getNanos.reset();
        putNanos.reset();
        removeNanos.reset();
        evictionsBase = Math.max(0, backendEvictions.getAsLong());
    }

    @Override
    public long getCacheHits() {
        return hits.sum();
    }

    @Override
    public float getCacheHitPercentage() {
        long gets = getCacheGets();
        return gets == 0 ? 0 : getCacheHits() * 100f / gets;
    }

    @Override
    public long getCacheMisses() {
        return misses.sum();
    }

    @Override
    public float getCacheMissPercentage() {
        long gets = getCacheGets();
        return gets == 0 ? 0 : getCacheMisses() * 100f / gets;
    }

    @Override
    public long getCacheGets() {
        return hits.sum() + misses.sum();
    }

    @Override
    public long getCachePuts() {
        return puts.sum();
    }

    @Override
    public long getCacheRemovals() {
        return removals.sum();
    }

    @Override
    public long getCacheEvictions() {
        long now = backendEvictions.getAsLong();
        return now < 0 ? 0 : Math.max(0, now - evictionsBase);
    }

    @Override
    public float getAverageGetTime() {
        return average(getNanos.sum(), getCacheGets());
    }

    @Override
    public float getAveragePutTime() {
        return average(putNanos.sum(), getCachePuts());
    }

    @Override
    public float getAverageRemoveTime() {
        return average(removeNanos.sum(), getCacheRemovals());
    }

    private static float average(long nanos, long count) {
        return count == 0 ? 0 : nanos / 1000f / count;
    }
}
