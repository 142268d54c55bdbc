package io.cashews.internal;

import io.cashews.CacheEvent;
import io.cashews.Cashews;
import io.cashews.LockedException;
import io.cashews.base.LockWait;
import io.cashews.base.ScopeSnapshot;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * For generated code: the {@code @Locked} strategy, at most one execution per key at a time
 * across every process sharing the backend.
 *
 * <p>A call takes the lock {@code <key>} with a value unique to the call and an expiry of
 * {@code ttl} (so a crashed holder cannot keep it forever), runs the delegate and releases the
 * lock in a {@code finally} with compare-and-delete, so a call never releases a lock that expired
 * under it and was taken by another. When the lock is held, a waiting call polls every
 * {@code checkInterval} (by default a pause growing from 1 ms to 50 ms, on the instance's clock;
 * a release in this JVM ends the pause at once) until it takes it, or fails with
 * {@link LockedException} once {@code ttl} has passed since it began to wait; a call that does
 * not wait gets {@link LockedException} at once. A synchronous call parks between attempts; an
 * asynchronous one schedules the next attempt on the instance's executor and never blocks a
 * thread. When locks are disabled ({@link Cashews#canLock}), or the backend fails, the call runs
 * without a lock (fail-open), as cashews does; a refused lock never counts as either.
 */
public final class LockedMethod implements Decorator {
    private static final System.Logger LOG = System.getLogger(LockedMethod.class.getName());
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    // How often a refused setLock on a lock that looks free is retried at once before waiting:
    // the holder released it in between and another caller took it again.
    private static final int UNHELD_ATTEMPTS = 3;

    private final Cashews cache;
    private final String template;
    private final Duration ttl;
    private final boolean wait;
    // Waits at most the lock's TTL: by then the holder's lock has expired.
    private final LockWait lockWait;
    private final EventSite events;
    private final boolean cancellable;

    private LockedMethod(Builder builder) {
        this.cache = builder.cache;
        this.template = builder.template;
        this.events = new EventSite(cache, "locked", template);
        this.ttl = Duration.ofMillis(builder.ttlMillis);
        this.wait = builder.wait;
        this.cancellable = builder.cancellable;
        long interval = TimeUnit.MILLISECONDS.toNanos(builder.checkIntervalMillis);
        this.lockWait = new LockWait(cache.clock(), cache.executor(), interval > 0 ? interval : FIRST_PAUSE_NANOS,
                interval > 0 ? interval : MAX_PAUSE_NANOS, ttl.toNanos());
    }

    /**
     * Starts a builder.
     *
     * @param cache the instance that holds the locks
     * @param template the key template as written, with the prefix, for messages
     * @return the builder
     */
    public static Builder builder(Cashews cache, String template) {
        return new Builder(cache, template);
    }

    /**
     * {@inheritDoc}
     *
     * @throws LockedException if the lock is held and the strategy does not wait, is still held
     *     once the lock's TTL has passed since the wait began, or the waiting thread is interrupted
     *     (its interrupt flag is kept)
     */
    @Override
    public <T extends @Nullable Object, E extends Exception> T call(
            String key, @Nullable Object @Nullable [] args, Loader<T, E> inner) throws E {
        String token = LockWait.newToken();
        if (!acquire(key, token)) {
            return inner.load();
        }
        try {
            return inner.load();
        } finally {
            Limits.orElse(() -> cache.unlock(key, token), false, key);
        }
    }

    /** Takes the lock, waiting if configured; {@code false} when locking is unavailable (run unlocked). */
    private boolean acquire(String key, String token) {
        if (!cache.canLock(key)) {
            return false;
        }
        long began = wait ? events.start() : EventSite.UNTIMED;
        boolean locked;
        try {
            locked = lockWait.await(key, () -> tryLock(key, token), ending -> waitFailed(key, ending));
        } catch (LockedException e) {
            events.lockWait(key, began, CacheEvent.TIMEOUT);
            throw e;
        }
        events.lockWait(key, began, CacheEvent.ACQUIRED);
        return locked;
    }

    /**
     * One attempt: {@code true} when taken, {@code false} when the backend failed (run unlocked),
     * {@code null} while another holds it (a {@link LockedException} when not waiting).
     */
    private @Nullable Boolean tryLock(String key, String token) {
        for (int refused = 1; ; refused++) {
            Boolean taken = Limits.orElse(() -> cache.setLock(key, token, ttl), null, key);
            if (taken == null || taken) {
                return taken != null;
            }
            Boolean held = Limits.orElse(() -> cache.isLocked(key), null, key);
            if (held == null) {
                return false;
            }
            // A refused lock is someone's lock, even when it looks free a moment later (released and
            // taken again in between): retry at once a few times, then treat it as held.
            if (held || refused >= UNHELD_ATTEMPTS) {
                if (!wait) {
                    throw locked(key);
                }
                return null;
            }
        }
    }

    @Override
    public <T extends @Nullable Object> CompletableFuture<T> callAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> inner) {
        if (!cache.canLock(key)) {
            return Cancellation.call(cancellable, inner, Limits::load);
        }
        String token = LockWait.newToken();
        // The wait completes off the backend's I/O thread: the inner layers start off it, with
        // the caller's scopes. A cancelled wait may still take the lock in its last attempt: that
        // lock is given back.
        long began = wait ? events.start() : EventSite.UNTIMED;
        CompletableFuture<Boolean> waiting = lockWait.awaitAsync(key, () -> tryLockAsync(key, token, 0),
                ending -> waitFailed(key, ending), !cancellable ? null : late -> {
                    if (Boolean.TRUE.equals(late)) {
                        Limits.orElseAsync(() -> cache.async().unlock(key, token), false, key);
                    }
                });
        CompletableFuture<Boolean> ready = waiting.whenComplete((locked, error) -> {
            if (!waiting.isCancelled()) {
                events.lockWait(key, began, error == null ? CacheEvent.ACQUIRED : CacheEvent.TIMEOUT);
            }
        });
        ScopeSnapshot scopes = ScopeSnapshot.capture();
        if (!cancellable) {
            return Futures.relay(ready.thenCompose(scopes.wrapFunction(locked ->
                    locked ? runLocked(key, token, inner) : Limits.load(inner))));
        }
        return Cancellation.call(true, inner, linked -> {
            CompletableFuture<T> called = Futures.relay(ready.thenCompose(scopes.wrapFunction(locked ->
                    locked ? runLocked(key, token, linked) : Limits.load(linked))));
            // The caller's cancellation reaches the wait through the future it cancels.
            Cancellation.pass(true, called, waiting);
            return called;
        });
    }

    private <T extends @Nullable Object> CompletableFuture<T> runLocked(String key, String token, AsyncLoader<T> inner) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Limits.load(inner).whenComplete((value, error) ->
                Limits.orElseAsync(() -> cache.async().unlock(key, token), false, key)
                        .whenComplete((released, unlockError) -> {
                            if (unlockError != null) {
                                LOG.log(Level.DEBUG, () -> "unlock of " + key + " failed", unlockError);
                            }
                            if (error != null) {
                                result.completeExceptionally(error);
                            } else {
                                result.complete(value);
                            }
                        }));
        return result;
    }

    /** One attempt, as {@link #tryLock} answers, without blocking; never throws. */
    private CompletableFuture<@Nullable Boolean> tryLockAsync(String key, String token, int unheld) {
        CompletableFuture<@Nullable Boolean> outcome = new CompletableFuture<>();
        Limits.orElseAsync(() -> cache.async().setLock(key, token, ttl), null, key).whenComplete((taken, error) -> {
            if (error != null) {
                outcome.completeExceptionally(Futures.unwrap(error));
            } else if (taken == null || taken) {
                outcome.complete(taken != null);
            } else {
                Limits.orElseAsync(() -> cache.async().isLocked(key), null, key).whenComplete((held, heldError) -> {
                    if (heldError != null) {
                        outcome.completeExceptionally(Futures.unwrap(heldError));
                    } else if (held == null) {
                        outcome.complete(false);
                    } else if (held || unheld + 1 >= UNHELD_ATTEMPTS) {
                        // Held, or refused and taken again in between: as tryLock, never unlocked.
                        if (wait) {
                            outcome.complete(null);
                        } else {
                            outcome.completeExceptionally(locked(key));
                        }
                    } else {
                        Futures.relay(tryLockAsync(key, token, unheld + 1), outcome);
                    }
                });
            }
        });
        return outcome;
    }

    private LockedException waitFailed(String key, LockWait.Ending ending) {
        return ending == LockWait.Ending.INTERRUPTED
                ? new LockedException("interrupted while waiting for lock '" + key + "'")
                : new LockedException("key '" + key + "' is still locked by another call after the lock's ttl of "
                        + ttl.toMillis() + " ms (" + template + ")");
    }

    private LockedException locked(String key) {
        events.report(CacheEvent.Kind.REJECTED, key);
        return new LockedException("key '" + key + "' is locked by another call (" + template + ", wait = false)");
    }

    @Override
    public String toString() {
        return "LockedMethod[" + template + ", ttl " + ttl + (wait ? ", waits" : "") + "]";
    }

    /** Collects the settings of a {@link LockedMethod}. */
    public static final class Builder {
        private final Cashews cache;
        private final String template;
        private long ttlMillis;
        private boolean wait = true;
        private long checkIntervalMillis;
        private boolean cancellable;

        private Builder(Cashews cache, String template) {
            this.cache = Objects.requireNonNull(cache, "cache");
            this.template = Objects.requireNonNull(template, "template");
        }

        /**
         * Sets how long the lock holds at most; required.
         *
         * @param ttlMillis positive milliseconds
         * @return this builder
         */
        public Builder ttlMillis(long ttlMillis) {
            this.ttlMillis = ttlMillis;
            return this;
        }

        /**
         * Sets whether a call waits for a held lock (default) or fails with {@link LockedException}.
         *
         * @param wait whether to wait
         * @return this builder
         */
        public Builder waitForLock(boolean wait) {
            this.wait = wait;
            return this;
        }

        /**
         * Sets the pause between attempts while waiting; default a pause growing from 1 ms to 50 ms.
         *
         * @param checkIntervalMillis positive milliseconds, or 0 for the default
         * @return this builder
         */
        public Builder checkIntervalMillis(long checkIntervalMillis) {
            this.checkIntervalMillis = checkIntervalMillis;
            return this;
        }

        /**
         * Makes the asynchronous path honour cancellation: a caller that cancels the future
         * {@code callAsync} gave it stops waiting for the lock (a lock its last attempt still took
         * is given back), or, holding it, cancels the inner layer's future, and the lock is
         * released. For results that belong to one call, such as a Reactor {@code Mono}'s or a
         * Mutiny {@code Uni}'s subscription; generated code sets it for those.
         *
         * @param cancellable whether cancellation stops the call; default {@code false}
         * @return this builder
         */
        public Builder cancellable(boolean cancellable) {
            this.cancellable = cancellable;
            return this;
        }

        /**
         * Builds the strategy.
         *
         * @return the strategy
         * @throws IllegalArgumentException if the TTL is not positive or the interval negative
         */
        public LockedMethod build() {
            if (ttlMillis <= 0 || checkIntervalMillis < 0) {
                throw new IllegalArgumentException("lock of " + template + " needs a positive ttl and a check interval"
                        + " of at least 0: ttl " + ttlMillis + " ms, checkInterval " + checkIntervalMillis + " ms");
            }
            return new LockedMethod(this);
        }
    }
}
