package io.cashews.internal;

import io.cashews.CacheEvent;
import io.cashews.Cashews;
import io.cashews.base.ScopeSnapshot;
import io.cashews.codec.Stamped;
import io.cashews.codec.ValueTypes;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * For generated code: the {@code @Soft} layer of one method. A result is stored as a
 * {@link Stamped} value carrying the time it turns soft ({@code softTtl} after it was computed)
 * and lives for {@code ttl}. Before that time it is returned as is; after it, the caller computes
 * again (with {@code protect}, concurrent callers in this JVM share the computation); when that
 * throws one of the configured exceptions and a value is still stored, the old value is returned
 * instead. Exceptions are never stored.
 */
public final class SoftMethod implements Decorator {
    private static final System.Logger LOG = System.getLogger(SoftMethod.class.getName());

    private final Cashews cache;
    private final String template;
    private final StorePolicy policy;
    private final Duration softTtl;
    private final List<Class<? extends Throwable>> exceptions;
    private final EpochClock clock;
    private final @Nullable SingleFlight flights;
    private final EventSite events;
    private final boolean cancellable;

    private SoftMethod(Builder builder) {
        this.cache = builder.cache;
        this.template = builder.template;
        this.policy = builder.policy();
        this.softTtl = builder.window("softTtl");
        this.exceptions = builder.exceptions.isEmpty() ? List.of(Exception.class) : List.copyOf(builder.exceptions);
        this.clock = EpochClock.of(cache.clock());
        // Stored entries are Stamped wrappers; the value codecs decode only admitted classes.
        ValueTypes.allow(Stamped.class);
        this.flights = builder.flights();
        this.events = new EventSite(cache, "soft", template);
        this.cancellable = builder.cancellable;
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
        Stamped old = stored instanceof Stamped stamped ? stamped : null;
        if (old != null && old.atMillis() > clock.millis()) {
            events.report(CacheEvent.Kind.HIT, key);
            if (Detection.active()) {
                detected(key, old);
            }
            return CacheMethod.value(old.value());
        }
        events.report(CacheEvent.Kind.MISS, key);
        try {
            return flights == null ? compute(key, args, inner) : flights.run(key, () -> compute(key, args, inner));
        } catch (Exception failure) {
            if (old != null && handles(failure)) {
                events.report(CacheEvent.Kind.STALE_SERVED, key);
                if (Detection.active()) {
                    detected(key, old);
                }
                return CacheMethod.value(old.value());
            }
            throw failure;
        }
    }

    private boolean handles(Throwable failure) {
        for (Class<? extends Throwable> type : exceptions) {
            if (type.isInstance(failure)) {
                return true;
            }
        }
        return false;
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
            throw failure;
        }
        events.load(key, began, true);
        if (policy.storesResult(result, args, key, clock.nanoTime() - start)) {
            try {
                events.put(key, cache.strategyStore().set(key, policy.sealed(stamp(result)), policy.ttl(), policy.tags(args)));
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, () -> "could not store the result of \"" + template + "\" under " + key, e);
            }
        }
        return result;
    }

    private Stamped stamp(@Nullable Object value) {
        return new Stamped(clock.millis() + softTtl.toMillis(), value);
    }

    @Override
    public <T extends @Nullable Object> CompletableFuture<T> callAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> inner) {
        CompletableFuture<T> result = new CompletableFuture<>();
        // The read may complete on another thread: the rest runs with the caller's scopes, off it.
        ScopeSnapshot scopes = ScopeSnapshot.capture();
        CompletableFuture<@Nullable Object> read =
                Futures.guard(() -> cache.strategyStore().getAsAsync(key, policy.type(), CacheMethod.MISS));
        Futures.offIoThread(read, cache.executor()).whenComplete(scopes.wrap((stored, error) -> {
            if (error != null) {
                result.completeExceptionally(Futures.unwrap(error));
                return;
            }
            if (Cancellation.abandoned(cancellable, result)) {
                return;
            }
            Stamped old = stored instanceof Stamped stamped ? stamped : null;
            if (old != null && old.atMillis() > clock.millis()) {
                events.report(CacheEvent.Kind.HIT, key);
                if (Detection.active()) {
                    detected(key, old);
                }
                Futures.relay(Futures.served(old.value()), result);
                return;
            }
            events.report(CacheEvent.Kind.MISS, key);
            // Shared by concurrent misses: the flight cancels it only once every caller has left.
            CompletableFuture<T> computed = flights == null ? computeAsync(key, args, inner, scopes, cancellable)
                    : flights.runAsync(key, () -> computeAsync(key, args, inner, scopes, cancellable), cancellable);
            Cancellation.pass(cancellable, result, computed);
            computed.whenComplete(scopes.wrap((value, failure) -> {
                if (failure == null) {
                    result.complete(value);
                } else if (old != null && handles(Futures.unwrap(failure))) {
                    events.report(CacheEvent.Kind.STALE_SERVED, key);
                    if (Detection.active()) {
                        detected(key, old);
                    }
                    Futures.relay(Futures.served(old.value()), result);
                } else {
                    result.completeExceptionally(Futures.unwrap(failure));
                }
            }));
        }));
        return result;
    }

    // linked: this computation is its callers', whose cancellation stops it.
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
            if (error != null) {
                result.completeExceptionally(Futures.unwrap(error));
                return;
            }
            boolean store;
            try {
                store = policy.storesResult(value, args, key, clock.nanoTime() - start);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            if (!store) {
                result.complete(value);
                return;
            }
            Futures.guard(() -> cache.strategyStore().setAsync(key, policy.sealed(stamp(value)), policy.ttl(), policy.tags(args))).whenComplete((stored, storeError) -> {
                if (storeError == null) {
                    events.put(key, Boolean.TRUE.equals(stored));
                } else {
                    LOG.log(Level.DEBUG, () -> "could not store the result of \"" + template + "\"", storeError);
                }
                result.complete(value);
            });
        }));
        return result;
    }

    private void detected(String key, Stamped stamped) {
        Detection.report(cache, "soft", key, template, policy.ttl(), stamped.value(), Map.of(
                "soft_ttl", softTtl,
                "soft_expire_at", stamped.atMillis()));
    }

    @Override
    public String toString() {
        return "SoftMethod[" + template + ", softTtl=" + softTtl + "]";
    }

    /** Builds a {@link SoftMethod}; for generated code. */
    public static final class Builder extends WindowedLayerBuilder<Builder> {
        private final List<Class<? extends Throwable>> exceptions = new ArrayList<>();

        private Builder(Cashews cache, String template) {
            super(cache, template);
        }

        /**
         * How long a stored result is served without recomputing; default a third of the TTL.
         *
         * @param softTtlMillis milliseconds, positive and shorter than the TTL
         * @return this builder
         */
        public Builder softTtlMillis(long softTtlMillis) {
            this.windowMillis = softTtlMillis;
            return this;
        }

        /**
         * The exceptions answered with the old value; none: every {@code Exception}.
         *
         * @param types the exception types
         * @return this builder
         */
        @SafeVarargs
        public final Builder exceptions(Class<? extends Throwable>... types) {
            exceptions.addAll(List.of(types));
            return this;
        }

        /**
         * Builds the layer.
         *
         * @return the layer, safe to share between threads
         * @throws IllegalStateException if the TTL is missing or {@code softTtl} is not shorter
         */
        public SoftMethod build() {
            return new SoftMethod(this);
        }
    }
}
