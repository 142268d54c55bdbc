package io.cashews;

import io.cashews.codec.ValueType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The asynchronous view of a {@link Cashews} instance, from {@link Cashews#async()}: the same
 * commands with the same routing, disabling and results, returning {@link CompletableFuture}s.
 * Nothing here blocks the calling thread; invalid arguments and routing errors
 * ({@link NotConfiguredException}) arrive as failed futures, not as thrown exceptions.
 */
public final class AsyncCashews {

    private static final CompletableFuture<Boolean> FALSE = CompletableFuture.completedFuture(false);
    private static final CompletableFuture<Long> ZERO = CompletableFuture.completedFuture(0L);
    private static final CompletableFuture<long[]> NO_BITS = CompletableFuture.completedFuture(Cashews.NO_BITS);

    private final Cashews cache;
    private final CommandCore core;
    private final Locks locks;
    private final Transactions transactions;
    // The asynchronous calls of the commands CommandCore writes over a Flow.
    private final Flow flow = new Flow.Async(this);

    AsyncCashews(Cashews cache, CommandCore core, Locks locks, Transactions transactions) {
        this.cache = cache;
        this.core = core;
        this.locks = locks;
        this.transactions = transactions;
    }

    /**
     * Returns the synchronous instance this view belongs to.
     *
     * @return the instance
     */
    public Cashews sync() {
        return cache;
    }

    private static <T> CompletableFuture<T> guard(Supplier<CompletableFuture<T>> command) {
        try {
            return command.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Stores a value without expiry, see {@link Cashews#set(String, Object)}.
     *
     * @param key the key
     * @param value the value, may be null
     * @return whether it was stored
     */
    public CompletableFuture<Boolean> set(String key, @Nullable Object value) {
        return set(key, value, (Duration) null, Exist.ANY);
    }

    /**
     * Stores a value with a TTL, see {@link Cashews#set(String, Object, Duration)}.
     *
     * @param key the key
     * @param value the value, may be null
     * @param ttl the TTL, positive, or {@code null}
     * @return whether it was stored
     */
    public CompletableFuture<Boolean> set(String key, @Nullable Object value, @Nullable Duration ttl) {
        return set(key, value, ttl, Exist.ANY);
    }

    /**
     * Stores a value with a TTL string, see {@link Cashews#set(String, Object, String)}.
     *
     * @param key the key
     * @param value the value, may be null
     * @param ttl the TTL such as {@code "10m"}
     * @return whether it was stored
     */
    public CompletableFuture<Boolean> set(String key, @Nullable Object value, String ttl) {
        return guard(() -> set(key, value, Ttl.parse(ttl), Exist.ANY));
    }

    /**
     * Stores a value depending on existence, see {@link Cashews#set(String, Object, Duration, Exist)}.
     *
     * @param key the key
     * @param value the value, may be null
     * @param ttl the TTL, positive, or {@code null}
     * @param exist when to write
     * @return whether it was stored
     */
    public CompletableFuture<Boolean> set(String key, @Nullable Object value, @Nullable Duration ttl, Exist exist) {
        CompletableFuture<Boolean> stored = write(key, value, ttl, exist);
        return cache.events.active() ? reportPut(key, stored) : stored;
    }

    // A facade write's PUT, once the backend said it stored the value.
    private CompletableFuture<Boolean> reportPut(String key, CompletableFuture<Boolean> stored) {
        return stored.thenApply(done -> {
            if (done) {
                cache.reportCommand(CacheEvent.Kind.PUT, key, null);
            }
            return done;
        });
    }

    // The set strategies make: no facade event.
    CompletableFuture<Boolean> write(String key, @Nullable Object value, @Nullable Duration ttl, Exist exist) {
        try {
            Route r = core.set(key, ttl, exist);
            return r == null ? FALSE : r.backend.setAsync(key, CommandCore.wrap(value), ttl, exist);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Stores a value as is, see {@link Cashews#setRaw(String, Object)}.
     *
     * @param key the key
     * @param value the value, may be null
     * @return whether it was stored
     */
    public CompletableFuture<Boolean> setRaw(String key, @Nullable Object value) {
        return guard(() -> {
            Route r = core.target(Command.SET_RAW, key);
            if (r == null) {
                return FALSE;
            }
            CompletableFuture<Boolean> stored = r.backend.setRawAsync(key, CommandCore.wrap(value));
            return cache.events.active() ? reportPut(key, stored) : stored;
        });
    }

    /**
     * Stores several values, see {@link Cashews#setMany(Map, Duration)}.
     *
     * @param pairs keys to values
     * @param ttl the TTL, positive, or {@code null}
     * @return completes when all are stored
     */
    public CompletableFuture<@Nullable Void> setMany(Map<String, ?> pairs, @Nullable Duration ttl) {
        CompletableFuture<@Nullable Void> done = guard(() -> core.setMany(flow, pairs, ttl).future());
        if (!cache.events.active()) {
            return done;
        }
        return done.thenApply(ignored -> {
            for (String key : pairs.keySet()) {
                cache.reportCommand(CacheEvent.Kind.PUT, key, null);
            }
            return null;
        });
    }

    /**
     * Reads a value, see {@link Cashews#get(String)}.
     *
     * @param key the key
     * @param <T> the expected type (unchecked)
     * @return the value, or {@code null} for a miss
     */
    public <T> CompletableFuture<@Nullable T> get(String key) {
        return get(key, null);
    }

    /**
     * Reads a value telling a miss from a stored null, see {@link Cashews#get(String, Object)}.
     *
     * @param key the key
     * @param defaultValue the result for a miss
     * @param <T> the expected type (unchecked)
     * @return the stored value or {@code defaultValue}
     */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<@Nullable T> get(String key, @Nullable T defaultValue) {
        return (CompletableFuture<@Nullable T>) (CompletableFuture<?>) (cache.events.active()
                ? observedRead(key, ValueType.ANY, defaultValue) : read(key, ValueType.ANY, defaultValue));
    }

    /**
     * Reads a value of a declared type, see {@link Cashews#getAs(String, ValueType)}.
     *
     * @param key the key
     * @param type the type expected
     * @param <T> the type
     * @return the value, or {@code null} when missing, stored as {@code null} or not of the type
     */
    public <T> CompletableFuture<@Nullable T> getAs(String key, ValueType<T> type) {
        return getAs(key, type, null);
    }

    /**
     * Reads a value of a declared type telling a miss from a stored null, see
     * {@link Cashews#getAs(String, ValueType, Object)}.
     *
     * @param key the key
     * @param type the type expected
     * @param defaultValue the result for a miss or a value of another type
     * @param <T> the type
     * @return the stored value or {@code defaultValue}
     */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<@Nullable T> getAs(String key, ValueType<? extends T> type, @Nullable T defaultValue) {
        Objects.requireNonNull(type, "type");
        return (CompletableFuture<@Nullable T>) (CompletableFuture<?>) (cache.events.active()
                ? observedRead(key, type, defaultValue) : read(key, type, defaultValue));
    }

    // A facade read while a listener is installed: a hit or a miss when the backend answers.
    private CompletableFuture<@Nullable Object> observedRead(String key, ValueType<?> type,
            @Nullable Object defaultValue) {
        return read(key, type, CommandCore.ABSENT).thenApply(stored -> {
            cache.reportCommand(stored == CommandCore.ABSENT ? CacheEvent.Kind.MISS : CacheEvent.Kind.HIT, key, null);
            return stored == CommandCore.ABSENT ? defaultValue : stored;
        });
    }

    // Also the asynchronous read getOrSet makes of it.
    CompletableFuture<@Nullable Object> read(String key, ValueType<?> type, @Nullable Object defaultValue) {
        try {
            if (core.invalidates(Command.GET)) {
                return core.invalidate(flow, key, defaultValue).future();
            }
            Route r = core.target(Command.GET, key);
            if (r == null) {
                return CompletableFuture.completedFuture(defaultValue);
            }
            CompletableFuture<@Nullable Object> reply = r.backend.getAsync(key);
            if (reply.isDone() && !reply.isCompletedExceptionally()) {
                // A local backend answered at once: skip the dependent stage and its lambda.
                return CompletableFuture.completedFuture(CommandCore.read(reply.join(), type, defaultValue, r.encodes));
            }
            boolean encodes = r.encodes;
            return reply.thenApply(stored -> CommandCore.read(stored, type, defaultValue, encodes));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Reads a value, or on a miss starts {@code loader}, stores its result and returns it. When
     * {@link Command#GET_OR_SET} is disabled the loader's result is returned without storing. A
     * value stored as JSON is read back untyped, see {@link Cashews#getOrSet(String, Callable, Duration)}.
     *
     * @param key the key
     * @param loader starts the computation of the value
     * @param ttl the TTL, positive, or {@code null}
     * @param <T> the value type
     * @return the stored or computed value; fails as the loader fails
     */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<@Nullable T> getOrSet(String key,
            Supplier<? extends CompletionStage<? extends @Nullable T>> loader, @Nullable Duration ttl) {
        return (CompletableFuture<@Nullable T>) (CompletableFuture<?>) getOrSet(key, ValueType.ANY, loader, ttl);
    }

    /**
     * Reads a value of a declared type, or on a miss starts {@code loader}, stores its result and
     * returns it; see {@link Cashews#getOrSet(String, ValueType, Callable, Duration)}.
     *
     * @param key the key
     * @param type the type expected
     * @param loader starts the computation of the value
     * @param ttl the TTL, positive, or {@code null}
     * @param <T> the value type
     * @return the stored or computed value; fails as the loader fails
     */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<@Nullable T> getOrSet(String key, ValueType<? extends T> type,
            Supplier<? extends CompletionStage<? extends @Nullable T>> loader, @Nullable Duration ttl) {
        return guard(() -> (CompletableFuture<@Nullable T>) (CompletableFuture<?>) core.getOrSet(flow, key, type, loader,
                "loader", started -> Step.later(AsyncCashews.<@Nullable Object>start(started)), ttl).future());
    }

    // Adapts the loader's stage; a loader that throws instead of returning a stage fails the future.
    private static <T> CompletableFuture<@Nullable T> start(Supplier<? extends CompletionStage<? extends @Nullable T>> loader) {
        CompletableFuture<@Nullable T> future = new CompletableFuture<>();
        try {
            loader.get().whenComplete((value, error) -> {
                if (error != null) {
                    future.completeExceptionally(error);
                } else {
                    future.complete(value);
                }
            });
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
        return future;
    }

    /**
     * Reads a value as stored, see {@link Cashews#getRaw(String)}.
     *
     * @param key the key
     * @param <T> the expected type (unchecked)
     * @return the value or {@code null}
     */
    public <T> CompletableFuture<@Nullable T> getRaw(String key) {
        return guard(() -> {
            Route r = core.target(Command.GET_RAW, key);
            CompletableFuture<@Nullable Object> read = r == null ? CompletableFuture.completedFuture(null) : r.backend.getRawAsync(key);
            return read.thenApply(stored -> {
                if (cache.events.active()) {
                    cache.reportRead(key, stored);
                }
                return CommandCore.<T>unwrap(stored);
            });
        });
    }

    /**
     * Reads several values, see {@link Cashews#getMany(String...)}.
     *
     * @param keys the keys
     * @return one element per key, in key order, {@code null} for a miss
     */
    public CompletableFuture<List<@Nullable Object>> getMany(String... keys) {
        return guard(() -> core.getMany(flow, keys).future());
    }

    /**
     * Reads the entries matching a glob pattern, see {@link Cashews#getMatch(String)}.
     *
     * @param pattern the pattern
     * @return the matching entries, in no particular order
     */
    public CompletableFuture<List<Map.Entry<String, @Nullable Object>>> getMatch(String pattern) {
        return guard(() -> core.getMatch(flow, pattern).future());
    }

    /**
     * Adds 1 to a counter, see {@link Cashews#incr(String)}.
     *
     * @param key the key
     * @return the new value; 0 when disabled
     */
    public CompletableFuture<Long> incr(String key) {
        return incr(key, 1, null);
    }

    /**
     * Adds to a counter, see {@link Cashews#incr(String, long, Duration)}.
     *
     * @param key the key
     * @param by the amount
     * @param ttl the TTL for a new counter, or {@code null}
     * @return the new value; 0 when disabled
     */
    public CompletableFuture<Long> incr(String key, long by, @Nullable Duration ttl) {
        return guard(() -> {
            if (core.incrInvalidates(ttl)) {
                return core.invalidate(flow, key, 0L).future();
            }
            Route r = core.target(Command.INCR, key);
            return r == null ? ZERO : r.backend.incrAsync(key, by, ttl);
        });
    }

    /**
     * Counts calls in a sliding window and records this one if there is room, see
     * {@link Cashews#sliceIncr(String, long, long, long, Duration)}.
     *
     * @param key the key
     * @param startMillis the exclusive start of the window, epoch milliseconds
     * @param endMillis now, epoch milliseconds
     * @param maxValue the most calls the window holds
     * @param ttl how long the key lives after the last recorded call, positive
     * @return this call's rank in the window ({@code maxValue + 1}: full, not recorded); 0 when disabled
     */
    public CompletableFuture<Long> sliceIncr(String key, long startMillis, long endMillis, long maxValue,
            Duration ttl) {
        return guard(() -> {
            Route r = core.sliceIncr(key, ttl);
            return r == null ? ZERO : r.backend.sliceIncrAsync(key, startMillis, endMillis, maxValue, ttl);
        });
    }

    /**
     * Reads bit fields, see {@link Cashews#getBits(String, int, long...)}.
     *
     * @param key the key
     * @param size the field width, 1 to 63
     * @param indexes the field indexes
     * @return the values, positional; an empty array when disabled
     */
    public CompletableFuture<long[]> getBits(String key, int size, long... indexes) {
        return guard(() -> {
            Route r = core.bits(Command.GET_BITS, key, size, indexes);
            return r == null ? NO_BITS : r.backend.getBitsAsync(key, size, indexes);
        });
    }

    /**
     * Adds to bit fields with saturation, see {@link Cashews#incrBits(String, int, long, long...)}.
     *
     * @param key the key
     * @param size the field width, 1 to 63
     * @param by the amount
     * @param indexes the field indexes
     * @return the new values, positional; an empty array when disabled
     */
    public CompletableFuture<long[]> incrBits(String key, int size, long by, long... indexes) {
        return guard(() -> {
            Route r = core.bits(Command.INCR_BITS, key, size, indexes);
            return r == null ? NO_BITS : r.backend.incrBitsAsync(key, size, by, indexes);
        });
    }

    /**
     * Tells whether a key exists, see {@link Cashews#exists(String)}.
     *
     * @param key the key
     * @return whether it exists
     */
    public CompletableFuture<Boolean> exists(String key) {
        return guard(() -> {
            Route r = core.target(Command.EXISTS, key);
            return r == null ? FALSE : r.backend.existsAsync(key);
        });
    }

    /**
     * Deletes a key, see {@link Cashews#delete(String)}.
     *
     * @param key the key
     * @return whether it existed
     */
    public CompletableFuture<Boolean> delete(String key) {
        CompletableFuture<Boolean> deleted = remove(key);
        if (!cache.events.active()) {
            return deleted;
        }
        return deleted.thenApply(was -> {
            cache.reportCommand(CacheEvent.Kind.REMOVE, key, was ? "removed" : "absent");
            return was;
        });
    }

    // The delete strategies make: no facade event.
    CompletableFuture<Boolean> remove(String key) {
        return guard(() -> core.delete(flow, key).future());
    }

    /**
     * Deletes several keys, see {@link Cashews#deleteMany(String...)}.
     *
     * @param keys the keys
     * @return how many existed
     */
    public CompletableFuture<Long> deleteMany(String... keys) {
        CompletableFuture<Long> deleted = guard(() -> core.deleteMany(flow, keys).future());
        if (!cache.events.active()) {
            return deleted;
        }
        return deleted.thenApply(count -> {
            for (String key : keys) {
                cache.reportCommand(CacheEvent.Kind.REMOVE, key, null);
            }
            return count;
        });
    }

    /**
     * Deletes the keys matching a glob pattern, see {@link Cashews#deleteMatch(String)}.
     *
     * @param pattern the pattern
     * @return how many were deleted
     */
    public CompletableFuture<Long> deleteMatch(String pattern) {
        return guard(() -> core.deleteMatch(flow, pattern).future().thenApply(deleted -> {
            if (cache.events.active()) {
                cache.reportRemovals(pattern, deleted);
            }
            return deleted;
        }));
    }

    /**
     * Lists the keys matching a glob pattern, see {@link Cashews#scan(String)}.
     *
     * @param pattern the pattern
     * @return the keys, in no particular order
     */
    public CompletableFuture<List<String>> scan(String pattern) {
        return guard(() -> core.scan(flow, pattern).future());
    }

    /**
     * Changes a key's TTL, see {@link Cashews#expire(String, Duration)}.
     *
     * @param key the key
     * @param ttl the new TTL; zero or negative deletes; {@code null} removes the expiry
     * @return whether the key existed
     */
    public CompletableFuture<Boolean> expire(String key, @Nullable Duration ttl) {
        return guard(() -> {
            Route r = core.target(Command.EXPIRE, key);
            return r == null ? FALSE : r.backend.expireAsync(key, ttl);
        });
    }

    /**
     * Returns the seconds a key has left, see {@link Cashews#getExpire(String)}.
     *
     * @param key the key
     * @return seconds, {@code -1} for no expiry, {@code -2} for missing
     */
    public CompletableFuture<Long> getExpire(String key) {
        return guard(() -> {
            Route r = core.target(Command.GET_EXPIRE, key);
            return r == null ? CompletableFuture.completedFuture(CommandCore.NO_KEY) : r.backend.getExpireAsync(key);
        });
    }

    /**
     * Checks every backend answers, see {@link Cashews#ping()}.
     *
     * @return {@code "PONG"}, or {@code null} when disabled
     */
    public CompletableFuture<@Nullable String> ping() {
        return guard(() -> core.ping(flow).future());
    }

    /**
     * Deletes every key of every backend, see {@link Cashews#clear()}.
     *
     * @return completes when cleared
     */
    public CompletableFuture<@Nullable Void> clear() {
        return guard(() -> core.clear(flow).future());
    }

    /**
     * Counts the keys of every backend, see {@link Cashews#getKeysCount()}.
     *
     * @return the number of keys
     */
    public CompletableFuture<Long> getKeysCount() {
        return guard(() -> core.getKeysCount(flow).future());
    }

    /**
     * Tells whether a lock is held, see {@link Cashews#isLocked(String)}.
     *
     * @param key the lock key
     * @return whether held
     */
    public CompletableFuture<Boolean> isLocked(String key) {
        return guard(() -> {
            Route r = core.target(Command.IS_LOCKED, key);
            return r == null ? FALSE : r.backend.isLockedAsync(key);
        });
    }

    /**
     * Takes a lock when it becomes free, polling on the instance's executor without blocking a
     * thread, see {@link Cashews#lock(String, Duration)}. Cancelling the returned future stops
     * the waiting (a lock taken at that moment is released at once).
     *
     * @param key the lock key
     * @param expire how long the lock holds at most; positive
     * @return the held lock, as a scope that releases it
     */
    public CompletableFuture<Scope> lock(String key, Duration expire) {
        return lock(key, expire, null);
    }

    /**
     * Takes a lock as {@link #lock(String, Duration)} does, waiting at most {@code waitTimeout},
     * see {@link Cashews#lock(String, Duration, Duration)}.
     *
     * @param key the lock key
     * @param expire how long the lock holds at most; positive
     * @param waitTimeout how long to wait for the lock at most; positive, or {@code null} to
     *     wait until it is free
     * @return the held lock, as a scope that releases it; failed with a {@link LockedException}
     *     if the lock is still held after {@code waitTimeout}
     */
    public CompletableFuture<Scope> lock(String key, Duration expire, @Nullable Duration waitTimeout) {
        return guard(() -> locks.lockAsync(key, expire, waitTimeout));
    }

    /**
     * Takes a lock if free, see {@link Cashews#setLock(String, String, Duration)}.
     *
     * @param key the lock key
     * @param value the holder's value
     * @param expire the lock's TTL; positive
     * @return whether taken
     */
    public CompletableFuture<Boolean> setLock(String key, String value, Duration expire) {
        return guard(() -> {
            Route r = locks.setLock(key, value, expire);
            return r == null ? FALSE : r.backend.setLockAsync(key, value, expire);
        });
    }

    /**
     * Releases a lock held with {@code value}, see {@link Cashews#unlock(String, String)}.
     *
     * @param key the lock key
     * @param value the holder's value
     * @return whether released
     */
    public CompletableFuture<Boolean> unlock(String key, String value) {
        return guard(() -> {
            Route r = locks.unlock(key, value);
            return r == null ? FALSE : r.backend.unlockAsync(key, value).thenApply(released -> Locks.released(key, released));
        });
    }

    /**
     * Runs asynchronous work in a transaction, never blocking a thread for it: the transaction is
     * open on the calling thread while {@code work} starts its stage (proxied calls made then
     * capture it, so their continuations write into it on any thread), then leaves this thread
     * and commits when the stage completes normally or rolls back when it fails. Inside an open
     * transaction of this instance it joins that one. The commit runs on the thread that
     * completes the stage.
     *
     * @param mode the isolation mode, {@code null} for {@link TransactionMode#LOCKED}
     * @param timeout the lock timeout, {@code null} for 10 seconds; positive
     * @param work starts the work
     * @param <T> the result type
     * @return completes with the work's result after the commit, or with its failure after the
     *     rollback (or with the commit's failure, such as a {@link LockedException})
     */
    public <T extends @Nullable Object> CompletableFuture<T> transaction(@Nullable TransactionMode mode,
            @Nullable Duration timeout, Supplier<? extends CompletionStage<T>> work) {
        return transactions.runAsync(mode, timeout, work);
    }

    @Override
    public String toString() {
        return "AsyncCashews[" + cache + "]";
    }

    // ---------------------------------------------------------------- sets and tags

    /**
     * Adds members to a set, see {@link Cashews#setAdd(String, Duration, String...)}.
     *
     * @param key the key
     * @param ttl the TTL of the whole set, or {@code null} to keep the key's
     * @param members the members
     * @return how many were new; 0 when disabled
     */
    public CompletableFuture<Long> setAdd(String key, @Nullable Duration ttl, String... members) {
        return guard(() -> {
            Route r = core.setAdd(key, ttl, members);
            return r == null ? ZERO : r.backend.setAddAsync(key, ttl, members);
        });
    }

    /**
     * Removes members from a set, see {@link Cashews#setRemove(String, String...)}.
     *
     * @param key the key
     * @param members the members
     * @return how many were removed; 0 when disabled
     */
    public CompletableFuture<Long> setRemove(String key, String... members) {
        return guard(() -> {
            Route r = core.setRemove(key, members);
            return r == null ? ZERO : r.backend.setRemoveAsync(key, members);
        });
    }

    /**
     * Removes and returns members of a set, see {@link Cashews#setPop(String, int)}.
     *
     * @param key the key
     * @param count the most members to take, positive
     * @return the members taken; empty when missing or disabled
     */
    public CompletableFuture<List<String>> setPop(String key, int count) {
        return guard(() -> {
            Route r = core.setPop(key, count);
            return r == null ? CompletableFuture.completedFuture(List.of()) : r.backend.setPopAsync(key, count);
        });
    }

    /**
     * Reads the members of a set, see {@link Cashews#setMembers(String)}.
     *
     * @param key the key
     * @return the members; empty when missing or disabled
     */
    public CompletableFuture<Set<String>> setMembers(String key) {
        return guard(() -> {
            Route r = core.target(Command.SET_MEMBERS, key);
            return r == null ? CompletableFuture.completedFuture(Set.of()) : r.backend.setMembersAsync(key);
        });
    }

    /**
     * Stores a value with tags, see {@link Cashews#set(String, Object, Duration, String...)}.
     *
     * @param key the key
     * @param value the value, may be null
     * @param ttl the TTL, positive, or {@code null}
     * @param tags the tags
     * @return whether it was stored; fails with {@link TagNotRegisteredException} before writing
     *     anything when a tag is not registered for the key
     */
    public CompletableFuture<Boolean> set(String key, @Nullable Object value, @Nullable Duration ttl, String... tags) {
        CompletableFuture<Boolean> stored = writeTagged(key, value, ttl, tags);
        return cache.events.active() ? reportPut(key, stored) : stored;
    }

    // The tagged set strategies make: no facade event.
    CompletableFuture<Boolean> writeTagged(String key, @Nullable Object value, @Nullable Duration ttl, String... tags) {
        return guard(() -> core.tags.set(flow, key, value, ttl, tags).future());
    }

    /**
     * Deletes every key stored with these tags and the tags' sets, see
     * {@link Cashews#deleteTags(String...)}.
     *
     * @param tags the tags
     * @return completes when done
     */
    public CompletableFuture<@Nullable Void> deleteTags(String... tags) {
        return guard(() -> core.tags.deleteTags(flow, tags).future());
    }

}
