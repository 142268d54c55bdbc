package io.cashews.internal;

import io.cashews.CacheEvent;
import io.cashews.Cashews;
import io.cashews.CircuitBreakerOpenException;
import io.cashews.Exist;
import io.cashews.base.ScopeSnapshot;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * For generated code: the {@code @CircuitBreaker} strategy. Its state lives in the backend under
 * the layer's key ({@code circuit_breaker:<key>}, by default one per method):
 * {@code <key>:total} and {@code <key>:fails} are sliding windows of the calls and failures of
 * the last period, {@code <key>:open} marks the open breaker for {@code ttl}, and
 * {@code <key>:halfopen} the trial phase.
 *
 * <p>Per call: while {@code :open} exists the call is refused (the
 * {@linkplain Builder#fallback fallback} answers, or {@link CircuitBreakerOpenException}), and with
 * a half-open time the first refused call starts the half-open phase, which lasts
 * {@code halfOpenTtl} from then (overlapping the rest of the open time). During the half-open
 * phase about every other call is refused and the rest try the delegate. A call that goes ahead is
 * counted in {@code :total}; when it fails with one of the counted exceptions it is counted in
 * {@code :fails}, and once the window holds at least {@code minCalls} calls of which at least
 * {@code errorsRate} % failed, the breaker opens. A disabled or unreachable backend never opens
 * the breaker.
 */
public final class CircuitBreakerMethod implements Decorator {
    private static final long NO_CAP = Integer.MAX_VALUE;
    private static final String OPEN = ":open";
    private static final String HALF_OPEN = ":halfopen";
    private static final String TOTAL = ":total";
    private static final String FAILS = ":fails";

    private final Cashews cache;
    private final String template;
    private final EventSite events;
    private final boolean cancellable;
    private final int errorsRate;
    private final long periodMillis;
    private final Duration period;
    private final Duration openTtl;
    private final @Nullable Duration halfOpenTtl;
    private final int minCalls;
    private final List<Class<? extends Throwable>> exceptions;
    private final @Nullable Fallback fallback;
    private final BooleanSupplier trialRefused;
    private final EpochClock clock;
    // The state this process last saw, reported as a BREAKER_STATE event when it changes.
    private final AtomicReference<String> state = new AtomicReference<>(CacheEvent.CLOSED);

    private CircuitBreakerMethod(Builder builder) {
        this.cache = builder.cache;
        this.template = builder.template;
        this.events = new EventSite(cache, "circuit_breaker", template);
        this.cancellable = builder.cancellable;
        this.errorsRate = builder.errorsRate;
        this.periodMillis = builder.periodMillis;
        this.period = Duration.ofMillis(builder.periodMillis);
        this.openTtl = Duration.ofMillis(builder.ttlMillis);
        this.halfOpenTtl = builder.halfOpenTtlMillis > 0 ? Duration.ofMillis(builder.halfOpenTtlMillis) : null;
        this.minCalls = builder.minCalls;
        // As @Failover: none given means the instance's default fail exceptions, read once here.
        this.exceptions = builder.exceptions.isEmpty() ? List.copyOf(cache.defaultFailExceptions())
                : List.copyOf(builder.exceptions);
        this.fallback = builder.fallback;
        this.trialRefused = builder.trialRefused;
        this.clock = EpochClock.of(cache.clock());
    }

    /**
     * Starts a builder.
     *
     * @param cache the instance that keeps the breaker's state
     * @param template the key template as written, with the prefix, for messages
     * @return the builder
     */
    public static Builder builder(Cashews cache, String template) {
        return new Builder(cache, template);
    }

    @Override
    public <T extends @Nullable Object, E extends Exception> T call(
            String key, @Nullable Object @Nullable [] args, Loader<T, E> inner) throws E {
        if (Limits.orElse(() -> cache.exists(key + OPEN), false, key)) {
            seen(key, CacheEvent.OPEN);
            if (halfOpenTtl != null) {
                Limits.orElse(() -> cache.strategyStore().set(key + HALF_OPEN, 1, halfOpenTtl, Exist.ABSENT), false, key);
            }
            return Limits.refuse(events, key, fallback, args, () -> exception(key));
        }
        boolean halfOpen = halfOpenTtl != null && Limits.orElse(() -> cache.exists(key + HALF_OPEN), false, key);
        seen(key, halfOpen ? CacheEvent.HALF_OPEN : CacheEvent.CLOSED);
        if (halfOpen && trialRefused.getAsBoolean()) {
            return Limits.refuse(events, key, fallback, args, () -> exception(key));
        }
        long now = clock.millis();
        long total = record(key + TOTAL, now);
        try {
            return inner.load();
        } catch (Throwable failure) {
            if (counted(failure) && trips(total, record(key + FAILS, now))
                    && Limits.orElse(() -> cache.strategyStore().set(key + OPEN, 1, openTtl, Exist.ABSENT), false, key)) {
                seen(key, CacheEvent.OPEN);
            }
            throw failure;
        }
    }

    /** Reports the state this call found (or made) when it differs from the last one seen here. */
    private void seen(String key, String now) {
        if (events.on() && state.get() != now && state.getAndSet(now) != now) {
            events.report(CacheEvent.Kind.BREAKER_STATE, key, now);
        }
    }

    /** Records a call in a window; its rank there is the number of calls in the window. */
    private long record(String windowKey, long now) {
        return Limits.orElse(() -> cache.sliceIncr(windowKey, now - periodMillis, now, NO_CAP, period), 0L,
                windowKey);
    }

    private CompletableFuture<Long> recordAsync(String windowKey, long now) {
        return Limits.orElseAsync(() -> cache.async().sliceIncr(windowKey, now - periodMillis, now, NO_CAP, period),
                0L, windowKey);
    }

    @Override
    public <T extends @Nullable Object> CompletableFuture<T> callAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> inner) {
        if (!cancellable) {
            // The plain path allocates nothing more than it always did.
            return guarded(key, args, inner);
        }
        return Cancellation.call(true, inner, linked -> guarded(key, args, linked));
    }

    private <T extends @Nullable Object> CompletableFuture<T> guarded(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> inner) {
        CompletableFuture<Boolean> open = Limits.orElseAsync(() -> cache.async().exists(key + OPEN), false, key);
        // Continuations may run on other threads: they carry the caller's scopes. The backend decides
        // first (and counts the call); the inner layers (or the fallback) then start off its I/O thread.
        ScopeSnapshot scopes = ScopeSnapshot.capture();
        CompletableFuture<Admission> admission = open.thenCompose(scopes.wrapFunction(isOpen -> {
            if (isOpen) {
                seen(key, CacheEvent.OPEN);
                CompletableFuture<Boolean> halfOpen = halfOpenTtl == null ? CompletableFuture.completedFuture(false)
                        : Limits.orElseAsync(() -> cache.strategyStore().setAsync(key + HALF_OPEN, 1, halfOpenTtl, Exist.ABSENT),
                                false, key);
                return halfOpen.thenApply(ignored -> Admission.REFUSED);
            }
            CompletableFuture<Boolean> trial = halfOpenTtl == null ? CompletableFuture.completedFuture(false)
                    : Limits.orElseAsync(() -> cache.async().exists(key + HALF_OPEN), false, key);
            return trial.thenCompose(scopes.wrapFunction(halfOpen -> {
                seen(key, halfOpen ? CacheEvent.HALF_OPEN : CacheEvent.CLOSED);
                return halfOpen && trialRefused.getAsBoolean()
                        ? CompletableFuture.completedFuture(Admission.REFUSED) : count(key);
            }));
        }));
        return Futures.relay(Futures.offIoThread(admission, cache.executor()).thenCompose(scopes.wrapFunction(
                admitted -> admitted == Admission.REFUSED ? Limits.<T>refuseAsync(events, key, fallback, args, () -> exception(key))
                        : call(key, inner, admitted))));
    }

    /** Records the call in {@code :total}; the admission carries its time and rank for a failure. */
    private CompletableFuture<Admission> count(String key) {
        long now = clock.millis();
        return recordAsync(key + TOTAL, now).thenApply(total -> new Admission(now, total));
    }

    private <T extends @Nullable Object> CompletableFuture<T> call(
            String key, AsyncLoader<T> inner, Admission admitted) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Limits.load(inner).whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else if (!counted(error) || (cancellable && error instanceof CancellationException)) {
                // A caller's cancellation says nothing about the delegate's health.
                result.completeExceptionally(error);
            } else {
                recordFailureAsync(key, admitted.now(), admitted.total())
                        .whenComplete((ignored, recordError) -> result.completeExceptionally(error));
            }
        });
        return result;
    }

    /** A call let through, with its time and its rank in {@code :total}; {@link #REFUSED}: none. */
    private record Admission(long now, long total) {
        static final Admission REFUSED = new Admission(0, -1);
    }

    private CompletableFuture<Boolean> recordFailureAsync(String key, long now, long total) {
        return recordAsync(key + FAILS, now).thenCompose(fails -> trips(total, fails)
                ? Limits.orElseAsync(() -> cache.strategyStore().setAsync(key + OPEN, 1, openTtl, Exist.ABSENT), false, key)
                        .thenApply(opened -> {
                            if (opened) {
                                seen(key, CacheEvent.OPEN);
                            }
                            return opened;
                        })
                : CompletableFuture.completedFuture(false));
    }

    private boolean counted(Throwable failure) {
        for (Class<? extends Throwable> type : exceptions) {
            if (type.isInstance(failure)) {
                return true;
            }
        }
        return false;
    }

    // Integer arithmetic: fails / total >= errorsRate / 100, with no rounding.
    private boolean trips(long total, long fails) {
        return total > 0 && total >= minCalls && fails * 100 >= (long) errorsRate * total;
    }

    private CircuitBreakerOpenException exception(String key) {
        return new CircuitBreakerOpenException("circuit breaker '" + key + "' (" + template + ") is open: "
                + errorsRate + " % or more of the calls in " + period + " failed; retry after " + openTtl);
    }

    @Override
    public String toString() {
        return "CircuitBreakerMethod[" + template + ", " + errorsRate + " % of " + period + "]";
    }

    /** Collects the settings of a {@link CircuitBreakerMethod}. */
    public static final class Builder extends LimitBuilder<Builder> {
        private int errorsRate;
        private long ttlMillis;
        private long halfOpenTtlMillis;
        private int minCalls = 1;
        private List<Class<? extends Throwable>> exceptions = List.of();
        private BooleanSupplier trialRefused = () -> ThreadLocalRandom.current().nextBoolean();

        private Builder(Cashews cache, String template) {
            super(cache, template);
        }

        /**
         * Sets the failure percentage that opens the breaker; required.
         *
         * @param errorsRate 1 to 100
         * @return this builder
         */
        public Builder errorsRate(int errorsRate) {
            this.errorsRate = errorsRate;
            return this;
        }

        /**
         * Sets the window over which calls and failures are counted; required.
         *
         * @param periodMillis positive milliseconds
         * @return this builder
         */
        @Override
        public Builder periodMillis(long periodMillis) {
            // Overridden only for this javadoc: the window counts failures too.
            return super.periodMillis(periodMillis);
        }

        /**
         * Sets how long the breaker stays open; required.
         *
         * @param ttlMillis positive milliseconds
         * @return this builder
         */
        public Builder ttlMillis(long ttlMillis) {
            this.ttlMillis = ttlMillis;
            return this;
        }

        /**
         * Sets how long the half-open phase lasts once the open breaker refused a call; optional.
         *
         * @param halfOpenTtlMillis positive milliseconds, or 0 for no half-open phase
         * @return this builder
         */
        public Builder halfOpenTtlMillis(long halfOpenTtlMillis) {
            this.halfOpenTtlMillis = halfOpenTtlMillis;
            return this;
        }

        /**
         * Sets how many calls the window must hold before the breaker may open; default 1.
         *
         * @param minCalls at least 1
         * @return this builder
         */
        public Builder minCalls(int minCalls) {
            this.minCalls = minCalls;
            return this;
        }

        /**
         * Sets the failures that count; default the instance's
         * {@linkplain Cashews#defaultFailExceptions() default fail exceptions} (every {@link Exception}
         * unless changed) when the strategy is built.
         *
         * @param exceptions the counted types (subclasses included); none for the default
         * @return this builder
         */
        @SafeVarargs
        public final Builder exceptions(Class<? extends Throwable>... exceptions) {
            this.exceptions = List.of(exceptions);
            return this;
        }

        /**
         * Replaces the coin tossed for each call in the half-open phase; for tests.
         *
         * @param trialRefused answers {@code true} when the call is to be refused
         * @return this builder
         */
        public Builder halfOpenCoin(BooleanSupplier trialRefused) {
            this.trialRefused = Objects.requireNonNull(trialRefused, "trialRefused");
            return this;
        }

        /**
         * Builds the strategy.
         *
         * @return the strategy
         * @throws IllegalArgumentException if a setting is out of range
         */
        public CircuitBreakerMethod build() {
            if (errorsRate < 1 || errorsRate > 100 || periodMillis <= 0 || ttlMillis <= 0 || halfOpenTtlMillis < 0
                    || minCalls < 1) {
                throw new IllegalArgumentException("circuit breaker of " + template + " needs errorsRate in 1..100,"
                        + " positive period and ttl, halfOpenTtl of at least 0 and minCalls of at least 1: errorsRate "
                        + errorsRate + ", period " + periodMillis + " ms, ttl " + ttlMillis + " ms, halfOpenTtl "
                        + halfOpenTtlMillis + " ms, minCalls " + minCalls);
            }
            return new CircuitBreakerMethod(this);
        }
    }
}
