package io.cashews.internal;

import io.cashews.CacheEvent;
import io.cashews.Cashews;
import io.cashews.LockedException;
import io.cashews.TtlFunction;
import io.cashews.base.LockWait;
import io.cashews.codec.CachedException;
import io.cashews.codec.ValueType;
import io.cashews.time.CacheClock;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * For generated code: the {@code @Cache} strategy of one proxied method, built once in the
 * proxy's constructor and shared by every call.
 *
 * <p>A synchronous method calls {@link #lookup(String)} and, on {@link #MISS}, {@link #load}; an
 * asynchronous one calls {@link #callAsync} for the whole path. On a miss the delegate is called;
 * its exceptions are never stored and reach the caller unchanged; every success, {@code null}
 * included, is stored unless the {@linkplain Builder#condition condition} or the
 * {@linkplain Builder#timeConditionMillis time condition} says no. With
 * {@linkplain Builder#protect protect}, concurrent misses of one key in this JVM share one
 * computation; with {@linkplain Builder#lock lock}, a lock on the backend ({@code lock:<key>})
 * lets one caller across every process compute while the others wait and re-read the cache.
 * A backend failure while storing or unlocking never turns a successful computation into an
 * exception.
 */
public final class CacheMethod implements Decorator {

    /** What {@link #lookup(String)} returns when the key is not stored. */
    public static final Object MISS = new Sentinel("MISS");

    // Outcomes of waiting for the backend lock that are not a stored value (shared with the
    // asynchronous path).
    static final Object ACQUIRED = new Sentinel("ACQUIRED");
    // A stored null, while waiting: the lock wait ends on any answer but null.
    static final Object STORED_NULL = new Sentinel("STORED_NULL");
    // How often a refused setLock on a lock that looks free is retried at once before waiting
    // (released and taken again in between); a refusal never means "locks disabled".
    static final int UNHELD_ATTEMPTS = 3;
    static final String LOCK_PREFIX = "lock:";
    static final System.Logger LOG = System.getLogger(CacheMethod.class.getName());

    private static final Object[] NO_ARGS = new Object[0];
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(32);

    final Cashews cache;
    private final String template;
    /** TTL, conditions, stored exceptions, tags and the declared value type. */
    final StorePolicy policy;
    final Duration ttl;
    private final @Nullable TtlFunction ttlFunction;
    final boolean lock;
    final boolean protect;
    /** Whether callers' cancellations stop a computation nobody waits for any more; see {@link LayerBuilder#cancellable}. */
    final boolean cancellable;
    /** The declared result type: reads decode into it; a value of another type is a miss. */
    final ValueType<?> valueType;
    final CacheClock clock;
    // Waits for the backend lock at most its TTL: by then its holder's lock has expired.
    final LockWait lockWait;
    /** In-flight computations by key, used only with {@code protect}: sync and async apart. */
    final SingleFlight flights;
    private final AtomicBoolean storeFailureLogged = new AtomicBoolean();
    private final AsyncCachePath async;
    final EventSite events;

    private CacheMethod(Builder builder, StorePolicy policy) {
        this.cache = builder.cache;
        this.template = builder.template;
        this.policy = policy;
        this.ttl = policy.ttl();
        this.ttlFunction = builder.ttlFunction;
        this.lock = builder.lock;
        this.protect = builder.protect;
        this.cancellable = builder.cancellable;
        this.valueType = policy.type();
        this.clock = cache.clock();
        this.lockWait = new LockWait(clock, cache.executor(), FIRST_BACKOFF_NANOS, MAX_BACKOFF_NANOS, ttl.toNanos());
        this.flights = new SingleFlight();
        this.events = new EventSite(cache, "simple", template);
        this.async = new AsyncCachePath(this);
    }

    /**
     * Starts building the strategy of one method.
     *
     * @param cache the instance the proxy stores into
     * @param template the method's key template as written, prefix included; used in messages
     * @return a builder; {@link Builder#ttlMillis(long)} must be called before
     *     {@link Builder#build()}
     * @throws NullPointerException if an argument is null
     */
    public static Builder builder(Cashews cache, String template) {
        return new Builder(cache, template);
    }

    /**
     * Reads the stored value of {@code key}.
     *
     * @param key the rendered key
     * @return the stored value, possibly {@code null}, or {@link #MISS} when nothing is stored
     */
    public @Nullable Object lookup(String key) {
        Object stored = peek(key);
        events.read(key, stored, MISS);
        return stored;
    }

    // A read of the entry that reports no hit or miss (a re-read of a caller that already missed).
    private @Nullable Object peek(String key) {
        Object stored = cache.strategyStore().getAs(key, valueType, MISS);
        if (stored != MISS && Detection.active()) {
            detected(key, stored);
        }
        return stored;
    }

    /** Reports a hit to the detect scopes in effect; called only when one may be open. */
    void detected(String key, @Nullable Object stored) {
        Detection.report(cache, "simple", key, template, ttl, stored, Map.of());
    }

    /**
     * The whole synchronous path: {@link #lookup(String)}, then {@link #load} on a miss. Proxies
     * of a method with only {@code @Cache} inline the two steps; stacked annotations call this.
     */
    @Override
    public <T extends @Nullable Object, E extends Exception> T call(
            String key, @Nullable Object @Nullable [] args, Loader<T, E> inner) throws E {
        Object hit = lookup(key);
        return hit != MISS ? value(hit) : load(key, args, inner);
    }

    /**
     * The strategy of a method with no option beyond its TTL and declared value type: the same as
     * {@code builder(cache, template).ttlMillis(ttlMillis).valueType(type).build()}, in one call
     * that keeps generated constructors short.
     *
     * @param cache the instance the proxy stores into
     * @param template the method's key template as written, prefix included; used in messages
     * @param ttlMillis the TTL, positive
     * @param type the declared type of the method's values
     * @return the strategy
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code ttlMillis} is not positive
     */
    public static CacheMethod of(Cashews cache, String template, long ttlMillis, ValueType<?> type) {
        return builder(cache, template).ttlMillis(ttlMillis).valueType(type).build();
    }

    /**
     * Casts a value returned by {@link #lookup(String)} that is not {@link #MISS}; the unchecked
     * cast lives here so that generated code compiles without warnings. A stored exception
     * ({@link Builder#withExceptions}) is a {@link CachedException}, recognised here and rethrown.
     *
     * @param stored the stored value
     * @param <T> the method's result type
     * @return {@code stored}
     * @throws RuntimeException (or the checked exception the method declares) when {@code stored}
     *     is a stored exception: that exception
     */
    @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
    public static <T extends @Nullable Object> T value(@Nullable Object stored) {
        if (stored instanceof CachedException cached) {
            // withExceptions: the stored exception is rethrown on every hit.
            throw cached.rethrow();
        }
        return (T) stored;
    }

    /**
     * The miss path of a synchronous method: computes through {@code loader} (or joins the
     * computation already running for {@code key} with {@code protect}, or waits for the holder
     * of the backend lock with {@code lock}), stores the result when the conditions allow it and
     * returns it.
     *
     * @param key the rendered key
     * @param args the call's arguments, passed when a condition or a TTL function needs them;
     *     otherwise {@code null}
     * @param loader the call to the delegate
     * @param <T> the method's result type
     * @param <E> the checked exception the method declares
     * @return the computed (or, after waiting, the stored) result
     * @throws E what the delegate threw, unchanged, also to callers that joined its computation
     * @throws LockedException if the backend lock is still held once the TTL has passed since
     *     this caller began to wait for it, or the thread is interrupted while waiting (its
     *     interrupt status is kept)
     */
    public <T extends @Nullable Object, E extends Exception> T load(
            String key, @Nullable Object @Nullable [] args, Loader<T, E> loader) throws E {
        if (!protect) {
            return value(lock ? loadLocked(key, args, loader) : compute(key, args, loader));
        }
        // A caller that missed just before the previous computation stored its value and left
        // the registry must not compute again: re-read (the locked path re-reads anyway).
        return value(flights.<@Nullable Object, E>run(key,
                () -> lock ? loadLocked(key, args, loader) : recheckThenCompute(key, args, loader)));
    }

    private <T extends @Nullable Object, E extends Exception> @Nullable Object recheckThenCompute(
            String key, @Nullable Object @Nullable [] args, Loader<T, E> loader) throws E {
        Object stored = peek(key);
        return stored != MISS ? stored : compute(key, args, loader);
    }

    private <T extends @Nullable Object, E extends Exception> @Nullable Object loadLocked(
            String key, @Nullable Object @Nullable [] args, Loader<T, E> loader) throws E {
        String lockKey = LOCK_PREFIX + key;
        if (!cache.canLock(lockKey)) {
            // A disabled setLock always answers false; waiting for it would never end.
            return compute(key, args, loader);
        }
        String token = LockWait.newToken();
        long waitStart = events.start();
        Object outcome;
        try {
            outcome = lockWait.await(lockKey, () -> tryLock(key, lockKey, token),
                    ending -> waitFailed(lockKey, ending));
        } catch (RuntimeException e) {
            events.lockWait(key, waitStart, CacheEvent.TIMEOUT);
            throw e;
        }
        events.lockWait(key, waitStart, outcome == ACQUIRED ? CacheEvent.ACQUIRED : CacheEvent.SERVED);
        if (outcome != ACQUIRED) {
            // Another caller stored the value while this one was waiting.
            return outcome == STORED_NULL ? null : outcome;
        }
        try {
            Object stored = peek(key);
            return stored != MISS ? stored : compute(key, args, loader);
        } finally {
            try {
                cache.unlock(lockKey, token);
            } catch (RuntimeException e) {
                // The lock expires with the method's TTL; the caller's result stands.
                LOG.log(Level.DEBUG, () -> "unlock of " + lockKey + " failed", e);
            }
        }
    }

    /**
     * One attempt to take the backend lock: {@link #ACQUIRED}, the value another caller stored
     * meanwhile ({@link #STORED_NULL} for null), or {@code null} while another holds it.
     */
    private @Nullable Object tryLock(String key, String lockKey, String token) {
        int unheld = 0;
        while (!cache.setLock(lockKey, token, ttl)) {
            Object stored = peek(key);
            if (stored != MISS) {
                return stored == null ? STORED_NULL : stored;
            }
            if (cache.isLocked(lockKey) || ++unheld >= UNHELD_ATTEMPTS) {
                // Held, or released and taken again in between: another caller computes.
                return null;
            }
        }
        return ACQUIRED;
    }

    LockedException waitFailed(String lockKey, LockWait.Ending ending) {
        // As Cashews.lock does on an interrupt: give up waiting, keep the flag for the caller to see.
        return ending == LockWait.Ending.INTERRUPTED
                ? new LockedException("interrupted while waiting for lock '" + lockKey + "'")
                : new LockedException("lock '" + lockKey + "' of \"" + template + "\" is still held after its ttl of "
                        + ttl.toMillis() + " ms");
    }

    private <T extends @Nullable Object, E extends Exception> @Nullable Object compute(
            String key, @Nullable Object @Nullable [] args, Loader<T, E> loader) throws E {
        long start = policy.timed() ? clock.nanoTime() : 0;
        long began = events.start();
        T result;
        try {
            result = loader.load();
        } catch (Throwable failure) {
            events.load(key, began, false);
            if (policy.storesExceptions()) {
                storeException(key, failure);
            }
            throw failure;
        }
        events.load(key, began, true);
        long elapsed = policy.timed() ? clock.nanoTime() - start : 0;
        Duration storeFor = storeTtl(key, args, result, elapsed);
        if (storeFor != null) {
            try {
                events.put(key, cache.strategyStore().set(key, policy.sealed(result), storeFor, policy.tags(args)));
            } catch (RuntimeException e) {
                storeFailed(key, e);
            }
        }
        return result;
    }

    /**
     * Applies the conditions and the TTL function.
     *
     * @return how long to store {@code result}, or {@code null} not to store it
     */
    @Nullable Duration storeTtl(String key, @Nullable Object @Nullable [] args,
            @Nullable Object result, long elapsedNanos) {
        if (!policy.storesResult(result, args, key, elapsedNanos)) {
            return null;
        }
        if (ttlFunction == null) {
            return ttl;
        }
        Duration computed = ttlFunction.ttl(args == null ? NO_ARGS : args, result);
        return computed == null || computed.isNegative() || computed.isZero() ? null : computed;
    }

    private void storeException(String key, Throwable failure) {
        if (policy.storesException(failure)) {
            try {
                events.put(key, cache.strategyStore().set(key, policy.sealed(new CachedException(failure)), ttl));
            } catch (RuntimeException e) {
                storeFailed(key, e);
            }
        }
    }

    void storeFailed(String key, Throwable failure) {
        // Logged once loudly, then quietly: a backend that is down would otherwise flood the log.
        Level level = storeFailureLogged.compareAndSet(false, true) ? Level.WARNING : Level.DEBUG;
        LOG.log(level, () -> "could not store the result of \"" + template + "\" under " + key
                + "; the caller gets the computed value", failure);
    }

    /**
     * The whole path of an asynchronous method: reads the cache and, on a miss, computes through
     * {@code loader} as {@link #load} does, without ever blocking a thread (the backend lock is
     * polled with tasks the instance's clock schedules on the cache's executor; the wait fails
     * with {@link LockedException} once the TTL has passed).
     *
     * @param key the rendered key
     * @param args the call's arguments, passed when a condition or a TTL function needs them;
     *     otherwise {@code null}
     * @param loader the call to the delegate
     * @param <T> the type the method's future completes with
     * @return a new future for this caller: completed at once on a hit, otherwise with the
     *     delegate's result after it was stored (or not), or exceptionally with exactly the
     *     exception the delegate's stage failed with or the loader threw
     */
    @Override
    public <T extends @Nullable Object> CompletableFuture<T> callAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> loader) {
        return async.call(key, args, loader);
    }

    /**
     * The asynchronous path of a lazy result (a Reactor {@code Mono}, a Mutiny {@code Uni}),
     * deferred to each subscription: every call of the returned supplier runs
     * {@link #callAsync callAsync(key, args, loader)} anew, so nothing is read or computed before
     * one, and each subscription reads the cache itself. It runs with the scopes (detect,
     * disabling, transactions, {@code invalidateFurther}, …) that the current thread has now, when
     * the proxied method is called, whichever thread subscribes later, as every proxied call
     * captures them when it is made.
     *
     * @param key the rendered key
     * @param args the call's arguments, or {@code null} (see {@link #callAsync})
     * @param loader the call to the delegate
     * @param <T> the type the result completes with
     * @return a supplier of one new future per call, as {@link #callAsync} returns it
     */
    public <T extends @Nullable Object> Supplier<CompletableFuture<T>> deferAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> loader) {
        return Deferred.async(() -> callAsync(key, args, loader));
    }

    /**
     * Returns the key template this strategy was built for.
     *
     * @return the template as written, prefix included
     */
    public String template() {
        return template;
    }

    @Override
    public String toString() {
        return "CacheMethod[" + template + ", ttl=" + ttl + (lock ? ", lock" : "")
                + (protect ? ", protect" : "") + "]";
    }

    /** Builds a {@link CacheMethod}; for generated code. */
    public static final class Builder extends LayerBuilder<Builder> {
        private @Nullable TtlFunction ttlFunction;
        private boolean lock;
        private boolean protect = true;

        private Builder(Cashews cache, String template) {
            super(cache, template);
        }

        /**
         * Lets a function compute the TTL of each stored result instead of the fixed one.
         *
         * @param ttlFunction the function, called with the call's arguments and the result
         * @return this builder
         * @throws NullPointerException if {@code ttlFunction} is null
         */
        public Builder ttlFunction(TtlFunction ttlFunction) {
            this.ttlFunction = Objects.requireNonNull(ttlFunction, "ttlFunction");
            return this;
        }

        /**
         * Takes the backend lock {@code lock:<key>} around a miss, so that one caller across
         * every process computes while the others wait and then read the stored value. A wait
         * lasts at most the TTL (by then the holder's lock has expired) and then fails with
         * {@link LockedException}.
         *
         * @param lock whether to lock; default {@code false}
         * @return this builder
         */
        public Builder lock(boolean lock) {
            this.lock = lock;
            return this;
        }

        /**
         * Lets concurrent misses of one key in this JVM share one computation.
         *
         * @param protect whether to share; default {@code true}, as on the annotation
         * @return this builder
         */
        public Builder protect(boolean protect) {
            this.protect = protect;
            return this;
        }

        /**
         * Builds the strategy.
         *
         * @return the strategy, safe to share between threads
         * @throws IllegalStateException if {@link #ttlMillis(long)} was not called
         */
        public CacheMethod build() {
            return new CacheMethod(this, policy());
        }
    }

    /** A named marker object, distinct from every value a backend can return. */
    private static final class Sentinel {
        private final String name;

        Sentinel(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return "CacheMethod." + name;
        }
    }
}
