package io.cashews;

import io.cashews.base.LockWait;
import io.cashews.spi.Backend;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The lock commands of one {@link Cashews} instance for both facades: {@code lock} waits through
 * the one lock wait loop, {@link LockWait}, blocking or not; {@code setLock} and {@code unlock}
 * are prepared here and called by the facades like any single-key command.
 */
final class Locks {

    private static final long FIRST_WAIT_NANOS = 1_000_000L;
    private static final long MAX_WAIT_NANOS = 50_000_000L;
    // What lock answers when LOCK is disabled or the backend switched off: a scope holding nothing.
    private static final Scope HOLDS_NOTHING = () -> { };

    private final Cashews owner;
    private final CommandCore core;

    Locks(Cashews owner, CommandCore core) {
        this.owner = owner;
        this.core = core;
    }

    /** A lock to wait for: the wait, the backend itself (not its chain) and this holder's token. */
    private record Attempt(LockWait waiting, Backend backend, String token) {
    }

    // Null when the lock is not to be taken (LOCK disabled, or the backend switched off).
    private @Nullable Attempt attempt(String key, Duration expire, @Nullable Duration waitTimeout) {
        lockTtl(expire);
        long timeout = LockWait.FOREVER;
        if (waitTimeout != null) {
            if (waitTimeout.isZero() || waitTimeout.isNegative()) {
                throw new IllegalArgumentException("lock waitTimeout must be positive, got " + waitTimeout);
            }
            timeout = saturatedNanos(waitTimeout);
        }
        LockWait wait = new LockWait(owner.clock(), owner.executor(), FIRST_WAIT_NANOS, MAX_WAIT_NANOS, timeout);
        if (core.switches.offHere(Command.LOCK)) {
            return null;
        }
        Route r = core.router.route(key);
        // The backend itself, not its chain: a disabled SET_LOCK must not make this wait forever.
        return r.switchedOff ? null : new Attempt(wait, r.raw, LockWait.newToken());
    }

    Scope lock(String key, Duration expire, @Nullable Duration waitTimeout) {
        Attempt a = attempt(key, expire, waitTimeout);
        if (a == null) {
            return HOLDS_NOTHING;
        }
        a.waiting.await(key, () -> a.backend.setLock(key, a.token, expire) ? Boolean.TRUE : null,
                ending -> failure(key, waitTimeout, ending));
        return release(a.backend, key, a.token);
    }

    CompletableFuture<Scope> lockAsync(String key, Duration expire, @Nullable Duration waitTimeout) {
        Attempt a = attempt(key, expire, waitTimeout);
        if (a == null) {
            return CompletableFuture.completedFuture(HOLDS_NOTHING);
        }
        return a.waiting.<Scope>awaitAsync(key,
                () -> a.backend.setLockAsync(key, a.token, expire)
                        .thenApply(taken -> taken ? release(a.backend, key, a.token) : null),
                ending -> failure(key, waitTimeout, ending),
                Scope::close);
    }

    // The route setLock calls, or null when it answers false at once.
    @Nullable Route setLock(String key, String value, Duration expire) {
        Objects.requireNonNull(value, "value");
        lockTtl(expire);
        return core.target(Command.SET_LOCK, key);
    }

    // Whether setLock can succeed at all; a strategy's wait must never count refusals to find out.
    boolean canLock(String key) {
        return !core.switches.isDisabled(Command.SET_LOCK) && !core.router.route(key).switchedOff;
    }

    // The route unlock calls, or null when it answers false at once; finish with released.
    @Nullable Route unlock(String key, String value) {
        Objects.requireNonNull(value, "value");
        return core.target(Command.UNLOCK, key);
    }

    // A release in this JVM ends the pauses of the lock's waiters here at once.
    static boolean released(String key, boolean released) {
        if (released) {
            LockWait.released(key);
        }
        return released;
    }

    static Duration lockTtl(Duration expire) {
        Objects.requireNonNull(expire, "expire");
        if (expire.isZero() || expire.isNegative()) {
            throw new IllegalArgumentException("lock expire must be positive, got " + expire);
        }
        return expire;
    }

    static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return LockWait.FOREVER;
        }
    }

    private static LockedException failure(String key, @Nullable Duration waitTimeout, LockWait.Ending ending) {
        return ending == LockWait.Ending.INTERRUPTED
                ? new LockedException("interrupted while waiting for lock '" + key + "'")
                : new LockedException("lock '" + key + "' is still held after waiting " + waitTimeout);
    }

    // The held lock; closing it more than once releases once, and only this holder's lock.
    private static Scope release(Backend backend, String key, String token) {
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true) && backend.unlock(key, token)) {
                LockWait.released(key);
            }
        };
    }
}
