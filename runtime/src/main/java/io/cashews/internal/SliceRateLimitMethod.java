package io.cashews.internal;

import io.cashews.Cashews;
import io.cashews.RateLimitException;
import io.cashews.base.ScopeSnapshot;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * For generated code: the {@code @SliceRateLimit} strategy, a sliding window counted on the
 * backend with {@link Cashews#sliceIncr}.
 *
 * <p>Each call records its time in {@code <key>} if fewer than {@code limit} calls happened in the
 * last period ({@code (now - period, now]}, by the instance's clock); otherwise it is refused (the
 * {@linkplain Builder#fallback fallback} answers, or {@link RateLimitException}) and recorded
 * nowhere, so refused calls do not prolong the limit. A disabled or unreachable backend limits
 * nothing.
 */
public final class SliceRateLimitMethod implements Decorator {
    private final Cashews cache;
    private final String template;
    private final EventSite events;
    private final boolean cancellable;
    private final long limit;
    private final long periodMillis;
    private final Duration period;
    private final EpochClock clock;
    private final @Nullable Fallback fallback;

    private SliceRateLimitMethod(Builder builder) {
        this.cache = builder.cache;
        this.template = builder.template;
        this.events = new EventSite(cache, "slice_rate_limit", template);
        this.cancellable = builder.cancellable;
        this.limit = builder.limit;
        this.periodMillis = builder.periodMillis;
        this.period = Duration.ofMillis(builder.periodMillis);
        this.clock = EpochClock.of(cache.clock());
        this.fallback = builder.fallback;
    }

    /**
     * Starts a builder.
     *
     * @param cache the instance that keeps the windows
     * @param template the key template as written, with the prefix, for messages
     * @return the builder
     */
    public static Builder builder(Cashews cache, String template) {
        return new Builder(cache, template);
    }

    @Override
    public <T extends @Nullable Object, E extends Exception> T call(
            String key, @Nullable Object @Nullable [] args, Loader<T, E> inner) throws E {
        long now = clock.millis();
        long count = Limits.orElse(() -> cache.sliceIncr(key, now - periodMillis, now, limit, period), 0L, key);
        if (count > limit) {
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
        long now = clock.millis();
        CompletableFuture<Long> rank = Limits.orElseAsync(
                () -> cache.async().sliceIncr(key, now - periodMillis, now, limit, period), 0L, key);
        // The rank may arrive on the backend's I/O thread: the inner layers (or the fallback) start
        // off it, with the caller's scopes.
        ScopeSnapshot scopes = ScopeSnapshot.capture();
        return Futures.relay(Futures.offIoThread(rank, cache.executor()).thenCompose(scopes.wrapFunction(count -> {
            if (count <= limit) {
                return Limits.load(inner);
            }
            return Limits.<T>refuseAsync(events, key, fallback, args, () -> exception(key));
        })));
    }

    private RateLimitException exception(String key) {
        return new RateLimitException("sliding rate limit of " + limit + " calls per " + period + " exceeded for key '"
                + key + "' (" + template + ")");
    }

    @Override
    public String toString() {
        return "SliceRateLimitMethod[" + template + ", " + limit + " per " + period + "]";
    }

    /** Collects the settings of a {@link SliceRateLimitMethod}. */
    public static final class Builder extends LimitBuilder<Builder> {
        private long limit;

        private Builder(Cashews cache, String template) {
            super(cache, template);
        }

        /**
         * Sets how many calls the window holds; required.
         *
         * @param limit positive
         * @return this builder
         */
        public Builder limit(long limit) {
            this.limit = limit;
            return this;
        }

        /**
         * Builds the strategy.
         *
         * @return the strategy
         * @throws IllegalArgumentException if the limit or the period is not positive
         */
        public SliceRateLimitMethod build() {
            if (limit <= 0 || periodMillis <= 0) {
                throw new IllegalArgumentException("sliding rate limit of " + template
                        + " needs a positive limit and period: limit " + limit + ", period " + periodMillis + " ms");
            }
            return new SliceRateLimitMethod(this);
        }
    }
}
