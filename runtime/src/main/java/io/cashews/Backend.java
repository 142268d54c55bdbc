package io.cashews;

import io.cashews.spi.Glob;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One storage behind a {@link Cashews} instance, as {@code setup(url)} returns it. Every command
 * exists in a synchronous form and an asynchronous form (suffix {@code Async}); a remote backend
 * implements the asynchronous side and derives the other (see
 * {@link io.cashews.spi.AbstractAsyncBackend}), a blocking one the reverse (see
 * {@link io.cashews.spi.AbstractBlockingBackend}), and the memory backend answers both directly.
 *
 * <p>Contract, the same for every backend:
 * <ul>
 *   <li>Values are opaque, never {@code null} (the facade stores
 *       {@link io.cashews.spi.NullValue#INSTANCE} for {@code null}); a read returns {@code null}
 *       only for a missing key.</li>
 *   <li>A {@code null} TTL means no expiry; writing without a TTL clears an old one.</li>
 *   <li>Expired keys are absent for every command, as if deleted.</li>
 *   <li>Patterns are {@link Glob}s; multi-key results are positional.</li>
 *   <li>{@code incr} treats a missing key as 0, sets the TTL only when it creates the key and
 *       fails naming the key when the stored value is not an integer.</li>
 *   <li>{@code unlock} deletes only when the stored value equals the given one, atomically.</li>
 * </ul>
 * Users normally call {@link Cashews}, which routes keys to backends and applies
 * {@link Cashews#disable(Command...) disabling}; calling a backend directly bypasses both.
 */
public interface Backend extends AutoCloseable {

    /**
     * Stores a value.
     *
     * @param key the key
     * @param value the value, not null
     * @param ttl time to live, or {@code null} for none (clearing an existing TTL)
     * @param exist when to write
     * @return {@code true} if the value was written
     */
    boolean set(String key, Object value, @Nullable Duration ttl, Exist exist);

    /**
     * Stores a value as is, bypassing the backend's codec; the memory backend treats it like
     * {@link #set}.
     *
     * @param key the key
     * @param value the value, not null
     * @return {@code true} if the value was written
     */
    default boolean setRaw(String key, Object value) {
        return set(key, value, null, Exist.ANY);
    }

    /**
     * Stores several values with one TTL.
     *
     * @param pairs keys to values, values not null
     * @param ttl time to live, or {@code null} for none
     */
    void setMany(Map<String, ?> pairs, @Nullable Duration ttl);

    /**
     * Reads a value.
     *
     * @param key the key
     * @return the stored value, or {@code null} if the key is missing or expired
     */
    @Nullable Object get(String key);

    /**
     * Reads a value as stored, bypassing the backend's codec.
     *
     * @param key the key
     * @return the stored value, or {@code null} if missing
     */
    default @Nullable Object getRaw(String key) {
        return get(key);
    }

    /**
     * Reads several values.
     *
     * @param keys the keys
     * @return the values in key order, {@code null} for a missing key
     */
    List<@Nullable Object> getMany(List<String> keys);

    /**
     * Reads every entry whose key matches a pattern.
     *
     * @param pattern the pattern
     * @return the matching entries, in no particular order
     */
    List<Map.Entry<String, Object>> getMatch(Glob pattern);

    /**
     * Adds to a counter.
     *
     * @param key the key
     * @param by the amount to add, may be negative
     * @param ttl the TTL to set when the key is created, or {@code null}; an existing TTL is kept
     * @return the new value
     * @throws IllegalStateException if the stored value is not an integer; the message names the key
     */
    long incr(String key, long by, @Nullable Duration ttl);

    /**
     * Tells whether a key exists.
     *
     * @param key the key
     * @return {@code true} if it exists and has not expired
     */
    boolean exists(String key);

    /**
     * Deletes a key.
     *
     * @param key the key
     * @return {@code true} if it existed
     */
    boolean delete(String key);

    /**
     * Deletes several keys.
     *
     * @param keys the keys
     * @return how many existed
     */
    long deleteMany(List<String> keys);

    /**
     * Deletes every key matching a pattern.
     *
     * @param pattern the pattern
     * @return how many were deleted
     */
    long deleteMatch(Glob pattern);

    /**
     * Lists the keys matching a pattern.
     *
     * @param pattern the pattern
     * @return the matching keys, in no particular order
     */
    List<String> scan(Glob pattern);

    /**
     * Changes the TTL of an existing key.
     *
     * @param key the key
     * @param ttl the new TTL; {@code null} removes the expiry; zero or negative deletes the key
     * @return {@code true} if the key existed
     */
    boolean expire(String key, @Nullable Duration ttl);

    /**
     * Returns the time a key has left.
     *
     * @param key the key
     * @return whole seconds left (rounded to the nearest second), {@code -1} for no expiry,
     *     {@code -2} for a missing key
     */
    long getExpire(String key);

    /**
     * Checks the backend is reachable.
     *
     * @return {@code "PONG"}
     */
    String ping();

    /** Deletes every key of this backend. */
    void clear();

    /**
     * Tells whether a lock key is held.
     *
     * @param key the lock key
     * @return {@code true} if held
     */
    default boolean isLocked(String key) {
        return exists(key);
    }

    /**
     * Takes a lock if it is free.
     *
     * @param key the lock key
     * @param value the holder's unique value, needed to unlock
     * @param expire how long the lock holds at most
     * @return {@code true} if taken
     */
    default boolean setLock(String key, String value, Duration expire) {
        return set(key, value, expire, Exist.ABSENT);
    }

    /**
     * Releases a lock if {@code value} is the value it was taken with (compare-and-delete, atomic).
     *
     * @param key the lock key
     * @param value the holder's value
     * @return {@code true} if the lock was held with this value and is now released
     */
    boolean unlock(String key, String value);

    /**
     * Counts the keys of this backend, expired ones excluded.
     *
     * @return the number of keys
     */
    long getKeysCount();

    /** Releases the backend's resources; the backend must not be used afterwards. */
    @Override
    void close();

    /**
     * Asynchronous {@link #set}.
     *
     * @param key the key
     * @param value the value
     * @param ttl the TTL or {@code null}
     * @param exist when to write
     * @return whether the value was written
     */
    CompletableFuture<Boolean> setAsync(String key, Object value, @Nullable Duration ttl, Exist exist);

    /**
     * Asynchronous {@link #setRaw}.
     *
     * @param key the key
     * @param value the value
     * @return whether the value was written
     */
    default CompletableFuture<Boolean> setRawAsync(String key, Object value) {
        return setAsync(key, value, null, Exist.ANY);
    }

    /**
     * Asynchronous {@link #setMany}.
     *
     * @param pairs keys to values
     * @param ttl the TTL or {@code null}
     * @return completes when stored
     */
    CompletableFuture<@Nullable Void> setManyAsync(Map<String, ?> pairs, @Nullable Duration ttl);

    /**
     * Asynchronous {@link #get}.
     *
     * @param key the key
     * @return the value or {@code null} when missing
     */
    CompletableFuture<@Nullable Object> getAsync(String key);

    /**
     * Asynchronous {@link #getRaw}.
     *
     * @param key the key
     * @return the value or {@code null} when missing
     */
    default CompletableFuture<@Nullable Object> getRawAsync(String key) {
        return getAsync(key);
    }

    /**
     * Asynchronous {@link #getMany}.
     *
     * @param keys the keys
     * @return the values, positional
     */
    CompletableFuture<List<@Nullable Object>> getManyAsync(List<String> keys);

    /**
     * Asynchronous {@link #getMatch}.
     *
     * @param pattern the pattern
     * @return the matching entries
     */
    CompletableFuture<List<Map.Entry<String, Object>>> getMatchAsync(Glob pattern);

    /**
     * Asynchronous {@link #incr}.
     *
     * @param key the key
     * @param by the amount
     * @param ttl the TTL on creation or {@code null}
     * @return the new value
     */
    CompletableFuture<Long> incrAsync(String key, long by, @Nullable Duration ttl);

    /**
     * Asynchronous {@link #exists}.
     *
     * @param key the key
     * @return whether it exists
     */
    CompletableFuture<Boolean> existsAsync(String key);

    /**
     * Asynchronous {@link #delete}.
     *
     * @param key the key
     * @return whether it existed
     */
    CompletableFuture<Boolean> deleteAsync(String key);

    /**
     * Asynchronous {@link #deleteMany}.
     *
     * @param keys the keys
     * @return how many existed
     */
    CompletableFuture<Long> deleteManyAsync(List<String> keys);

    /**
     * Asynchronous {@link #deleteMatch}.
     *
     * @param pattern the pattern
     * @return how many were deleted
     */
    CompletableFuture<Long> deleteMatchAsync(Glob pattern);

    /**
     * Asynchronous {@link #scan}.
     *
     * @param pattern the pattern
     * @return the matching keys
     */
    CompletableFuture<List<String>> scanAsync(Glob pattern);

    /**
     * Asynchronous {@link #expire}.
     *
     * @param key the key
     * @param ttl the new TTL
     * @return whether the key existed
     */
    CompletableFuture<Boolean> expireAsync(String key, @Nullable Duration ttl);

    /**
     * Asynchronous {@link #getExpire}.
     *
     * @param key the key
     * @return seconds left, -1 or -2
     */
    CompletableFuture<Long> getExpireAsync(String key);

    /**
     * Asynchronous {@link #ping}.
     *
     * @return {@code "PONG"}
     */
    CompletableFuture<String> pingAsync();

    /**
     * Asynchronous {@link #clear}.
     *
     * @return completes when cleared
     */
    CompletableFuture<@Nullable Void> clearAsync();

    /**
     * Asynchronous {@link #isLocked}.
     *
     * @param key the lock key
     * @return whether held
     */
    default CompletableFuture<Boolean> isLockedAsync(String key) {
        return existsAsync(key);
    }

    /**
     * Asynchronous {@link #setLock}.
     *
     * @param key the lock key
     * @param value the holder's value
     * @param expire the lock's TTL
     * @return whether taken
     */
    default CompletableFuture<Boolean> setLockAsync(String key, String value, Duration expire) {
        return setAsync(key, value, expire, Exist.ABSENT);
    }

    /**
     * Asynchronous {@link #unlock}.
     *
     * @param key the lock key
     * @param value the holder's value
     * @return whether released
     */
    CompletableFuture<Boolean> unlockAsync(String key, String value);

    /**
     * Asynchronous {@link #getKeysCount}.
     *
     * @return the number of keys
     */
    CompletableFuture<Long> getKeysCountAsync();
}
