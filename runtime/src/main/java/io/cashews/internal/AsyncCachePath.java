package io.cashews.internal;

import io.cashews.CacheEvent;
import io.cashews.Cashews;
import io.cashews.base.LockWait;
import io.cashews.base.ScopeSnapshot;
import io.cashews.codec.CachedException;
import io.cashews.codec.ValueType;
import io.cashews.time.CacheClock;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The asynchronous path of one {@link CacheMethod}: the same rules as its synchronous
 * {@code load} (single flight, backend lock, conditions, stored exceptions), written with
 * futures so that no thread ever blocks. Continuations run off the backend's I/O thread and
 * carry the caller's scopes.
 */
final class AsyncCachePath {
    private final CacheMethod method;
    private final Cashews cache;
    private final StorePolicy policy;
    private final ValueType<?> valueType;
    private final Duration ttl;
    private final CacheClock clock;
    private final LockWait lockWait;
    private final SingleFlight flights;
    private final boolean lock;
    private final boolean protect;
    private final boolean cancellable;
    private final EventSite events;

    AsyncCachePath(CacheMethod method) {
        this.method = method;
        this.cache = method.cache;
        this.policy = method.policy;
        this.valueType = method.valueType;
        this.ttl = method.ttl;
        this.clock = method.clock;
        this.lockWait = method.lockWait;
        this.flights = method.flights;
        this.lock = method.lock;
        this.protect = method.protect;
        this.cancellable = method.cancellable;
        this.events = method.events;
    }

    /** {@link CacheMethod#callAsync}. */
    <T extends @Nullable Object> CompletableFuture<T> call(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> loader) {
        CompletableFuture<@Nullable Object> read;
        try {
            read = cache.strategyStore().getAsAsync(key, valueType, CacheMethod.MISS);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (read.isDone() && !read.isCompletedExceptionally()) {
            // The memory backend answers at once: no continuation, a single completed future.
            Object stored = read.getNow(CacheMethod.MISS);
            events.read(key, stored, CacheMethod.MISS);
            if (stored != CacheMethod.MISS) {
                if (Detection.active()) {
                    method.detected(key, stored);
                }
                return Futures.served(stored);
            }
            // The miss path continues on other threads: it carries the caller's scopes along.
            CompletableFuture<@Nullable Object> miss = missAsync(key, args, loader, ScopeSnapshot.capture());
            CompletableFuture<T> copy = Futures.relayServed(miss);
            passCancel(copy, miss);
            return copy;
        }
        ScopeSnapshot scopes = ScopeSnapshot.capture();
        CompletableFuture<T> result = new CompletableFuture<>();
        afterRead(read, scopes, (stored, error) -> {
            if (error == null) {
                events.read(key, stored, CacheMethod.MISS);
            }
            if (error != null) {
                result.completeExceptionally(Futures.unwrap(error));
            } else if (stored instanceof CachedException cached) {
                if (Detection.active()) {
                    method.detected(key, stored);
                }
                result.completeExceptionally(cached.error());
            } else if (stored != CacheMethod.MISS) {
                if (Detection.active()) {
                    method.detected(key, stored);
                }
                result.complete(CacheMethod.value(stored));
            } else if (!(cancellable && result.isCancelled())) {
                CompletableFuture<@Nullable Object> miss = missAsync(key, args, loader, scopes);
                passCancel(result, miss);
                Futures.relayServed(miss, result);
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
                () -> Futures.guard(() -> lock ? lockedAsync(key, args, loader, scopes) : recheckThenComputeAsync(key, args, loader, scopes)),
                cancellable);
    }

    // For a cancellable method (Mono, Uni): cancelling outer cancels inner; otherwise nothing.
    private void passCancel(CompletableFuture<?> outer, CompletableFuture<?> inner) {
        if (cancellable) {
            Futures.cancels(outer, inner);
        }
    }

    private <T extends @Nullable Object> CompletableFuture<@Nullable Object> recheckThenComputeAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> loader, ScopeSnapshot scopes) {
        CompletableFuture<@Nullable Object> result = new CompletableFuture<>();
        afterRead(cache.strategyStore().getAsAsync(key, valueType, CacheMethod.MISS), scopes, (stored, error) -> {
            if (error != null) {
                result.completeExceptionally(Futures.unwrap(error));
            } else if (stored != CacheMethod.MISS) {
                if (Detection.active()) {
                    method.detected(key, stored);
                }
                result.complete(stored);
            } else if (!(cancellable && result.isCancelled())) {
                CompletableFuture<@Nullable Object> computed = Futures.guard(() -> computeAsync(key, args, loader, scopes));
                passCancel(result, computed);
                Futures.relayServed(computed, result);
            }
        });
        return result;
    }

    private <T extends @Nullable Object> CompletableFuture<@Nullable Object> computeAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> loader, ScopeSnapshot scopes) {
        long start = policy.timed() ? clock.nanoTime() : 0;
        long began = events.start();
        CompletionStage<T> stage;
        try {
            stage = loader.load();
        } catch (Throwable thrown) {
            events.load(key, began, false);
            return CompletableFuture.failedFuture(thrown);
        }
        if (stage == null) {
            events.load(key, began, false);
            return CompletableFuture.failedFuture(new NullPointerException(
                    "the delegate returned a null CompletionStage for key " + key));
        }
        CompletableFuture<@Nullable Object> result = new CompletableFuture<>();
        if (cancellable && stage instanceof CompletableFuture<?> owned) {
            // Every caller gave up: the delegate's work (a subscription) ends too.
            Futures.cancels(result, owned);
        }
        // The delegate's stage may complete on any thread: store with the caller's scopes.
        stage.whenComplete(scopes.wrap((value, error) -> {
            boolean abandoned = cancellable && result.isCancelled();
            if (!(abandoned && error != null && Futures.unwrap(error) instanceof CancellationException)) {
                // The cancellation that reached the stage because every caller left is no failed load.
                events.load(key, began, error == null);
            }
            if (abandoned) {
                // Nobody waits for this result any more: nothing is stored, value or exception.
                return;
            }
            if (error != null) {
                Throwable failure = Futures.unwrap(error);
                if (policy.storesException(failure)) {
                    storeExceptionAsync(key, failure).whenComplete((ignored, e) -> result.completeExceptionally(failure));
                } else {
                    result.completeExceptionally(failure);
                }
                return;
            }
            long elapsed = policy.timed() ? clock.nanoTime() - start : 0;
            Duration storeFor;
            try {
                storeFor = method.storeTtl(key, args, value, elapsed);
            } catch (Throwable userCode) {
                // A condition or TTL function that throws is a bug the caller should see, as on
                // the synchronous path.
                result.completeExceptionally(userCode);
                return;
            }
            CompletableFuture<?> stored = CompletableFuture.completedFuture(null);
            if (storeFor != null) {
                try {
                    stored = cache.strategyStore().setAsync(key, policy.sealed(value), storeFor, policy.tags(args));
                } catch (RuntimeException e) {
                    method.storeFailed(key, e);
                }
            }
            // Completing after the write lets the caller's next call hit.
            stored.whenComplete((done, storeError) -> {
                if (storeError != null) {
                    method.storeFailed(key, Futures.unwrap(storeError));
                } else if (done instanceof Boolean put) {
                    events.put(key, put);
                }
                result.complete(value);
            });
        }));
        return result;
    }

    private <T extends @Nullable Object> CompletableFuture<@Nullable Object> lockedAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> loader, ScopeSnapshot scopes) {
        String lockKey = CacheMethod.LOCK_PREFIX + key;
        if (!cache.canLock(lockKey)) {
            // A disabled setLock always answers false; polling for it would never end.
            return computeAsync(key, args, loader, scopes);
        }
        String token = LockWait.newToken();
        // Later attempts start on the executor: with the caller's scopes, as the first one.
        Function<@Nullable Object, CompletableFuture<@Nullable Object>> attempt =
                scopes.wrapFunction(ignored -> tryLockAsync(key, lockKey, token, 0, scopes));
        long waitStart = events.start();
        // A cancelled wait may still take the lock in its last attempt: that lock is given back.
        CompletableFuture<@Nullable Object> acquired = lockWait.awaitAsync(lockKey, () -> attempt.apply(null),
                ending -> method.waitFailed(lockKey, ending), !cancellable ? null : late -> {
                    if (late == CacheMethod.ACQUIRED) {
                        unlockAsync(lockKey, token);
                    }
                });
        CompletableFuture<@Nullable Object> result = new CompletableFuture<>();
        passCancel(result, acquired);
        // The wait completes off the backend's I/O thread, so the delegate is not called there.
        acquired.whenComplete(scopes.wrap((outcome, error) -> {
            if (!acquired.isCancelled()) {
                // A wait its caller cancelled did not time out: it has no outcome to report.
                events.lockWait(key, waitStart, error != null ? CacheEvent.TIMEOUT
                        : outcome == CacheMethod.ACQUIRED ? CacheEvent.ACQUIRED : CacheEvent.SERVED);
            }
            if (error != null) {
                result.completeExceptionally(Futures.unwrap(error));
            } else if (outcome != CacheMethod.ACQUIRED) {
                // Another caller stored the value while this one was waiting.
                result.complete(outcome == CacheMethod.STORED_NULL ? null : outcome);
            } else if (cancellable && result.isCancelled()) {
                unlockAsync(lockKey, token);
            } else {
                CompletableFuture<@Nullable Object> work = Futures.guard(() -> recheckThenComputeAsync(key, args, loader, scopes));
                passCancel(result, work);
                work.whenComplete(scopes.wrap((value, workError) ->
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
     * One attempt to take the backend lock, as {@link CacheMethod}'s synchronous attempt answers, without blocking. Never
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
                        outcome.complete(CacheMethod.ACQUIRED);
                    } else {
                        Futures.guard(() -> cache.strategyStore().getAsAsync(key, valueType, CacheMethod.MISS)).whenComplete(scopes.wrap((stored, readError) -> {
                            if (readError != null) {
                                outcome.completeExceptionally(Futures.unwrap(readError));
                            } else if (stored != CacheMethod.MISS) {
                                if (Detection.active()) {
                                    method.detected(key, stored);
                                }
                                outcome.complete(stored == null ? CacheMethod.STORED_NULL : stored);
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
                    } else if (Boolean.TRUE.equals(held) || unheld + 1 >= CacheMethod.UNHELD_ATTEMPTS) {
                        // Held, or released and taken again in between: another caller computes.
                        outcome.complete(null);
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
                    CacheMethod.LOG.log(Level.DEBUG, () -> "unlock of " + lockKey + " failed", Futures.unwrap(error));
                }
                done.complete(null);
            });
        } catch (RuntimeException e) {
            CacheMethod.LOG.log(Level.DEBUG, () -> "unlock of " + lockKey + " failed", e);
            done.complete(null);
        }
        return done;
    }

    private CompletableFuture<?> storeExceptionAsync(String key, Throwable failure) {
        CompletableFuture<?> stored = Futures.guard(() -> cache.strategyStore().setAsync(key, policy.sealed(new CachedException(failure)), ttl));
        return stored.whenComplete((ignored, error) -> {
            if (error != null) {
                method.storeFailed(key, Futures.unwrap(error));
            }
        });
    }
}
