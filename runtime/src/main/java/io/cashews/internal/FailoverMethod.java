package io.cashews.internal;

import io.cashews.CacheEvent;
import io.cashews.Cashews;
import io.cashews.base.ScopeSnapshot;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * For generated code: the {@code @Failover} layer of one method. Every call runs the inner
 * layer; a result the delegate really computed is stored under the layer's key ({@code fail:…});
 * when the inner call throws one of the configured exceptions, the stored result is returned
 * instead, and without one the exception propagates unchanged. {@link Error}s always propagate.
 *
 * <p>Over other layers the proxy passes an {@link Origin}: then only the value the delegate
 * produced during this call is stored, never one an inner cache served. Without it (the failover
 * is the only or innermost layer) every successful result is stored.
 */
public final class FailoverMethod implements Decorator {
    private static final System.Logger LOG = System.getLogger(FailoverMethod.class.getName());

    private final Cashews cache;
    private final String template;
    private final StorePolicy policy;
    private final List<Class<? extends Throwable>> exceptions;
    private final EpochClock clock;
    private final EventSite events;
    private final boolean cancellable;

    private FailoverMethod(Builder builder) {
        this.cache = builder.cache;
        this.template = builder.template;
        this.policy = builder.policy();
        this.exceptions = builder.exceptions.isEmpty() ? cache.defaultFailExceptions() : List.copyOf(builder.exceptions);
        this.clock = EpochClock.of(cache.clock());
        this.events = new EventSite(cache, "failover", template);
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
        return call(key, args, null, inner);
    }

    /**
     * Runs a synchronous call, storing only what the delegate computed during it.
     *
     * @param key the layer's key
     * @param args the call's arguments when the condition needs them, else {@code null}
     * @param origin marked by the delegate lambda; {@code null} when no layer sits inside this one
     * @param inner the next layer
     * @param <T> the result type
     * @param <E> the checked exception the method declares
     * @return the result, or the stored one after a failure
     * @throws E the inner call's exception when it is not handled or nothing is stored
     */
    public <T extends @Nullable Object, E extends Exception> T call(
            String key, @Nullable Object @Nullable [] args, @Nullable Origin origin, Loader<T, E> inner) throws E {
        long start = policy.timed() ? clock.nanoTime() : 0;
        // With no layer inside, the inner call is the delegate: this layer reports its runs.
        long began = origin == null ? events.start() : EventSite.UNTIMED;
        T result;
        try {
            result = inner.load();
        } catch (Exception failure) {
            events.load(key, began, false);
            if (handles(failure)) {
                Object stored = cache.strategyStore().getAs(key, policy.type(), CacheMethod.MISS);
                if (stored != CacheMethod.MISS) {
                    events.report(CacheEvent.Kind.STALE_SERVED, key);
                    if (Detection.active()) {
                        detected(key, stored, failure);
                    }
                    return CacheMethod.value(stored);
                }
            }
            throw failure;
        }
        events.load(key, began, true);
        store(key, args, origin, result, start);
        return result;
    }

    @Override
    public <T extends @Nullable Object> CompletableFuture<T> callAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> inner) {
        return callAsync(key, args, null, inner);
    }

    /**
     * Runs an asynchronous call, never blocking; as {@link #call(String, Object[], Origin, Loader)}.
     *
     * @param key the layer's key
     * @param args the call's arguments when the condition needs them, else {@code null}
     * @param origin marked by the delegate lambda; {@code null} when no layer sits inside this one
     * @param inner the next layer
     * @param <T> the result type
     * @return a future with the result, or the stored one after a handled failure
     */
    public <T extends @Nullable Object> CompletableFuture<T> callAsync(
            String key, @Nullable Object @Nullable [] args, @Nullable Origin origin, AsyncLoader<T> inner) {
        long start = policy.timed() ? clock.nanoTime() : 0;
        long began = origin == null ? events.start() : EventSite.UNTIMED;
        CompletableFuture<T> result = new CompletableFuture<>();
        // The inner call may complete on any thread: store and fall back with the caller's scopes.
        ScopeSnapshot scopes = ScopeSnapshot.capture();
        Cancellation.start(cancellable, result, inner).whenComplete(scopes.wrap((value, error) -> {
            if (Cancellation.abandoned(cancellable, result)) {
                // The caller cancelled: nothing is stored and no fallback is read for nobody.
                return;
            }
            events.load(key, began, error == null);
            if (error == null) {
                storeAsync(key, args, origin, value, start).whenComplete((ignored, e) -> result.complete(value));
                return;
            }
            Throwable failure = Futures.unwrap(error);
            if (!handles(failure)) {
                result.completeExceptionally(failure);
                return;
            }
            Futures.guard(() -> cache.strategyStore().getAsAsync(key, policy.type(), CacheMethod.MISS)).whenComplete(scopes.wrap((stored, readError) -> {
                if (readError != null || stored == CacheMethod.MISS) {
                    result.completeExceptionally(failure);
                } else {
                    events.report(CacheEvent.Kind.STALE_SERVED, key);
                    if (Detection.active()) {
                        detected(key, stored, failure);
                    }
                    result.complete(CacheMethod.value(stored));
                }
            }));
        }));
        return result;
    }

    private void detected(String key, @Nullable Object stored, Throwable failure) {
        Detection.report(cache, "failover", key, template, policy.ttl(), stored, Map.of("exc", failure));
    }

    private boolean handles(Throwable failure) {
        for (Class<? extends Throwable> type : exceptions) {
            if (type.isInstance(failure)) {
                return true;
            }
        }
        return false;
    }

    /** The value to store, or {@link CacheMethod#MISS} when this call computed nothing storable. */
    private @Nullable Object storable(String key, @Nullable Object @Nullable [] args, @Nullable Origin origin,
            @Nullable Object result, long start) {
        if (origin != null && !origin.delegateRan()) {
            return CacheMethod.MISS; // an inner layer served it
        }
        Object computed = origin != null ? origin.value() : result;
        long elapsed = policy.timed() ? clock.nanoTime() - start : 0;
        return policy.storesResult(computed, args, key, elapsed) ? computed : CacheMethod.MISS;
    }

    private void store(String key, @Nullable Object @Nullable [] args, @Nullable Origin origin,
            @Nullable Object result, long start) {
        Object value = storable(key, args, origin, result, start);
        if (value != CacheMethod.MISS) {
            try {
                events.put(key, cache.strategyStore().set(key, policy.sealed(value), policy.ttl(), policy.tags(args)));
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, () -> "could not store the failover value of \"" + template + "\"", e);
            }
        }
    }

    private CompletableFuture<?> storeAsync(String key, @Nullable Object @Nullable [] args, @Nullable Origin origin,
            @Nullable Object result, long start) {
        Object value;
        try {
            value = storable(key, args, origin, result, start);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (value == CacheMethod.MISS) {
            return CompletableFuture.completedFuture(null);
        }
        return Futures.guard(() -> cache.strategyStore().setAsync(key, policy.sealed(value), policy.ttl(), policy.tags(args)))
                .whenComplete((stored, error) -> events.put(key, Boolean.TRUE.equals(stored)));
    }

    @Override
    public String toString() {
        return "FailoverMethod[" + template + ", exceptions=" + exceptions + "]";
    }

    /** Builds a {@link FailoverMethod}; for generated code. */
    public static final class Builder extends LayerBuilder<Builder> {
        private final java.util.ArrayList<Class<? extends Throwable>> exceptions = new java.util.ArrayList<>();

        private Builder(Cashews cache, String template) {
            super(cache, template);
        }

        /**
         * The exceptions answered with the stored value; none: the instance's
         * {@linkplain Cashews#defaultFailExceptions() default fail exceptions}.
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
         */
        public FailoverMethod build() {
            return new FailoverMethod(this);
        }
    }
}
