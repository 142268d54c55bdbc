package io.cashews.internal;

import io.cashews.CacheEvent;
import io.cashews.Cashews;
import io.cashews.base.ScopeSnapshot;
import io.cashews.codec.CachedException;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * For generated code: the {@code @Hit} and {@code @Dynamic} layer of one method. A stored result
 * serves {@code cacheHits} calls, counted on the backend under {@code <key>:counter}; the call
 * after that computes again. With {@code updateAfter > 0}, the hit whose count reaches it also
 * recomputes in the background on the instance's executor while returning the stored result.
 * Storing a new result resets the counter, so with {@code updateAfter} the limit is never reached
 * while the method stays in use.
 *
 * <p>Every call reads the value and increments the counter (the counter lives for the TTL from
 * its creation); a disabled counter never counts a hit, so every call computes.
 */
public final class HitMethod implements Decorator {
    private static final System.Logger LOG = System.getLogger(HitMethod.class.getName());
    private static final String COUNTER = ":counter";

    private final Cashews cache;
    private final String template;
    private final StorePolicy policy;
    private final int cacheHits;
    private final int updateAfter;
    private final EpochClock clock;
    private final Executor executor;
    private final EventSite events;
    private final boolean cancellable;

    private HitMethod(Builder builder) {
        this.cache = builder.cache;
        this.template = builder.template;
        this.policy = builder.policy();
        if (builder.cacheHits <= 0) {
            throw new IllegalStateException("cacheHits of \"" + template + "\" must be positive");
        }
        if (builder.updateAfter < 0 || builder.updateAfter >= builder.cacheHits) {
            throw new IllegalStateException("updateAfter of \"" + template + "\" must be in [0, cacheHits)");
        }
        this.cacheHits = builder.cacheHits;
        this.updateAfter = builder.updateAfter;
        this.clock = EpochClock.of(cache.clock());
        this.executor = cache.executor();
        this.events = new EventSite(cache, "hit", template);
        this.cancellable = builder.cancellable;
    }

    private void detected(String key, @Nullable Object stored) {
        Detection.report(cache, "hit", key, template, policy.ttl(), stored, Map.of("cache_hits", cacheHits));
    }

    /**
     * Starts building the layer.
     *
     * @param cache the instance to store into
     * @param template the key template with its prefix, for messages
     * @return a builder
     */
    public static Builder builder(Cashews cache, String template) {
        return new Builder(cache, template);
    }

    @Override
    public <T extends @Nullable Object, E extends Exception> T call(
            String key, @Nullable Object @Nullable [] args, Loader<T, E> inner) throws E {
        String counter = key + COUNTER;
        Object stored = cache.strategyStore().getAs(key, policy.type(), CacheMethod.MISS);
        long hits = cache.incr(counter, 1, policy.ttl());
        if (stored != CacheMethod.MISS && hits >= 1 && hits <= cacheHits) {
            events.report(CacheEvent.Kind.HIT, key);
            if (hits == updateAfter) {
                refresh(key, args, inner);
            }
            if (Detection.active()) {
                detected(key, stored);
            }
            return CacheMethod.value(stored);
        }
        events.report(CacheEvent.Kind.MISS, key);
        return compute(key, args, inner);
    }

    private <T extends @Nullable Object, E extends Exception> T compute(
            String key, @Nullable Object @Nullable [] args, Loader<T, E> inner) throws E {
        long start = policy.timed() ? clock.nanoTime() : 0;
        long began = events.start();
        T result;
        try {
            result = inner.load();
        } catch (Throwable failure) {
            events.load(key, began, false);
            if (policy.storesException(failure)) {
                store(key, new CachedException(failure), policy.tags(args));
            }
            throw failure;
        }
        events.load(key, began, true);
        if (policy.storesResult(result, args, key, policy.timed() ? clock.nanoTime() - start : 0)) {
            store(key, result, policy.tags(args));
        }
        return result;
    }

    private void store(String key, @Nullable Object value, String[] tags) {
        try {
            cache.strategyStore().delete(key + COUNTER);
            events.put(key, cache.strategyStore().set(key, policy.sealed(value), policy.ttl(), tags));
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "could not store the result of \"" + template + "\" under " + key, e);
        }
    }

    private <T extends @Nullable Object, E extends Exception> void refresh(
            String key, @Nullable Object @Nullable [] args, Loader<T, E> inner) {
        try {
            executor.execute(ScopeSnapshot.capture().wrap(() -> {
                try {
                    compute(key, args, inner);
                    events.report(CacheEvent.Kind.REFRESH, key, CacheEvent.SUCCESS);
                } catch (Exception e) {
                    events.report(CacheEvent.Kind.REFRESH, key, CacheEvent.FAILURE);
                    LOG.log(Level.DEBUG, () -> "background refresh of \"" + template + "\" failed", e);
                }
            }));
        } catch (RuntimeException e) {
            // A rejected refresh only means the stored value serves its remaining hits.
            LOG.log(Level.DEBUG, () -> "background refresh of \"" + template + "\" was rejected", e);
        }
    }

    @Override
    public <T extends @Nullable Object> CompletableFuture<T> callAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> inner) {
        String counter = key + COUNTER;
        CompletableFuture<@Nullable Object> read = Futures.guard(() -> cache.strategyStore().getAsAsync(key, policy.type(), CacheMethod.MISS));
        CompletableFuture<Long> count = Futures.guard(() -> cache.async().incr(counter, 1, policy.ttl()));
        CompletableFuture<T> result = new CompletableFuture<>();
        // The reads may complete on another thread: the rest runs with the caller's scopes, off it.
        ScopeSnapshot scopes = ScopeSnapshot.capture();
        CompletableFuture<@Nullable Void> both = CompletableFuture.allOf(read, count);
        Futures.offIoThread(both, executor).whenComplete(scopes.wrap((ignored, error) -> {
            if (error != null) {
                result.completeExceptionally(Futures.unwrap(error));
                return;
            }
            if (Cancellation.abandoned(cancellable, result)) {
                return;
            }
            Object stored = read.join();
            long hits = count.join();
            if (stored != CacheMethod.MISS && hits >= 1 && hits <= cacheHits) {
                events.report(CacheEvent.Kind.HIT, key);
                if (hits == updateAfter) {
                    refreshAsync(key, args, inner, scopes);
                }
                if (Detection.active()) {
                    detected(key, stored);
                }
                Futures.relay(Futures.served(stored), result);
            } else {
                events.report(CacheEvent.Kind.MISS, key);
                CompletableFuture<T> computed = computeAsync(key, args, inner, scopes, cancellable);
                Cancellation.pass(cancellable, result, computed);
                Futures.relay(computed, result);
            }
        }));
        return result;
    }

    // linked: this computation is its caller's, whose cancellation stops it (never a refresh's).
    private <T extends @Nullable Object> CompletableFuture<T> computeAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> inner, ScopeSnapshot scopes, boolean linked) {
        long start = policy.timed() ? clock.nanoTime() : 0;
        long began = events.start();
        CompletableFuture<T> result = new CompletableFuture<>();
        Cancellation.start(linked, result, inner).whenComplete(scopes.wrap((value, error) -> {
            if (Cancellation.abandoned(linked, result)) {
                return;
            }
            events.load(key, began, error == null);
            Futures.settle(policy, key, args, value, error, () -> policy.timed() ? clock.nanoTime() - start : 0,
                    stored -> storeAsync(key, stored, policy.tags(args)), result);
        }));
        return result;
    }

    private CompletableFuture<?> storeAsync(String key, @Nullable Object value, String[] tags) {
        // The delete may answer on another thread: the set keeps the scopes in effect here.
        ScopeSnapshot scopes = ScopeSnapshot.capture();
        return Futures.guard(() -> cache.strategyStore().deleteAsync(key + COUNTER))
                .thenCompose(scopes.wrapFunction(deleted -> cache.strategyStore().setAsync(key, policy.sealed(value), policy.ttl(), tags)))
                .whenComplete((stored, error) -> {
                    if (error == null) {
                        events.put(key, Boolean.TRUE.equals(stored));
                    } else {
                        LOG.log(Level.DEBUG, () -> "could not store the result of \"" + template + "\"", error);
                    }
                });
    }

    private <T extends @Nullable Object> void refreshAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> inner, ScopeSnapshot scopes) {
        Futures.inBackground(executor, scopes, () -> computeAsync(key, args, inner, scopes, false).whenComplete((value, error) ->
                events.report(CacheEvent.Kind.REFRESH, key, error == null ? CacheEvent.SUCCESS : CacheEvent.FAILURE)),
                () -> { }, LOG, "background refresh", template);
    }

    @Override
    public String toString() {
        return "HitMethod[" + template + ", cacheHits=" + cacheHits + ", updateAfter=" + updateAfter + "]";
    }

    /** Builds a {@link HitMethod}; for generated code. */
    public static final class Builder extends LayerBuilder<Builder> {
        private int cacheHits;
        private int updateAfter;

        private Builder(Cashews cache, String template) {
            super(cache, template);
        }

        /**
         * How many calls one stored result serves; required, positive.
         *
         * @param cacheHits the number of hits
         * @return this builder
         */
        public Builder cacheHits(int cacheHits) {
            this.cacheHits = cacheHits;
            return this;
        }

        /**
         * The hit count that starts a background recompute; {@code 0} (default) for none.
         *
         * @param updateAfter the count, less than {@code cacheHits}
         * @return this builder
         */
        public Builder updateAfter(int updateAfter) {
            this.updateAfter = updateAfter;
            return this;
        }

        /**
         * Builds the layer.
         *
         * @return the layer, safe to share between threads
         * @throws IllegalStateException if the TTL is missing or the counts are out of range
         */
        public HitMethod build() {
            return new HitMethod(this);
        }
    }
}
