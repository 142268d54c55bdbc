package io.cashews.internal;

import io.cashews.CacheCondition;
import io.cashews.Cashews;
import io.cashews.Command;
import io.cashews.LockedException;
import io.cashews.TtlFunction;
import io.cashews.base.LockWait;
import io.cashews.base.ScopeSnapshot;
import io.cashews.codec.CachedException;
import io.cashews.codec.ValueType;
import io.cashews.time.CacheClock;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

    // Outcomes of waiting for the backend lock that are not a stored value.
    private static final Object ACQUIRED = new Sentinel("ACQUIRED");
    private static final Object LOCKS_DISABLED = new Sentinel("LOCKS_DISABLED");
    // A stored null, while waiting: the lock wait ends on any answer but null.
    private static final Object STORED_NULL = new Sentinel("STORED_NULL");
    // How often setLock may fail on a lock that nobody holds before locking counts as disabled.
    private static final int UNHELD_ATTEMPTS = 3;

    private static final Object[] NO_ARGS = new Object[0];
    private static final String LOCK_PREFIX = "lock:";
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(32);
    private static final System.Logger LOG = System.getLogger(CacheMethod.class.getName());

    private final Cashews cache;
    private final String template;
    private final Duration ttl;
    private final @Nullable TtlFunction ttlFunction;
    private final @Nullable TemplateRenderer tags;
    private final @Nullable CacheCondition condition;
    private final long timeConditionNanos;
    private final boolean lock;
    private final boolean protect;
    /** Exceptions stored in place of results ({@code withExceptions} / {@code onlyExceptions}); empty: none. */
    private final List<Class<? extends Throwable>> storedExceptions;
    private final boolean onlyExceptions;
    /** The declared result type: reads decode into it; a value of another type is a miss. */
    private final ValueType<?> valueType;
    private final CacheClock clock;
    // Waits for the backend lock at most its TTL: by then its holder's lock has expired.
    private final LockWait lockWait;
    /** In-flight computations by key, used only with {@code protect}: sync and async apart. */
    private final SingleFlight flights;
    private final AtomicBoolean storeFailureLogged = new AtomicBoolean();

    private CacheMethod(Builder builder) {
        this.cache = builder.cache;
        this.template = builder.template;
        this.ttl = Duration.ofMillis(builder.ttlMillis);
        this.ttlFunction = builder.ttlFunction;
        this.tags = builder.tags;
        this.condition = builder.condition;
        this.timeConditionNanos = TimeUnit.MILLISECONDS.toNanos(builder.timeConditionMillis);
        this.lock = builder.lock;
        this.protect = builder.protect;
        this.storedExceptions = List.copyOf(builder.storedExceptions);
        this.onlyExceptions = builder.onlyExceptions;
        this.valueType = builder.valueType;
        CachedException.admit(storedExceptions);
        this.clock = cache.clock();
        this.lockWait = new LockWait(clock, cache.executor(), FIRST_BACKOFF_NANOS, MAX_BACKOFF_NANOS, ttl.toNanos());
        this.flights = new SingleFlight();
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
        Object stored = cache.getAs(key, valueType, MISS);
        if (stored != MISS && Detection.active()) {
            detected(key, stored);
        }
        return stored;
    }

    /** Reports a hit to the detect scopes in effect; called only when one may be open. */
    private void detected(String key, @Nullable Object stored) {
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
        Object stored = lookup(key);
        return stored != MISS ? stored : compute(key, args, loader);
    }

    private <T extends @Nullable Object, E extends Exception> @Nullable Object loadLocked(
            String key, @Nullable Object @Nullable [] args, Loader<T, E> loader) throws E {
        if (!cache.isEnabled(Command.SET_LOCK)) {
            // A disabled setLock always answers false; waiting for it would never end.
            return compute(key, args, loader);
        }
        String lockKey = LOCK_PREFIX + key;
        String token = LockWait.newToken();
        Object outcome = lockWait.await(lockKey, () -> tryLock(key, lockKey, token),
                ending -> waitFailed(lockKey, ending));
        if (outcome == LOCKS_DISABLED) {
            return compute(key, args, loader);
        }
        if (outcome != ACQUIRED) {
            // Another caller stored the value while this one was waiting.
            return outcome == STORED_NULL ? null : outcome;
        }
        try {
            Object stored = lookup(key);
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
     * meanwhile ({@link #STORED_NULL} for null), {@link #LOCKS_DISABLED}, or {@code null} while
     * another holds it.
     */
    private @Nullable Object tryLock(String key, String lockKey, String token) {
        int unheld = 0;
        while (!cache.setLock(lockKey, token, ttl)) {
            Object stored = lookup(key);
            if (stored != MISS) {
                return stored == null ? STORED_NULL : stored;
            }
            if (cache.isLocked(lockKey)) {
                return null;
            }
            if (++unheld >= UNHELD_ATTEMPTS) {
                // Refused although nobody holds it: locks are disabled for this key's backend.
                return LOCKS_DISABLED;
            }
        }
        return ACQUIRED;
    }

    private LockedException waitFailed(String lockKey, LockWait.Ending ending) {
        // As Cashews.lock does on an interrupt: give up waiting, keep the flag for the caller to see.
        return ending == LockWait.Ending.INTERRUPTED
                ? new LockedException("interrupted while waiting for lock '" + lockKey + "'")
                : new LockedException("lock '" + lockKey + "' of \"" + template + "\" is still held after its ttl of "
                        + ttl.toMillis() + " ms");
    }

    private <T extends @Nullable Object, E extends Exception> @Nullable Object compute(
            String key, @Nullable Object @Nullable [] args, Loader<T, E> loader) throws E {
        long start = timeConditionNanos > 0 ? clock.nanoTime() : 0;
        T result;
        if (storedExceptions.isEmpty()) {
            result = loader.load();
        } else {
            try {
                result = loader.load();
            } catch (RuntimeException | Error failure) {
                storeException(key, failure);
                throw failure;
            } catch (Exception failure) {
                storeException(key, failure);
                throw failure;
            }
        }
        long elapsed = timeConditionNanos > 0 ? clock.nanoTime() - start : 0;
        Duration storeFor = storeTtl(key, args, result, elapsed);
        if (storeFor != null) {
            try {
                cache.set(key, result, storeFor, StorePolicy.tags(tags, args));
            } catch (RuntimeException e) {
                storeFailed(key, e);
            }
        }
        return result;
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
        CompletableFuture<@Nullable Object> read;
        try {
            read = cache.async().getAs(key, valueType, MISS);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (read.isDone() && !read.isCompletedExceptionally()) {
            // The memory backend answers at once: no continuation, a single completed future.
            Object stored = read.getNow(MISS);
            if (stored != MISS) {
                if (Detection.active()) {
                    detected(key, stored);
                }
                return Futures.served(stored);
            }
            // The miss path continues on other threads: it carries the caller's scopes along.
            return Futures.relayServed(missAsync(key, args, loader, ScopeSnapshot.capture()));
        }
        ScopeSnapshot scopes = ScopeSnapshot.capture();
        CompletableFuture<T> result = new CompletableFuture<>();
        afterRead(read, scopes, (stored, error) -> {
            if (error != null) {
                result.completeExceptionally(Futures.unwrap(error));
            } else if (stored instanceof CachedException cached) {
                if (Detection.active()) {
                    detected(key, stored);
                }
                result.completeExceptionally(cached.error());
            } else if (stored != MISS) {
                if (Detection.active()) {
                    detected(key, stored);
                }
                result.complete(value(stored));
            } else {
                Futures.relayServed(missAsync(key, args, loader, scopes), result);
            }
        });
        return result;
    }

    /** Continues after a backend read, off the backend's I/O thread (see {@link Futures#offIoThread}). */
    private <V extends @Nullable Object> void afterRead(
            CompletableFuture<V> read, ScopeSnapshot scopes, BiConsumer<V, @Nullable Throwable> then) {
        Futures.offIoThread(read, cache.executor()).whenComplete(scopes.wrap(then));
    }

    private <T extends @Nullable Object> CompletableFuture<@Nullable Object> missAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> loader, ScopeSnapshot scopes) {
        if (!protect) {
            return Futures.guard(() -> lock ? lockedAsync(key, args, loader, scopes) : computeAsync(key, args, loader, scopes));
        }
        // The leader re-reads: a caller that missed just before the previous computation stored
        // its value and left the registry must not compute again (the locked path re-reads anyway).
        return flights.runAsync(key,
                () -> Futures.guard(() -> lock ? lockedAsync(key, args, loader, scopes) : recheckThenComputeAsync(key, args, loader, scopes)));
    }

    private <T extends @Nullable Object> CompletableFuture<@Nullable Object> recheckThenComputeAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> loader, ScopeSnapshot scopes) {
        CompletableFuture<@Nullable Object> result = new CompletableFuture<>();
        afterRead(cache.async().getAs(key, valueType, MISS), scopes, (stored, error) -> {
            if (error != null) {
                result.completeExceptionally(Futures.unwrap(error));
            } else if (stored != MISS) {
                if (Detection.active()) {
                    detected(key, stored);
                }
                result.complete(stored);
            } else {
                Futures.relayServed(Futures.guard(() -> computeAsync(key, args, loader, scopes)), result);
            }
        });
        return result;
    }

    private <T extends @Nullable Object> CompletableFuture<@Nullable Object> computeAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> loader, ScopeSnapshot scopes) {
        long start = timeConditionNanos > 0 ? clock.nanoTime() : 0;
        CompletionStage<T> stage;
        try {
            stage = loader.load();
        } catch (Throwable thrown) {
            return CompletableFuture.failedFuture(thrown);
        }
        if (stage == null) {
            return CompletableFuture.failedFuture(new NullPointerException(
                    "the delegate returned a null CompletionStage for key " + key));
        }
        CompletableFuture<@Nullable Object> result = new CompletableFuture<>();
        // The delegate's stage may complete on any thread: store with the caller's scopes.
        stage.whenComplete(scopes.wrap((value, error) -> {
            if (error != null) {
                Throwable failure = Futures.unwrap(error);
                if (stores(failure)) {
                    storeExceptionAsync(key, failure).whenComplete((ignored, e) -> result.completeExceptionally(failure));
                } else {
                    result.completeExceptionally(failure);
                }
                return;
            }
            long elapsed = timeConditionNanos > 0 ? clock.nanoTime() - start : 0;
            Duration storeFor;
            try {
                storeFor = storeTtl(key, args, value, elapsed);
            } catch (Throwable userCode) {
                // A condition or TTL function that throws is a bug the caller should see, as on
                // the synchronous path.
                result.completeExceptionally(userCode);
                return;
            }
            CompletableFuture<?> stored = CompletableFuture.completedFuture(null);
            if (storeFor != null) {
                try {
                    stored = cache.async().set(key, value, storeFor, StorePolicy.tags(tags, args));
                } catch (RuntimeException e) {
                    storeFailed(key, e);
                }
            }
            // Completing after the write lets the caller's next call hit.
            stored.whenComplete((ignored, storeError) -> {
                if (storeError != null) {
                    storeFailed(key, Futures.unwrap(storeError));
                }
                result.complete(value);
            });
        }));
        return result;
    }

    private <T extends @Nullable Object> CompletableFuture<@Nullable Object> lockedAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> loader, ScopeSnapshot scopes) {
        if (!cache.isEnabled(Command.SET_LOCK)) {
            // A disabled setLock always answers false; polling for it would never end.
            return computeAsync(key, args, loader, scopes);
        }
        String lockKey = LOCK_PREFIX + key;
        String token = LockWait.newToken();
        // Later attempts start on the executor: with the caller's scopes, as the first one.
        Function<@Nullable Object, CompletableFuture<@Nullable Object>> attempt =
                scopes.wrapFunction(ignored -> tryLockAsync(key, lockKey, token, 0, scopes));
        CompletableFuture<@Nullable Object> acquired = lockWait.awaitAsync(lockKey, () -> attempt.apply(null),
                ending -> waitFailed(lockKey, ending), null);
        CompletableFuture<@Nullable Object> result = new CompletableFuture<>();
        // The wait completes off the backend's I/O thread, so the delegate is not called there.
        acquired.whenComplete(scopes.wrap((outcome, error) -> {
            if (error != null) {
                result.completeExceptionally(Futures.unwrap(error));
            } else if (outcome == LOCKS_DISABLED) {
                Futures.relayServed(Futures.guard(() -> computeAsync(key, args, loader, scopes)), result);
            } else if (outcome != ACQUIRED) {
                // Another caller stored the value while this one was waiting.
                result.complete(outcome == STORED_NULL ? null : outcome);
            } else {
                Futures.guard(() -> recheckThenComputeAsync(key, args, loader, scopes)).whenComplete(scopes.wrap((value, workError) ->
                        unlockAsync(lockKey, token).whenComplete((ignored, unlockError) -> {
                            if (workError != null) {
                                result.completeExceptionally(Futures.unwrap(workError));
                            } else {
                                result.complete(value);
                            }
                        })));
            }
        }));
        return result;
    }

    /**
     * One attempt to take the backend lock, as {@link #tryLock} answers, without blocking. Never
     * throws: every failure, including one inside a callback, fails the returned future.
     */
    private CompletableFuture<@Nullable Object> tryLockAsync(String key, String lockKey, String token, int unheld,
            ScopeSnapshot scopes) {
        CompletableFuture<@Nullable Object> outcome = new CompletableFuture<>();
        Futures.guard(() -> cache.async().setLock(lockKey, token, ttl).thenApply(locked -> (Object) locked))
                .whenComplete(scopes.wrap((locked, error) -> {
                    if (error != null) {
                        outcome.completeExceptionally(Futures.unwrap(error));
                    } else if (Boolean.TRUE.equals(locked)) {
                        outcome.complete(ACQUIRED);
                    } else {
                        Futures.guard(() -> cache.async().getAs(key, valueType, MISS)).whenComplete(scopes.wrap((stored, readError) -> {
                            if (readError != null) {
                                outcome.completeExceptionally(Futures.unwrap(readError));
                            } else if (stored != MISS) {
                                if (Detection.active()) {
                                    detected(key, stored);
                                }
                                outcome.complete(stored == null ? STORED_NULL : stored);
                            } else {
                                checkHeld(key, lockKey, token, unheld, outcome, scopes);
                            }
                        }));
                    }
                }));
        return outcome;
    }

    private void checkHeld(String key, String lockKey, String token, int unheld,
            CompletableFuture<@Nullable Object> outcome, ScopeSnapshot scopes) {
        Futures.guard(() -> cache.async().isLocked(lockKey).thenApply(held -> (Object) held))
                .whenComplete(scopes.wrap((held, error) -> {
                    if (error != null) {
                        outcome.completeExceptionally(Futures.unwrap(error));
                    } else if (Boolean.TRUE.equals(held)) {
                        outcome.complete(null);
                    } else if (unheld + 1 >= UNHELD_ATTEMPTS) {
                        // Refused although nobody holds it: locks are disabled for this key's backend.
                        outcome.complete(LOCKS_DISABLED);
                    } else {
                        Futures.relay(tryLockAsync(key, lockKey, token, unheld + 1, scopes), outcome);
                    }
                }));
    }

    private CompletableFuture<?> unlockAsync(String lockKey, String token) {
        CompletableFuture<@Nullable Object> done = new CompletableFuture<>();
        try {
            cache.async().unlock(lockKey, token).whenComplete((ignored, error) -> {
                if (error != null) {
                    LOG.log(Level.DEBUG, () -> "unlock of " + lockKey + " failed", Futures.unwrap(error));
                }
                done.complete(null);
            });
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "unlock of " + lockKey + " failed", e);
            done.complete(null);
        }
        return done;
    }

    /**
     * Applies the conditions and the TTL function.
     *
     * @return how long to store {@code result}, or {@code null} not to store it
     */
    private @Nullable Duration storeTtl(String key, @Nullable Object @Nullable [] args,
            @Nullable Object result, long elapsedNanos) {
        if (onlyExceptions || (timeConditionNanos > 0 && elapsedNanos < timeConditionNanos)) {
            return null;
        }
        @Nullable Object[] callArgs = args == null ? NO_ARGS : args;
        if (condition != null && !condition.test(result, callArgs, key)) {
            return null;
        }
        if (ttlFunction == null) {
            return ttl;
        }
        Duration computed = ttlFunction.ttl(callArgs, result);
        return computed == null || computed.isNegative() || computed.isZero() ? null : computed;
    }

    private boolean stores(Throwable failure) {
        for (Class<? extends Throwable> type : storedExceptions) {
            if (type.isInstance(failure)) {
                return true;
            }
        }
        return false;
    }

    private void storeException(String key, Throwable failure) {
        if (stores(failure)) {
            try {
                cache.set(key, new CachedException(failure), ttl);
            } catch (RuntimeException e) {
                storeFailed(key, e);
            }
        }
    }

    private CompletableFuture<?> storeExceptionAsync(String key, Throwable failure) {
        CompletableFuture<?> stored = Futures.guard(() -> cache.async().set(key, new CachedException(failure), ttl));
        return stored.whenComplete((ignored, error) -> {
            if (error != null) {
                storeFailed(key, Futures.unwrap(error));
            }
        });
    }

    private void storeFailed(String key, Throwable failure) {
        // Logged once loudly, then quietly: a backend that is down would otherwise flood the log.
        Level level = storeFailureLogged.compareAndSet(false, true) ? Level.WARNING : Level.DEBUG;
        LOG.log(level, () -> "could not store the result of \"" + template + "\" under " + key
                + "; the caller gets the computed value", failure);
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
    public static final class Builder {
        private final Cashews cache;
        private final String template;
        private long ttlMillis;
        private @Nullable TtlFunction ttlFunction;
        private @Nullable TemplateRenderer tags;
        private @Nullable CacheCondition condition;
        private long timeConditionMillis;
        private boolean lock;
        private boolean protect = true;
        private final List<Class<? extends Throwable>> storedExceptions = new ArrayList<>();
        private boolean onlyExceptions;
        private ValueType<?> valueType = ValueType.ANY;

        private Builder(Cashews cache, String template) {
            this.cache = Objects.requireNonNull(cache, "cache");
            this.template = Objects.requireNonNull(template, "template");
        }

        /**
         * Sets the time to live of stored results (and of the backend lock); required.
         *
         * @param ttlMillis milliseconds, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code ttlMillis} is not positive
         */
        public Builder ttlMillis(long ttlMillis) {
            if (ttlMillis <= 0) {
                throw new IllegalArgumentException("ttl of \"" + template + "\" must be positive, got "
                        + ttlMillis + " ms");
            }
            this.ttlMillis = ttlMillis;
            return this;
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
         * Adds every stored result's key to the tags this renders from the call's arguments; the
         * proxy then passes the arguments on the miss path.
         *
         * @param tags renders the tags of one call
         * @return this builder
         * @throws NullPointerException if {@code tags} is null
         */
        public Builder tags(TemplateRenderer tags) {
            this.tags = Objects.requireNonNull(tags, "tags");
            return this;
        }

        /**
         * Stores a result only when {@code condition} accepts it; without one, every result is
         * stored, {@code null} included.
         *
         * @param condition the condition, called with the result, the arguments and the key
         * @return this builder
         * @throws NullPointerException if {@code condition} is null
         */
        public Builder condition(CacheCondition condition) {
            this.condition = Objects.requireNonNull(condition, "condition");
            return this;
        }

        /**
         * Stores a result only when the delegate took at least this long, measured with the cache
         * instance's clock; combined with a {@link #condition} both must hold.
         *
         * @param timeConditionMillis milliseconds; {@code 0} means no time condition
         * @return this builder
         * @throws IllegalArgumentException if {@code timeConditionMillis} is negative
         */
        public Builder timeConditionMillis(long timeConditionMillis) {
            if (timeConditionMillis < 0) {
                throw new IllegalArgumentException("timeCondition of \"" + template
                        + "\" must not be negative, got " + timeConditionMillis + " ms");
            }
            this.timeConditionMillis = timeConditionMillis;
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
         * Stores these exceptions as well as results; until the entry expires, hits rethrow the
         * stored exception without calling the delegate.
         *
         * @param types the exception types
         * @return this builder
         */
        @SafeVarargs
        public final Builder withExceptions(Class<? extends Throwable>... types) {
            storedExceptions.addAll(List.of(types));
            onlyExceptions = false;
            return this;
        }

        /**
         * Stores only these exceptions, never results.
         *
         * @param types the exception types
         * @return this builder
         */
        @SafeVarargs
        public final Builder onlyExceptions(Class<? extends Throwable>... types) {
            storedExceptions.addAll(List.of(types));
            onlyExceptions = true;
            return this;
        }

        /**
         * Sets the method's declared result type (generated code passes it): stored values are
         * decoded into it ({@code serializer=json}) and a value of another type reads as a miss.
         *
         * @param type the type; default {@link ValueType#ANY}
         * @return this builder
         */
        public Builder valueType(ValueType<?> type) {
            this.valueType = Objects.requireNonNull(type, "type");
            return this;
        }

        /**
         * Builds the strategy.
         *
         * @return the strategy, safe to share between threads
         * @throws IllegalStateException if {@link #ttlMillis(long)} was not called
         */
        public CacheMethod build() {
            if (ttlMillis == 0) {
                throw new IllegalStateException("ttlMillis(...) was not set for \"" + template + "\"");
            }
            return new CacheMethod(this);
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
