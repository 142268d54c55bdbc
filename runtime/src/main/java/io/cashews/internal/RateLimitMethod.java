package io.cashews.internal;

import io.cashews.Cashews;
import io.cashews.Exist;
import io.cashews.RateLimitException;
import io.cashews.base.ScopeSnapshot;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * For generated code: the {@code @RateLimit} strategy, a fixed window counted on the backend.
 *
 * <p>Every call, accepted or not, adds one to the counter {@code <key>} (created with the
 * period as its TTL, so the window starts at the first call). A call that brings the counter
 * above {@code limit} is refused: the {@linkplain Builder#fallback fallback} answers it, or it
 * throws {@link RateLimitException}. With a {@linkplain Builder#banMillis ban}, the first refused
 * call also writes {@code <key>:ban} for the ban's duration, and every call is refused while it
 * exists, even once a new window has begun. The state lives in the backend, so every process
 * sharing it shares the limit; a disabled or unreachable backend counts nothing and limits
 * nothing.
 */
public final class RateLimitMethod implements Decorator {
    private static final String BAN_SUFFIX = ":ban";

    private final Cashews cache;
    private final String template;
    private final EventSite events;
    private final boolean cancellable;
    private final long limit;
    private final Duration period;
    private final @Nullable Duration ban;
    private final @Nullable Fallback fallback;

    private RateLimitMethod(Builder builder) {
        this.cache = builder.cache;
        this.template = builder.template;
        this.events = new EventSite(cache, "rate_limit", template);
        this.cancellable = builder.cancellable;
        this.limit = builder.limit;
        this.period = Duration.ofMillis(builder.periodMillis);
        this.ban = builder.banMillis > 0 ? Duration.ofMillis(builder.banMillis) : null;
        this.fallback = builder.fallback;
    }

    /**
     * Starts a builder.
     *
     * @param cache the instance that keeps the counters
     * @param template the key template as written, with the prefix, for messages
     * @return the builder
     */
    public static Builder builder(Cashews cache, String template) {
        return new Builder(cache, template);
    }

    @Override
    public <T extends @Nullable Object, E extends Exception> T call(
            String key, @Nullable Object @Nullable [] args, Loader<T, E> inner) throws E {
        long count = Limits.orElse(() -> cache.incr(key, 1, period), 0L, key);
        if (count > limit) {
            if (count == limit + 1 && ban != null) {
                Limits.orElse(() -> cache.strategyStore().set(key + BAN_SUFFIX, 1, ban, Exist.ABSENT), false, key);
            }
            return Limits.refuse(events, key, fallback, args, () -> exception(key));
        }
        if (count > 0 && ban != null && Limits.orElse(() -> cache.exists(key + BAN_SUFFIX), false, key)) {
            return Limits.refuse(events, key, fallback, args, () -> exception(key));
        }
        return inner.load();
    }

    @Override
    public <T extends @Nullable Object> CompletableFuture<T> callAsync(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> inner) {
        if (!cancellable) {
            // The plain path allocates nothing more than it always did.
            return limited(key, args, inner);
        }
        return Cancellation.call(true, inner, linked -> limited(key, args, linked));
    }

    private <T extends @Nullable Object> CompletableFuture<T> limited(
            String key, @Nullable Object @Nullable [] args, AsyncLoader<T> inner) {
        CompletableFuture<Long> counted = Limits.orElseAsync(() -> cache.async().incr(key, 1, period), 0L, key);
        // Continuations may run on other threads: they carry the caller's scopes. The backend decides
        // first; the inner layers (or the fallback) then start off the backend's I/O thread.
        ScopeSnapshot scopes = ScopeSnapshot.capture();
        CompletableFuture<Boolean> allowed = counted.thenCompose(scopes.wrapFunction(count -> {
            if (count > limit) {
                if (count == limit + 1 && ban != null) {
                    return Limits.orElseAsync(() -> cache.strategyStore().setAsync(key + BAN_SUFFIX, 1, ban, Exist.ABSENT), false,
                            key).thenApply(written -> Boolean.FALSE);
                }
                return CompletableFuture.completedFuture(Boolean.FALSE);
            }
            if (count > 0 && ban != null) {
                return Limits.orElseAsync(() -> cache.async().exists(key + BAN_SUFFIX), false, key)
                        .thenApply(banned -> !banned);
            }
            return CompletableFuture.completedFuture(Boolean.TRUE);
        }));
        return Futures.relay(Futures.offIoThread(allowed, cache.executor()).thenCompose(scopes.wrapFunction(ok ->
                ok ? Limits.load(inner) : Limits.<T>refuseAsync(events, key, fallback, args, () -> exception(key)))));
    }

    private RateLimitException exception(String key) {
        return new RateLimitException("rate limit of " + limit + " calls per " + period
                + (ban == null ? "" : " (ban " + ban + ")") + " exceeded for key '" + key + "' (" + template + ")");
    }

    @Override
    public String toString() {
        return "RateLimitMethod[" + template + ", " + limit + " per " + period + "]";
    }

    /** Collects the settings of a {@link RateLimitMethod}. */
    public static final class Builder extends LimitBuilder<Builder> {
        private long limit;
        private long banMillis;

        private Builder(Cashews cache, String template) {
            super(cache, template);
        }

        /**
         * Sets how many calls a window accepts; required.
         *
         * @param limit positive
         * @return this builder
         */
        public Builder limit(long limit) {
            this.limit = limit;
            return this;
        }

        /**
         * Sets how long a caller stays refused after its first refused call; optional.
         *
         * @param banMillis positive milliseconds, or 0 for no ban
         * @return this builder
         */
        public Builder banMillis(long banMillis) {
            this.banMillis = banMillis;
            return this;
        }

        /**
         * Builds the strategy.
         *
         * @return the strategy
         * @throws IllegalArgumentException if the limit or the period is not positive, or the ban is negative
         */
        public RateLimitMethod build() {
            if (limit <= 0 || periodMillis <= 0 || banMillis < 0) {
                throw new IllegalArgumentException("rate limit of " + template + " needs a positive limit and period"
                        + " and a ban of at least 0: limit " + limit + ", period " + periodMillis + " ms, ban "
                        + banMillis + " ms");
            }
            return new RateLimitMethod(this);
        }
    }
}
