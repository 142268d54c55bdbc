package io.cashews.internal;

import io.cashews.CacheEvent;
import io.cashews.CacheEvent.Kind;
import io.cashews.Cashews;
import io.cashews.time.CacheClock;
import org.jspecify.annotations.Nullable;

/**
 * Where one strategy of one method reports its {@link CacheEvent}s: the instance, the strategy's
 * name and the key template, fixed when the proxy is built. Every report starts with the
 * instance's one volatile read of its listeners and builds nothing while there is none.
 */
final class EventSite {
    /** What {@link #start()} answers while no listener is installed: no duration is measured. */
    static final long UNTIMED = Long.MIN_VALUE;

    private final Cashews cache;
    private final String strategy;
    private final String template;
    private final CacheClock clock;

    EventSite(Cashews cache, String strategy, String template) {
        this.cache = cache;
        this.strategy = strategy;
        this.template = template;
        this.clock = cache.clock();
    }

    boolean on() {
        return cache.hasListeners();
    }

    void report(Kind kind, String key) {
        cache.report(kind, strategy, template, key, -1, null);
    }

    void report(Kind kind, String key, @Nullable String outcome) {
        cache.report(kind, strategy, template, key, -1, outcome);
    }

    /** A hit when {@code stored} is a value, a miss when it is {@code miss}. */
    void read(String key, @Nullable Object stored, Object miss) {
        cache.report(stored == miss ? Kind.MISS : Kind.HIT, strategy, template, key, -1, null);
    }

    /** The clock's reading at the start of a delegate run or wait, or {@link #UNTIMED}. */
    long start() {
        return cache.hasListeners() ? clock.nanoTime() : UNTIMED;
    }

    /** One delegate run that began at {@code start} ({@link #start()}). */
    void load(String key, long start, boolean success) {
        if (start != UNTIMED) {
            cache.report(Kind.LOAD, strategy, template, key, clock.nanoTime() - start,
                    success ? CacheEvent.SUCCESS : CacheEvent.FAILURE);
        }
    }

    /** A lock wait that began at {@code start} and ended with {@code outcome}. */
    void lockWait(String key, long start, String outcome) {
        if (start != UNTIMED) {
            cache.report(Kind.LOCK_WAIT, strategy, template, key, clock.nanoTime() - start, outcome);
        }
    }

    /** A stored result, when the backend said it stored it. */
    void put(String key, boolean stored) {
        if (stored) {
            cache.report(Kind.PUT, strategy, template, key, -1, null);
        }
    }
}
