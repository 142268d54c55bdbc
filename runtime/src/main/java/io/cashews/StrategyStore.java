package io.cashews;

import io.cashews.codec.ValueType;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * For generated code: the reads and writes a strategy makes of its own entries and markers
 * (values, stamps, lock and ban markers), as the facade's {@code getAs}, {@code set} and
 * {@code delete} make them, but without reporting facade {@link CacheEvent}s: the strategy reports
 * its own events, with its key template, and its markers are no cache entries. Obtained with
 * {@link Cashews#strategyStore()}. Application code should use the facade.
 */
public final class StrategyStore {
    private final Cashews cache;
    private final AsyncCashews async;

    StrategyStore(Cashews cache, AsyncCashews async) {
        this.cache = cache;
        this.async = async;
    }

    /**
     * As {@link Cashews#getAs(String, ValueType, Object)}, without an event.
     *
     * @param key the key
     * @param type the type expected
     * @param defaultValue what a miss answers
     * @return the stored value or {@code defaultValue}
     */
    public @Nullable Object getAs(String key, ValueType<?> type, @Nullable Object defaultValue) {
        return cache.read(key, Objects.requireNonNull(type, "type"), defaultValue);
    }

    /**
     * As {@link Cashews#set(String, Object, Duration, Exist)}, without an event.
     *
     * @param key the key
     * @param value the value, may be null
     * @param ttl the time to live, positive, or {@code null}
     * @param exist when to write
     * @return whether it was stored
     */
    public boolean set(String key, @Nullable Object value, @Nullable Duration ttl, Exist exist) {
        return cache.write(key, value, ttl, exist);
    }

    /**
     * As {@link Cashews#set(String, Object, Duration, String...)}, without an event.
     *
     * @param key the key
     * @param value the value, may be null
     * @param ttl the time to live, positive, or {@code null}
     * @param tags the tags; none stores like {@link #set(String, Object, Duration, Exist)} with {@link Exist#ANY}
     * @return whether it was stored
     */
    public boolean set(String key, @Nullable Object value, @Nullable Duration ttl, String... tags) {
        return cache.writeTagged(key, value, ttl, tags);
    }

    /**
     * As {@link Cashews#delete(String)}, without an event.
     *
     * @param key the key
     * @return whether it existed
     */
    public boolean delete(String key) {
        return cache.core().delete(cache.syncFlow(), key).value();
    }

    /**
     * As {@link AsyncCashews#getAs(String, ValueType, Object)}, without an event.
     *
     * @param key the key
     * @param type the type expected
     * @param defaultValue what a miss answers
     * @return the stored value or {@code defaultValue}
     */
    public CompletableFuture<@Nullable Object> getAsAsync(String key, ValueType<?> type, @Nullable Object defaultValue) {
        return async.read(key, Objects.requireNonNull(type, "type"), defaultValue);
    }

    /**
     * As {@link AsyncCashews#set(String, Object, Duration, Exist)}, without an event.
     *
     * @param key the key
     * @param value the value, may be null
     * @param ttl the time to live, positive, or {@code null}
     * @param exist when to write
     * @return whether it was stored
     */
    public CompletableFuture<Boolean> setAsync(String key, @Nullable Object value, @Nullable Duration ttl, Exist exist) {
        return async.write(key, value, ttl, exist);
    }

    /**
     * As {@link AsyncCashews#set(String, Object, Duration, String...)}, without an event.
     *
     * @param key the key
     * @param value the value, may be null
     * @param ttl the time to live, positive, or {@code null}
     * @param tags the tags
     * @return whether it was stored
     */
    public CompletableFuture<Boolean> setAsync(String key, @Nullable Object value, @Nullable Duration ttl,
            String... tags) {
        return async.writeTagged(key, value, ttl, tags);
    }

    /**
     * As {@link AsyncCashews#delete(String)}, without an event.
     *
     * @param key the key
     * @return whether it existed
     */
    public CompletableFuture<Boolean> deleteAsync(String key) {
        return async.remove(key);
    }
}
