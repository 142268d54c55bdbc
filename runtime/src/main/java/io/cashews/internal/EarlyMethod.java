package io.cashews.internal;

import io.cashews.CacheEvent;
import io.cashews.Cashews;
import io.cashews.base.ScopeSnapshot;
import io.cashews.codec.CachedException;
import io.cashews.codec.Stamped;
import io.cashews.codec.ValueTypes;
import io.cashews.Exist;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * For generated code: the {@code @Early} layer of one method. A result is stored as a
 * {@link Stamped} value carrying the time it turns stale ({@code earlyTtl} after it was
 * computed), and lives for {@code ttl}. A fresh value is returned as is; a stale one is returned
 * too, while one caller, the one that wins the backend lock {@code <key>:lock} (held for
 * {@code earlyTtl}), starts a recompute on the instance's executor. So at most one recompute per
 * key runs per early window across every process sharing the backend. A miss computes in the
 * caller; with {@code protect}, concurrent misses in this JVM share that computation.
 */
public final class EarlyMethod implements Decorator {
    private static final System.Logger LOG = System.getLogger(EarlyMethod.class.getName());
    private static final String LOCK = ":lock";

    private final Cashews cache;
    private final String template;
    private final StorePolicy policy;
    private final Duration earlyTtl;
    private final EpochClock clock;
    private final Executor executor;
    private final @Nullable SingleFlight flights;
    private final EventSite events;
    private final boolean cancellable;

    private EarlyMethod(Builder builder) {
        this.cache = builder.cache;
        this.template = builder.template;
        this.policy = builder.policy();
        this.earlyTtl = builder.window("earlyTtl");
        this.clock = EpochClock.of(cache.clock());
        // Stored entries are Stamped wrappers; the value codecs decode only admitted classes.
        ValueTypes.allow(Stamped.class);
        this.executor = cache.executor();
        this.flights = builder.flights();
        this.events = new EventSite(cache, "early", template);
        this.cancellable = builder.cancellable;
    }

    /** A stamped value served: a hit, and a stale one when its early window has passed. */
    private void served(String key, Stamped stamped) {
        if (events.on()) {
            events.report(CacheEvent.Kind.HIT, key);
            if (stamped.atMillis() <= clock.millis()) {
                events.report(CacheEvent.Kind.STALE_SERVED, key);
            }
        }
    }

    private void detected(String key, Stamped stamped) {
        Detection.report(cache, "early", key, template, policy.ttl(), stamped.value(), Map.of(
                "early_ttl", earlyTtl,
                "early_expire_at", stamped.atMillis(),
                "stale", stamped.atMillis() <= clock.millis()));
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
        Object stored = cache.strategyStore().getAs(key, policy.type(), CacheMethod.MISS);
        if (stored instanceof Stamped stamped) {
            served(key, stamped);
            if (stamped.atMillis() <= clock.millis() && cache.strategyStore().set(key + LOCK, "1", earlyTtl, Exist.ABSENT)) {
                refresh(key, args, inner);
            }
            if (Detection.active()) {
                detected(key, stamped);
            }
            return CacheMethod.value(stamped.value());
        }
        events.report(CacheEvent.Kind.MISS, key);
        if (flights == null) {
            return compute(key, args, inner);
        }
        return flights.run(key, () -> {
            // A caller that missed just before the previous computation stored must not compute again.
            Object again = cache.strategyStore().getAs(key, policy.type(), CacheMethod.MISS);
            if (again instanceof Stamped stamped) {
                if (Detection.active()) {
                    detected(key, stamped);
                }
                return CacheMethod.value(stamped.value());
            }
            return compute(key, args, inner);
        });
    }

    private <T extends @Nullable Object, E extends Exception> T compute(
            String key, @Nullable Object @Nullable [] args, Loader<T, E> inner) throws E {
        long start = clock.nanoTime();
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
        if (policy.storesResult(result, args, key, clock.nanoTime() - start)) {
            store(key, result, policy.tags(args));
        }
        return result;
    }

    private void store(String key, @Nullable Object value, String[] tags) {
        try {
            events.put(key, cache.strategyStore().set(key, policy.sealed(stamp(value)), policy.ttl(), tags));
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "could not store the result of \"" + template + "\" under " + key, e);
        }
    }

    private Stamped stamp(@Nullable Object value) {
        return new Stamped(clock.millis() + earlyTtl.toMillis(), value);
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
                    LOG.log(Level.DEBUG, () -> "early refresh of \"" + template + "\" failed", e);
                } finally {
                    unlock(key);
                }
            }));
        } catch (RuntimeException e) {
            unlock(key);
            LOG.log(Level.DEBUG, () -> "early refresh of \"" + template + "\" was rejected", e);
        }
    }

    private void unlock(String key) {
        try {
            cache.strategyStore().delete(key + LOCK);
        } catch (RuntimeException e) {
            // The lock expires after earlyTtl anyway.
            LOG.log(Level.DEBUG, () -> "could not release " + key + LOCK, e);
        }
    }

    @Override
    public <T extends @Nullable Object> CompletableFuture<T> callAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> inner) {
        CompletableFuture<T> result = new CompletableFuture<>();
        // The read may complete on another thread: the rest runs with the caller's scopes, off it.
        ScopeSnapshot scopes = ScopeSnapshot.capture();
        CompletableFuture<@Nullable Object> read =
                Futures.guard(() -> cache.strategyStore().getAsAsync(key, policy.type(), CacheMethod.MISS));
        Futures.offIoThread(read, executor).whenComplete(scopes.wrap((stored, error) -> {
            if (error != null) {
                result.completeExceptionally(Futures.unwrap(error));
            } else if (Cancellation.abandoned(cancellable, result)) {
                return;
            } else if (stored instanceof Stamped stamped) {
                served(key, stamped);
                if (stamped.atMillis() <= clock.millis()) {
                    Futures.guard(() -> cache.strategyStore().setAsync(key + LOCK, "1", earlyTtl, Exist.ABSENT))
                            .whenComplete((locked, lockError) -> {
                                if (Boolean.TRUE.equals(locked)) {
                                    refreshAsync(key, args, inner, scopes);
                                }
                            });
                }
                if (Detection.active()) {
                    detected(key, stamped);
                }
                Futures.relay(Futures.served(stamped.value()), result);
            } else {
                events.report(CacheEvent.Kind.MISS, key);
                // Shared by concurrent misses: the flight cancels it only once every caller has left.
                CompletableFuture<T> computed = flights == null ? computeAsync(key, args, inner, scopes, cancellable)
                        : flights.runAsync(key, () -> computeAsync(key, args, inner, scopes, cancellable), cancellable);
                Cancellation.pass(cancellable, result, computed);
                Futures.relay(computed, result);
            }
        }));
        return result;
    }

    // linked: this computation is its callers', whose cancellation stops it (never a refresh's).
    private <T extends @Nullable Object> CompletableFuture<T> computeAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> inner, ScopeSnapshot scopes, boolean linked) {
        long start = clock.nanoTime();
        long began = events.start();
        CompletableFuture<T> result = new CompletableFuture<>();
        Cancellation.start(linked, result, inner).whenComplete(scopes.wrap((value, error) -> {
            if (Cancellation.abandoned(linked, result)) {
                return;
            }
            events.load(key, began, error == null);
            Futures.settle(policy, key, args, value, error, () -> clock.nanoTime() - start,
                    stored -> storeAsync(key, args, stored), result);
        }));
        return result;
    }

    private CompletableFuture<?> storeAsync(String key, @Nullable Object @Nullable [] args, @Nullable Object value) {
        return Futures.guard(() -> cache.strategyStore().setAsync(key, policy.sealed(stamp(value)), policy.ttl(), policy.tags(args))).whenComplete((stored, error) -> {
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
                () -> Futures.guard(() -> cache.strategyStore().deleteAsync(key + LOCK)), LOG, "early refresh", template);
    }

    @Override
    public String toString() {
        return "EarlyMethod[" + template + ", earlyTtl=" + earlyTtl + "]";
    }

    /** Builds an {@link EarlyMethod}; for generated code. */
    public static final class Builder extends WindowedLayerBuilder<Builder> {
        private Builder(Cashews cache, String template) {
            super(cache, template);
        }

        /**
         * How long a stored result is fresh; default a third of the TTL.
         *
         * @param earlyTtlMillis milliseconds, positive and shorter than the TTL
         * @return this builder
         */
        public Builder earlyTtlMillis(long earlyTtlMillis) {
            this.windowMillis = earlyTtlMillis;
            return this;
        }

        /**
         * Builds the layer.
         *
         * @return the layer, safe to share between threads
         * @throws IllegalStateException if the TTL is missing or {@code earlyTtl} is not shorter
         */
        public EarlyMethod build() {
            return new EarlyMethod(this);
        }
    }
}
