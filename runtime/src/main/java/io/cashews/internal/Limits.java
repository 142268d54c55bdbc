package io.cashews.internal;

import io.cashews.CacheBackendInteractionException;
import io.cashews.CacheEvent;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What the guarding strategies ({@code @Locked}, the rate limits, the circuit breaker) share:
 * fail-open reads of backend state, calling the fallback, and relaying futures without wrapping
 * their failures in {@link CompletionException}.
 */
final class Limits {
    private static final System.Logger LOG = System.getLogger(Limits.class.getName());

    private Limits() {
    }

    /**
     * Runs a state command; an unreachable backend answers {@code failOpen}, so the guarded call
     * goes ahead instead of failing (a limit that cannot be counted does not limit).
     */
    static <T> T orElse(Supplier<T> command, T failOpen, String key) {
        try {
            return command.get();
        } catch (CacheBackendInteractionException e) {
            LOG.log(Level.DEBUG, () -> "backend failed for " + key + "; not limiting", e);
            return failOpen;
        }
    }

    /** The asynchronous {@link #orElse}: a failed or throwing command answers {@code failOpen}. */
    static <T> CompletableFuture<T> orElseAsync(Supplier<CompletableFuture<T>> command, T failOpen, String key) {
        CompletableFuture<T> started;
        try {
            started = command.get();
        } catch (CacheBackendInteractionException e) {
            LOG.log(Level.DEBUG, () -> "backend failed for " + key + "; not limiting", e);
            return CompletableFuture.completedFuture(failOpen);
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        started.whenComplete((value, error) -> {
            Throwable cause = error == null ? null : Futures.unwrap(error);
            if (cause == null) {
                result.complete(value);
            } else if (cause instanceof CacheBackendInteractionException) {
                LOG.log(Level.DEBUG, () -> "backend failed for " + key + "; not limiting", cause);
                result.complete(failOpen);
            } else {
                result.completeExceptionally(cause);
            }
        });
        return result;
    }

    /**
     * Calls a synchronous fallback. Its checked exceptions are among those the limited method
     * declares (the processor checks that), so they pass through as {@code E} would.
     */
    @SuppressWarnings("unchecked")
    static <T extends @Nullable Object> T callFallback(Fallback fallback, @Nullable Object @Nullable [] args) {
        try {
            return (T) fallback.call(args == null ? new Object[0] : args);
        } catch (Exception e) {
            throw Futures.<RuntimeException>sneaky(e);
        }
    }

    /** Calls an asynchronous fallback, whose result is the method's {@code CompletionStage}. */
    @SuppressWarnings("unchecked")
    static <T extends @Nullable Object> CompletableFuture<T> callFallbackAsync(
            Fallback fallback, @Nullable Object @Nullable [] args) {
        try {
            Object stage = fallback.call(args == null ? new Object[0] : args);
            if (stage == null) {
                return CompletableFuture.failedFuture(new NullPointerException("the fallback method returned null"));
            }
            return Futures.relay((CompletionStage<T>) stage);
        } catch (Exception | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Answers a refused call (a {@code REJECTED} event): the fallback if there is one, else the strategy's exception. */
    static <T extends @Nullable Object> T refuse(EventSite events, String key, @Nullable Fallback fallback,
            @Nullable Object @Nullable [] args, Supplier<? extends RuntimeException> exception) {
        events.report(CacheEvent.Kind.REJECTED, key);
        if (fallback != null) {
            return callFallback(fallback, args);
        }
        throw exception.get();
    }

    /** The asynchronous {@link #refuse}: the exception fails the future instead of being thrown. */
    static <T extends @Nullable Object> CompletableFuture<T> refuseAsync(EventSite events, String key,
            @Nullable Fallback fallback, @Nullable Object @Nullable [] args,
            Supplier<? extends RuntimeException> exception) {
        events.report(CacheEvent.Kind.REJECTED, key);
        return fallback != null ? callFallbackAsync(fallback, args) : CompletableFuture.failedFuture(exception.get());
    }

    /** Starts an asynchronous delegate call; a throw instead of a failed stage becomes one. */
    static <T extends @Nullable Object> CompletableFuture<T> load(AsyncLoader<T> loader) {
        try {
            CompletionStage<T> stage = loader.load();
            if (stage == null) {
                return CompletableFuture.failedFuture(new NullPointerException("the delegate returned a null stage"));
            }
            return Futures.relay(stage);
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
