package io.cashews.spi;

import io.cashews.Exist;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One storage behind a {@link io.cashews.Cashews} instance, as {@code setup(url)} returns it.
 * Every command exists in a synchronous form and an asynchronous form (suffix {@code Async}); a
 * remote backend implements the asynchronous side and derives the other (see
 * {@link AbstractAsyncBackend}), a blocking one the reverse (see {@link AbstractBlockingBackend}),
 * and the memory backend answers both directly. It lives in the SPI package because backend
 * modules implement it; the facade only calls it.
 *
 * <p>Contract, the same for every backend:
 * <ul>
 *   <li>Values are opaque, never {@code null} (the facade stores
 *       {@link NullValue#INSTANCE} for {@code null}); a read returns {@code null}
 *       only for a missing key. A backend that stores JSON returns an
 *       {@link io.cashews.codec.PendingValue} for it, decoded by the facade into the reader's
 *       declared type ({@link io.cashews.Cashews#getAs}); middleware may see one pass by.</li>
 *   <li>A {@code null} TTL means no expiry; writing without a TTL clears an old one.</li>
 *   <li>Expired keys are absent for every command, as if deleted.</li>
 *   <li>Patterns are {@link Glob}s; multi-key results are positional.</li>
 *   <li>{@code incr} treats a missing key as 0, sets the TTL only when it creates the key and
 *       fails naming the key when the stored value is not an integer.</li>
 *   <li>{@code unlock} deletes only when the stored value equals the given one, atomically.</li>
 *   <li>Bit fields ({@code getBits}, {@code incrBits}): a key holds an array of unsigned fields
 *       of {@code size} bits (1 to 63), field {@code i} at bit offset {@code i * size}, as Redis'
 *       {@code BITFIELD key GET u<size> #i} addresses them. A missing key reads as all zeros;
 *       {@code incrBits} adds with saturation (clamped to {@code [0, 2^size - 1]}, Redis'
 *       {@code OVERFLOW SAT}), creates the key without expiry when it is missing and keeps the
 *       TTL of an existing one; one call is atomic. A key holding bits is not a user value:
 *       {@code get}, {@code getMany} and {@code getMatch} treat it as missing (skipped),
 *       while {@code exists}, {@code delete}, {@code expire} and {@code scan} see it.</li>
 *   <li>Sets ({@code setAdd}, {@code setRemove}, {@code setPop}, {@code setMembers}): a key holds
 *       a set of strings, as a Redis set does (the storage of tags, {@code _tag:<tag>}). Adding
 *       to a missing key creates it; {@code setAdd} with a TTL sets the TTL of the whole set,
 *       without one it keeps the TTL the key has (none for a new key); a set that becomes empty
 *       is deleted. Each call is atomic. Like bits, a set is not a user value: {@code get},
 *       {@code getMany} and {@code getMatch} treat it as missing, while {@code exists},
 *       {@code delete}, {@code expire} and {@code scan} see it.</li>
 *   <li>Atomic commands ({@code getAndSet}, {@code compareAndSet}, {@code deleteIfEquals},
 *       {@code getAndDelete}, the operations a JCache provider is built on): each is one atomic
 *       step on the store itself, for every thread, process and JVM that shares it; never a
 *       client-side lock nor an optimistic retry loop. See {@link #compareAndSet} for what
 *       "equal" means.</li>
 * </ul>
 * Users normally call {@link io.cashews.Cashews}, which routes keys to backends and applies
 * {@link io.cashews.Cashews#disable(io.cashews.Command...) disabling}; calling a backend directly
 * bypasses both.
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
     * Whether the values this backend returns are decoded from stored bytes (a codec), so that
     * they may have been written by another process, or by an earlier release of the code. The
     * facade reads this once per backend when it is set up: a proxy's read of a value without a
     * {@linkplain io.cashews.codec.Fingerprinted fingerprint} from such a backend is a miss (written
     * before fingerprints, or by other code), so that the method recomputes and overwrites it. A
     * backend that keeps the objects themselves in this JVM, as the memory backend does, answers
     * {@code false} and must store the {@linkplain io.cashews.codec.Fingerprinted#strip content} of
     * a fingerprinted value: a class cannot change inside a running JVM.
     *
     * @return {@code true} by default
     */
    default boolean encodesValues() {
        return true;
    }

    /**
     * How many entries this backend removed on its own since it was created: evicted by its size
     * limit, or expired and cleared by its maintenance; entries deleted or overwritten by commands
     * are not counted. Metrics read it on every scrape ({@code cache.evictions}), so it must be
     * cheap and must not block.
     *
     * @return the count, or {@code -1} (the default) when the backend does not know it, as with
     *     Redis, which evicts on the server
     */
    default long evictionCount() {
        return -1;
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
     * Counts calls in a sliding window and records one more if there is room: the counter behind
     * {@code @SliceRateLimit} and the circuit breaker. Atomic per key.
     *
     * <p>The key holds a set of timestamps (epoch milliseconds chosen by the caller, so that every
     * process sharing the backend agrees on the window). One call, in one atomic step:
     * <ol>
     *   <li>drops every timestamp {@code <= startMillis}: the window is {@code (startMillis, endMillis]},
     *       so a call exactly one period old no longer counts;</li>
     *   <li>counts the timestamps left ({@code n});</li>
     *   <li>if {@code n < maxValue}, adds {@code endMillis} as a new member (every call adds its own
     *       member, so two calls with the same timestamp count twice) and sets the key's TTL to
     *       {@code ttl}; otherwise adds nothing and leaves the TTL;</li>
     *   <li>returns {@code n + 1}, the call's rank in the window: at most {@code maxValue} when it
     *       was recorded, {@code maxValue + 1} when it was not. (So a caller tells a recorded call
     *       from a refused one without recording refused calls.)</li>
     * </ol>
     *
     * @param key the key
     * @param startMillis the exclusive start of the window, epoch milliseconds
     * @param endMillis the current time, epoch milliseconds: the timestamp recorded
     * @param maxValue the most timestamps the window may hold
     * @param ttl how long the key lives after the last recorded call, positive
     * @return {@code n + 1}, where {@code n} is the number of timestamps in the window before the call
     * @throws IllegalStateException if the key holds a value that is not a sliding window; the
     *     message names the key
     */
    long sliceIncr(String key, long startMillis, long endMillis, long maxValue, Duration ttl);

    /**
     * Reads unsigned bit fields (see the class documentation for the layout).
     *
     * @param key the key
     * @param size the width of every field in bits, 1 to 63
     * @param indexes the field indexes, not negative
     * @return the field values, positional; zeros for a missing key
     * @throws IllegalArgumentException if {@code size} or an index is out of range
     * @throws IllegalStateException if the key holds something other than bits; the message names it
     */
    long[] getBits(String key, int size, long... indexes);

    /**
     * Adds to unsigned bit fields with saturation, atomically (see the class documentation).
     *
     * @param key the key; created without expiry when missing, an existing TTL is kept
     * @param size the width of every field in bits, 1 to 63
     * @param by the amount to add to every field, may be negative (saturating at 0)
     * @param indexes the field indexes, not negative; a repeated index is added to twice
     * @return the new field values, positional
     * @throws IllegalArgumentException if {@code size} or an index is out of range
     * @throws IllegalStateException if the key holds something other than bits; the message names it
     */
    long[] incrBits(String key, int size, long by, long... indexes);

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
     * Lists at most {@code limit} of the keys matching a pattern, in no particular order, walking
     * the store no further than it must: where the full listing of a large store would be too much
     * (an inspection endpoint, a sample of keys), this is the one to call. The memory and disk
     * backends stop at the limit, and Redis stops its {@code SCAN} once it has found enough. The
     * default lists every match and keeps the first {@code limit}.
     *
     * @param pattern the pattern
     * @param limit the most keys to return, at least 1
     * @return up to {@code limit} matching keys
     */
    default List<String> scan(Glob pattern, int limit) {
        return first(scan(pattern), limit);
    }

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
     * Returns the time a key has left in milliseconds: {@link #getExpire} without its rounding to
     * seconds, for a transaction that copies a key's TTL
     * ({@link io.cashews.Command#GET_EXPIRE_MILLIS}; the facade has no method for it). The default
     * derives it from {@link #getExpire}; backends that know milliseconds override it.
     *
     * @param key the key
     * @return milliseconds left, {@code -1} for no expiry, {@code -2} for a missing key
     */
    default long getExpireMillis(String key) {
        long seconds = getExpire(key);
        return seconds < 0 ? seconds : seconds * 1000;
    }

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
     * Asynchronous {@link #sliceIncr}.
     *
     * @param key the key
     * @param startMillis the exclusive start of the window, epoch milliseconds
     * @param endMillis the current time, epoch milliseconds
     * @param maxValue the most timestamps the window may hold
     * @param ttl how long the key lives after the last recorded call
     * @return {@code n + 1}, the call's rank in the window
     */
    CompletableFuture<Long> sliceIncrAsync(String key, long startMillis, long endMillis, long maxValue, Duration ttl);

    /**
     * Asynchronous {@link #getBits}.
     *
     * @param key the key
     * @param size the field width in bits
     * @param indexes the field indexes
     * @return the field values, positional
     */
    CompletableFuture<long[]> getBitsAsync(String key, int size, long... indexes);

    /**
     * Asynchronous {@link #incrBits}.
     *
     * @param key the key
     * @param size the field width in bits
     * @param by the amount to add
     * @param indexes the field indexes
     * @return the new field values, positional
     */
    CompletableFuture<long[]> incrBitsAsync(String key, int size, long by, long... indexes);

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
     * Lists at most {@code limit} of the keys matching a pattern, see {@link #scan(Glob, int)}.
     *
     * @param pattern the pattern
     * @param limit the most keys to return, at least 1
     * @return a future of up to {@code limit} matching keys
     */
    default CompletableFuture<List<String>> scanAsync(Glob pattern, int limit) {
        return scanAsync(pattern).thenApply(keys -> first(keys, limit));
    }

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
     * Asynchronous {@link #getExpireMillis}; the default derives it from {@link #getExpireAsync}.
     *
     * @param key the key
     * @return milliseconds left, -1 or -2
     */
    default CompletableFuture<Long> getExpireMillisAsync(String key) {
        return getExpireAsync(key).thenApply(seconds -> seconds < 0 ? seconds : seconds * 1000);
    }

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

    // ---------------------------------------------------------------- sets (tags)

    /**
     * Adds members to the set at {@code key}, creating it when missing; atomic.
     *
     * @param key the key
     * @param ttl the TTL of the whole set after the call, or {@code null} to keep the key's TTL
     *     (none for a new key)
     * @param members the members to add
     * @return how many members were not in the set before
     * @throws IllegalStateException if the key holds something other than a set; the message names it
     */
    long setAdd(String key, @Nullable Duration ttl, String... members);

    /**
     * Removes members from the set at {@code key}; a set left empty is deleted. Atomic.
     *
     * @param key the key
     * @param members the members to remove
     * @return how many members were removed
     * @throws IllegalStateException if the key holds something other than a set; the message names it
     */
    long setRemove(String key, String... members);

    /**
     * Removes and returns up to {@code count} members of the set at {@code key}, in no particular
     * order; a set left empty is deleted. Atomic.
     *
     * @param key the key
     * @param count the most members to remove, positive
     * @return the removed members; empty for a missing key
     * @throws IllegalStateException if the key holds something other than a set; the message names it
     */
    List<String> setPop(String key, int count);

    /**
     * Reads the members of the set at {@code key}.
     *
     * @param key the key
     * @return the members, in no particular order; empty for a missing key
     * @throws IllegalStateException if the key holds something other than a set; the message names it
     */
    Set<String> setMembers(String key);

    /**
     * Asynchronous {@link #setAdd}.
     *
     * @param key the key
     * @param ttl the TTL of the whole set, or {@code null} to keep the key's
     * @param members the members to add
     * @return how many were new
     */
    CompletableFuture<Long> setAddAsync(String key, @Nullable Duration ttl, String... members);

    /**
     * Asynchronous {@link #setRemove}.
     *
     * @param key the key
     * @param members the members to remove
     * @return how many were removed
     */
    CompletableFuture<Long> setRemoveAsync(String key, String... members);

    /**
     * Asynchronous {@link #setPop}.
     *
     * @param key the key
     * @param count the most members to remove, positive
     * @return the removed members
     */
    CompletableFuture<List<String>> setPopAsync(String key, int count);

    /**
     * Asynchronous {@link #setMembers}.
     *
     * @param key the key
     * @return the members
     */
    CompletableFuture<Set<String>> setMembersAsync(String key);

    // ---------------------------------------------------------------- atomic commands

    /**
     * Stores a value and returns the one it replaced, in one atomic step (Redis
     * {@code SET … GET}).
     *
     * <p>TTL: without {@code keepTtl} the key gets {@code ttl} ({@code null}: no expiry, clearing
     * an old one, as {@link #set} does). With {@code keepTtl}, a key that held a live entry keeps
     * the time it had left and {@code ttl} is ignored; a key that was missing or expired gets
     * {@code ttl}.
     *
     * <p>The old value is returned as {@link #get} would have returned it, so a key holding bits
     * reads as {@code null}. A key holding a set or a sliding window is not a value: the call
     * fails and changes nothing.
     *
     * <p>The default throws {@link UnsupportedOperationException}, so that a backend written
     * before these commands still compiles; every backend of this project overrides it.
     *
     * @param key the key
     * @param value the new value, not null
     * @param ttl the TTL of the new value, or {@code null} for none
     * @param keepTtl keep the remaining TTL of a live entry instead of applying {@code ttl}
     * @return the value replaced, or {@code null} when the key was missing or expired
     * @throws IllegalStateException if the key holds a set or a sliding window; the message names it
     * @throws UnsupportedOperationException if the backend does not implement atomic commands
     */
    default @Nullable Object getAndSet(String key, Object value, @Nullable Duration ttl, boolean keepTtl) {
        throw unsupported(this, "getAndSet");
    }

    /**
     * Stores a value only when the key holds {@code expected}, in one atomic step.
     *
     * <p>{@code expected == null} means "only when the key is missing or expired", as
     * {@link io.cashews.Exist#ABSENT}; any entry counts as present then, a set or bits included.
     * TTL rules are those of {@link #getAndSet}.
     *
     * <p><b>Equality.</b> A backend that stores encoded bytes (Redis, disk, and memory with
     * {@code copy=true} or a {@code secret}) encodes {@code expected} for this key exactly as it
     * would store it and compares bytes with what is stored; the memory backend without a codec
     * compares the objects with {@link Object#equals} (arrays by content). Encoding is
     * deterministic for the same value and key (the signature is an HMAC of key and payload,
     * compression depends only on the bytes), so equal values compare equal, with two
     * exceptions on encoded backends: values whose serialized form depends on history rather than
     * content are not equal (a {@code HashMap} filled in another order, or copied into a table of
     * another size, which JDK serialization writes too); and compressed values written by a process
     * with another build of the compression library may not be. Both make a compare fail (nothing
     * is written), never succeed wrongly. A {@link io.cashews.codec.Fingerprinted} value equals
     * only the same value with the same fingerprint (the memory backend keeps no fingerprints).
     * Counters written by {@code incr} compare equal to the {@code Long} they hold; a set, bits or
     * a sliding window never equals a value.
     *
     * @param key the key
     * @param expected the value the key must hold, or {@code null} for "missing"
     * @param value the new value, not null
     * @param ttl the TTL of the new value, or {@code null} for none
     * @param keepTtl keep the remaining TTL of the entry replaced instead of applying {@code ttl}
     * @return {@code true} if the value was written
     * @throws UnsupportedOperationException if the backend does not implement atomic commands
     */
    default boolean compareAndSet(String key, @Nullable Object expected, Object value, @Nullable Duration ttl,
            boolean keepTtl) {
        throw unsupported(this, "compareAndSet");
    }

    /**
     * Deletes a key only when it holds {@code expected} (equality as for {@link #compareAndSet}),
     * in one atomic step.
     *
     * @param key the key
     * @param expected the value the key must hold, not null
     * @return {@code true} if the key held it and is now deleted
     * @throws UnsupportedOperationException if the backend does not implement atomic commands
     */
    default boolean deleteIfEquals(String key, Object expected) {
        throw unsupported(this, "deleteIfEquals");
    }

    /**
     * Deletes a key and returns the value it held, in one atomic step (Redis {@code GETDEL}). The
     * value is returned as {@link #get} would have returned it (a key holding bits is deleted and
     * reads as {@code null}).
     *
     * @param key the key
     * @return the value deleted, or {@code null} when the key was missing or expired
     * @throws IllegalStateException if the key holds a set or a sliding window (nothing is
     *     deleted); the message names it
     * @throws UnsupportedOperationException if the backend does not implement atomic commands
     */
    default @Nullable Object getAndDelete(String key) {
        throw unsupported(this, "getAndDelete");
    }

    /**
     * Asynchronous {@link #getAndSet}; the default fails with {@link UnsupportedOperationException}.
     *
     * @param key the key
     * @param value the new value
     * @param ttl the TTL or {@code null}
     * @param keepTtl keep the remaining TTL of a live entry
     * @return the value replaced, or {@code null}
     */
    default CompletableFuture<@Nullable Object> getAndSetAsync(String key, Object value, @Nullable Duration ttl,
            boolean keepTtl) {
        return CompletableFuture.failedFuture(unsupported(this, "getAndSetAsync"));
    }

    /**
     * Asynchronous {@link #compareAndSet}; the default fails with
     * {@link UnsupportedOperationException}.
     *
     * @param key the key
     * @param expected the value the key must hold, or {@code null} for "missing"
     * @param value the new value
     * @param ttl the TTL or {@code null}
     * @param keepTtl keep the remaining TTL of the entry replaced
     * @return whether the value was written
     */
    default CompletableFuture<Boolean> compareAndSetAsync(String key, @Nullable Object expected, Object value,
            @Nullable Duration ttl, boolean keepTtl) {
        return CompletableFuture.failedFuture(unsupported(this, "compareAndSetAsync"));
    }

    /**
     * Asynchronous {@link #deleteIfEquals}; the default fails with
     * {@link UnsupportedOperationException}.
     *
     * @param key the key
     * @param expected the value the key must hold
     * @return whether it was deleted
     */
    default CompletableFuture<Boolean> deleteIfEqualsAsync(String key, Object expected) {
        return CompletableFuture.failedFuture(unsupported(this, "deleteIfEqualsAsync"));
    }

    /**
     * Asynchronous {@link #getAndDelete}; the default fails with
     * {@link UnsupportedOperationException}.
     *
     * @param key the key
     * @return the value deleted, or {@code null}
     */
    default CompletableFuture<@Nullable Object> getAndDeleteAsync(String key) {
        return CompletableFuture.failedFuture(unsupported(this, "getAndDeleteAsync"));
    }

    private static UnsupportedOperationException unsupported(Backend backend, String command) {
        return new UnsupportedOperationException(backend.getClass().getName() + " does not implement " + command);
    }

    // What the default bounded scans keep of a full listing.
    private static List<String> first(List<String> keys, int limit) {
        return keys.size() <= limit ? keys : new ArrayList<>(keys.subList(0, limit));
    }
}
