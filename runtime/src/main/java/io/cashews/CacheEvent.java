package io.cashews;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing a strategy or a facade command did: a hit, a miss, a computation of the delegate, a
 * stored result, a refusal. Reported to the {@link CacheEventListener}s of the instance; built only
 * while at least one listener is installed.
 *
 * <p>{@link #template()} is the key template as written on the annotation (prefix included), a
 * bounded set of values fit for metric tags; {@link #key()} is the rendered key, unbounded, for
 * logs and tests only. Facade commands ({@code get}, {@code getMany}, {@code getRaw}, {@code set},
 * {@code setMany}, {@code setRaw}, {@code getOrSet}, {@code delete}, {@code deleteMany},
 * {@code deleteMatch}) report with strategy {@value #FACADE} and no template; {@code deleteMatch}
 * reports one {@link Kind#REMOVE} per deleted key, with the pattern as the key. The iterator
 * strategy reports one {@link Kind#PUT} per stored sequence, when its end is stored.
 *
 * <p>Instances are immutable.
 */
public final class CacheEvent {

    /** The {@link #strategy()} of events that facade commands report. */
    public static final String FACADE = "facade";
    /** The {@link #outcome()} of a delegate run or refresh that returned. */
    public static final String SUCCESS = "success";
    /** The {@link #outcome()} of a delegate run or refresh that threw. */
    public static final String FAILURE = "failure";
    /** The {@link #outcome()} of {@link Kind#BREAKER_STATE}: the breaker refuses every call. */
    public static final String OPEN = "open";
    /** The {@link #outcome()} of {@link Kind#BREAKER_STATE}: the breaker lets trial calls through. */
    public static final String HALF_OPEN = "half_open";
    /** The {@link #outcome()} of {@link Kind#BREAKER_STATE}: the breaker lets every call through. */
    public static final String CLOSED = "closed";
    /** The {@link #outcome()} of {@link Kind#LOCK_WAIT}: the waiter took the lock. */
    public static final String ACQUIRED = "acquired";
    /** The {@link #outcome()} of {@link Kind#LOCK_WAIT}: another caller stored the value meanwhile. */
    public static final String SERVED = "served";
    /** The {@link #outcome()} of {@link Kind#LOCK_WAIT}: the wait ended without the lock or a value. */
    public static final String TIMEOUT = "timeout";

    /** What happened. */
    public enum Kind {
        /** A stored value was served. */
        HIT,
        /** Nothing usable was stored: the delegate runs (or, for a facade read, the default is returned). */
        MISS,
        /** One run of the delegate; {@link #durationNanos()} and {@link #outcome()} tell how it went. */
        LOAD,
        /** A result was stored. */
        PUT,
        /** A key was deleted by a facade command; {@link #outcome()} is {@code "removed"} or {@code "absent"}. */
        REMOVE,
        /** {@code @Early}, {@code @Soft} or {@code @Failover} served a value past its freshness. */
        STALE_SERVED,
        /** A background recompute ended; {@link #outcome()} is {@value #SUCCESS} or {@value #FAILURE}. */
        REFRESH,
        /** A call was refused: rate limit, slice rate limit, open breaker, lock not taken, Bloom negative. */
        REJECTED,
        /** A circuit breaker was seen in a new state: {@value #OPEN}, {@value #HALF_OPEN} or {@value #CLOSED}. */
        BREAKER_STATE,
        /**
         * A caller waited for the backend lock of a miss; {@link #durationNanos()} is the wait and
         * {@link #outcome()} how it ended.
         */
        LOCK_WAIT
    }

    private final Kind kind;
    private final String strategy;
    private final @Nullable String template;
    private final String key;
    private final String backend;
    private final long durationNanos;
    private final @Nullable String outcome;

    /**
     * Creates an event; strategies call {@link Cashews#report} instead, which fills the backend in.
     *
     * @param kind what happened
     * @param strategy the strategy's name ({@code "simple"}, {@code "early"}, …, or {@value #FACADE})
     * @param template the key template as written, or {@code null} for a facade command
     * @param key the rendered key
     * @param backend the scheme of the backend serving the key ({@code "mem"}, {@code "redis"}, …)
     * @param durationNanos how long it took, for {@link Kind#LOAD} and {@link Kind#LOCK_WAIT};
     *     otherwise {@code -1}
     * @param outcome how it ended, where the kind has one (see the constants); otherwise {@code null}
     * @throws NullPointerException if {@code kind}, {@code strategy}, {@code key} or {@code backend}
     *     is null
     */
    public CacheEvent(Kind kind, String strategy, @Nullable String template, String key, String backend,
            long durationNanos, @Nullable String outcome) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.template = template;
        this.key = Objects.requireNonNull(key, "key");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.durationNanos = durationNanos;
        this.outcome = outcome;
    }

    /**
     * Returns what happened.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the strategy that reported the event.
     *
     * @return {@code "simple"}, {@code "early"}, {@code "soft"}, {@code "hit"}, {@code "failover"},
     *     {@code "iterator"}, {@code "locked"}, {@code "rate_limit"}, {@code "slice_rate_limit"},
     *     {@code "circuit_breaker"}, {@code "bloom"}, or {@value #FACADE}
     */
    public String strategy() {
        return strategy;
    }

    /**
     * Returns the key template as written on the annotation, prefix included: bounded, fit for a
     * metric tag.
     *
     * @return the template, or {@code null} for a facade command
     */
    public @Nullable String template() {
        return template;
    }

    /**
     * Returns the rendered key: unbounded, never a metric tag.
     *
     * @return the key (the pattern or first key for commands on several)
     */
    public String key() {
        return key;
    }

    /**
     * Returns the scheme of the backend that serves the key.
     *
     * @return {@code "mem"}, {@code "redis"}, {@code "disk"}, …, or {@code "none"} when no
     *     backend serves it
     */
    public String backend() {
        return backend;
    }

    /**
     * Returns how long the event took, by the instance's clock.
     *
     * @return nanoseconds for {@link Kind#LOAD} and {@link Kind#LOCK_WAIT}, otherwise {@code -1}
     */
    public long durationNanos() {
        return durationNanos;
    }

    /**
     * Returns how the event ended, for the kinds that have an outcome.
     *
     * @return one of the constants of this class (or {@code "removed"}/{@code "absent"} for
     *     {@link Kind#REMOVE}), or {@code null}
     */
    public @Nullable String outcome() {
        return outcome;
    }

    /**
     * Tells whether the event ended well: false only for a {@value #FAILURE} outcome and a lock
     * wait that ended in {@value #TIMEOUT}.
     *
     * @return whether it succeeded
     */
    public boolean success() {
        return !FAILURE.equals(outcome) && !TIMEOUT.equals(outcome);
    }

    @Override
    public String toString() {
        return "CacheEvent[" + kind + ", " + strategy + ", template=" + template + ", key=" + key + ", backend="
                + backend + (durationNanos >= 0 ? ", " + durationNanos + " ns" : "")
                + (outcome == null ? "" : ", " + outcome) + "]";
    }
}
