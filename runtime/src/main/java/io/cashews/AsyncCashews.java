package io.cashews;

import io.cashews.base.LockWait;
import io.cashews.codec.ValueType;
import io.cashews.spi.Backend;
import io.cashews.spi.BitArray;
import io.cashews.spi.Glob;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
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
    // deleteTags pops a tag's members in batches of this size, as the synchronous facade does.
    private static final int TAG_BATCH = 100;
    private static final CompletableFuture<long[]> NO_BITS = CompletableFuture.completedFuture(Cashews.NO_BITS);

    private final Cashews cache;

    AsyncCashews(Cashews cache) {
        this.cache = cache;
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
        try {
            Objects.requireNonNull(exist, "exist");
            Cashews.writeTtl(ttl);
            if (cache.off(Command.SET)) {
                return FALSE;
            }
            Route r = cache.route(key);
            return r.disabled ? FALSE : r.backend.setAsync(key, Cashews.wrap(value), ttl, exist);
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
            if (cache.off(Command.SET_RAW)) {
                return FALSE;
            }
            Route r = cache.route(key);
            return r.disabled ? FALSE : r.backend.setRawAsync(key, Cashews.wrap(value));
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
        return guard(() -> {
            Cashews.writeTtl(ttl);
            if (cache.off(Command.SET_MANY) || pairs.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            Map<Route, Map<String, Object>> groups = new IdentityHashMap<>();
            pairs.forEach((key, value) -> groups.computeIfAbsent(cache.route(key), r -> new LinkedHashMap<>())
                    .put(key, Cashews.wrap(value)));
            List<CompletableFuture<?>> writes = new ArrayList<>();
            groups.forEach((r, group) -> {
                if (!r.disabled) {
                    writes.add(r.backend.setManyAsync(group, ttl));
                }
            });
            return CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0]));
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
        return (CompletableFuture<@Nullable T>) (CompletableFuture<?>) read(key, ValueType.ANY, defaultValue);
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
        return (CompletableFuture<@Nullable T>) (CompletableFuture<?>) read(key, Objects.requireNonNull(type, "type"), defaultValue);
    }

    private CompletableFuture<@Nullable Object> read(String key, ValueType<?> type, @Nullable Object defaultValue) {
        try {
            if (cache.off(Command.GET)) {
                return CompletableFuture.completedFuture(defaultValue);
            }
            if (Cashews.INVALIDATING.isLive() && cache.invalidatingHere()) {
                return delete(key).thenApply(deleted -> defaultValue);
            }
            Route r = cache.route(key);
            if (r.disabled) {
                return CompletableFuture.completedFuture(defaultValue);
            }
            CompletableFuture<@Nullable Object> reply = r.backend.getAsync(key);
            if (reply.isDone() && !reply.isCompletedExceptionally()) {
                // A local backend answered at once: skip the dependent stage and its lambda.
                Object stored = reply.join();
                return CompletableFuture.completedFuture(stored == null ? defaultValue : Cashews.typed(stored, type, defaultValue));
            }
            return reply.thenApply(stored -> stored == null ? defaultValue : Cashews.typed(stored, type, defaultValue));
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
        return guard(() -> {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(loader, "loader");
            Cashews.writeTtl(ttl);
            if (cache.offHere(Command.GET_OR_SET)) {
                return start(loader);
            }
            return read(key, type, Cashews.ABSENT).thenCompose(hit -> {
                if (hit != Cashews.ABSENT) {
                    return CompletableFuture.completedFuture((T) hit);
                }
                return start(loader).thenCompose(value -> set(key, value, ttl, Exist.ANY).thenApply(stored -> value));
            });
        });
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
            if (cache.off(Command.GET_RAW)) {
                return CompletableFuture.completedFuture(null);
            }
            Route r = cache.route(key);
            if (r.disabled) {
                return CompletableFuture.completedFuture(null);
            }
            return r.backend.getRawAsync(key).thenApply(stored -> stored == null ? null : Cashews.<T>unwrap(stored));
        });
    }

    /**
     * Reads several values, see {@link Cashews#getMany(String...)}.
     *
     * @param keys the keys
     * @return one element per key, in key order, {@code null} for a miss
     */
    public CompletableFuture<List<@Nullable Object>> getMany(String... keys) {
        return guard(() -> {
            List<@Nullable Object> result = new ArrayList<>(Collections.nCopies(keys.length, null));
            if (keys.length == 0 || cache.off(Command.GET_MANY)) {
                return CompletableFuture.completedFuture(result);
            }
            if (Cashews.INVALIDATING.isLive() && cache.invalidatingHere()) {
                return deleteMany(keys).thenApply(deleted -> result);
            }
            List<CompletableFuture<?>> reads = new ArrayList<>();
            cache.group(keys).forEach((r, positions) -> {
                if (r.disabled) {
                    return;
                }
                List<String> groupKeys = new ArrayList<>(positions.size());
                for (int position : positions) {
                    groupKeys.add(keys[position]);
                }
                reads.add(r.backend.getManyAsync(groupKeys).thenAccept(values -> {
                    // Each group writes distinct positions; allOf below publishes them safely.
                    synchronized (result) {
                        for (int i = 0; i < positions.size(); i++) {
                            Object stored = values.get(i);
                            result.set(positions.get(i), stored == null ? null : Cashews.unwrap(stored));
                        }
                    }
                }));
            });
            return CompletableFuture.allOf(reads.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
                synchronized (result) {
                    return result;
                }
            });
        });
    }

    /**
     * Reads the entries matching a glob pattern, see {@link Cashews#getMatch(String)}.
     *
     * @param pattern the pattern
     * @return the matching entries, in no particular order
     */
    public CompletableFuture<List<Map.Entry<String, @Nullable Object>>> getMatch(String pattern) {
        return guard(() -> {
            Glob glob = Glob.compile(pattern);
            if (cache.off(Command.GET_MATCH)) {
                return CompletableFuture.completedFuture(new ArrayList<>());
            }
            if (Cashews.INVALIDATING.isLive() && cache.invalidatingHere()) {
                return deleteMatch(pattern).thenApply(deleted -> new ArrayList<>());
            }
            List<CompletableFuture<List<Map.Entry<String, @Nullable Object>>>> parts = new ArrayList<>();
            for (Route r : cache.routes(glob)) {
                if (r.disabled) {
                    continue;
                }
                parts.add(r.backend.getMatchAsync(glob).thenApply(entries -> {
                    List<Map.Entry<String, @Nullable Object>> own = new ArrayList<>();
                    for (Map.Entry<String, Object> entry : entries) {
                        if (cache.owns(r, entry.getKey())) {
                            own.add(new AbstractMap.SimpleImmutableEntry<>(entry.getKey(), Cashews.unwrap(entry.getValue())));
                        }
                    }
                    return own;
                }));
            }
            return concat(parts);
        });
    }

    private static <E> CompletableFuture<List<E>> concat(List<CompletableFuture<List<E>>> parts) {
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
            List<E> all = new ArrayList<>();
            for (CompletableFuture<List<E>> part : parts) {
                all.addAll(part.join());
            }
            return all;
        });
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
            Cashews.writeTtl(ttl);
            if (cache.off(Command.INCR)) {
                return ZERO;
            }
            if (Cashews.INVALIDATING.isLive() && cache.invalidatingHere()) {
                return delete(key).thenApply(deleted -> 0L);
            }
            Route r = cache.route(key);
            return r.disabled ? ZERO : r.backend.incrAsync(key, by, ttl);
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
            Cashews.writeTtl(Objects.requireNonNull(ttl, "ttl"));
            if (cache.off(Command.SLICE_INCR)) {
                return ZERO;
            }
            Route r = cache.route(key);
            return r.disabled ? ZERO : r.backend.sliceIncrAsync(key, startMillis, endMillis, maxValue, ttl);
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
            BitArray.check(size, indexes);
            if (cache.off(Command.GET_BITS)) {
                return NO_BITS;
            }
            Route r = cache.route(key);
            return r.disabled ? NO_BITS : r.backend.getBitsAsync(key, size, indexes);
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
            BitArray.check(size, indexes);
            if (cache.off(Command.INCR_BITS)) {
                return NO_BITS;
            }
            Route r = cache.route(key);
            return r.disabled ? NO_BITS : r.backend.incrBitsAsync(key, size, by, indexes);
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
            if (cache.off(Command.EXISTS)) {
                return FALSE;
            }
            Route r = cache.route(key);
            return r.disabled ? FALSE : r.backend.existsAsync(key);
        });
    }

    /**
     * Deletes a key, see {@link Cashews#delete(String)}.
     *
     * @param key the key
     * @return whether it existed
     */
    public CompletableFuture<Boolean> delete(String key) {
        return guard(() -> {
            if (cache.off(Command.DELETE)) {
                return FALSE;
            }
            Route r = cache.route(key);
            if (r.disabled) {
                return FALSE;
            }
            CompletableFuture<Boolean> deleted = r.backend.deleteAsync(key);
            return cache.tagRegistry.isEmpty() ? deleted : deleted.thenCompose(was -> untag(List.of(key)).thenApply(done -> was));
        });
    }

    /**
     * Deletes several keys, see {@link Cashews#deleteMany(String...)}.
     *
     * @param keys the keys
     * @return how many existed
     */
    public CompletableFuture<Long> deleteMany(String... keys) {
        return guard(() -> {
            if (keys.length == 0 || cache.off(Command.DELETE_MANY)) {
                return ZERO;
            }
            List<CompletableFuture<Long>> parts = new ArrayList<>();
            cache.group(keys).forEach((r, positions) -> {
                if (!r.disabled) {
                    List<String> groupKeys = new ArrayList<>(positions.size());
                    for (int position : positions) {
                        groupKeys.add(keys[position]);
                    }
                    CompletableFuture<Long> deleted = r.backend.deleteManyAsync(groupKeys);
                    parts.add(cache.tagRegistry.isEmpty() ? deleted
                            : deleted.thenCompose(n -> untag(groupKeys).thenApply(done -> n)));
                }
            });
            return sum(parts);
        });
    }

    private static CompletableFuture<Long> sum(List<CompletableFuture<Long>> parts) {
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
            long total = 0;
            for (CompletableFuture<Long> part : parts) {
                total += part.join();
            }
            return total;
        });
    }

    /**
     * Deletes the keys matching a glob pattern, see {@link Cashews#deleteMatch(String)}.
     *
     * @param pattern the pattern
     * @return how many were deleted
     */
    public CompletableFuture<Long> deleteMatch(String pattern) {
        return guard(() -> {
            Glob glob = Glob.compile(pattern);
            if (cache.off(Command.DELETE_MATCH)) {
                return ZERO;
            }
            List<Route> touched = cache.routes(glob);
            List<CompletableFuture<Long>> parts = new ArrayList<>();
            for (Route r : touched) {
                if (r.disabled) {
                    continue;
                }
                if (touched.size() == 1 && cache.allRoutes().length == 1 && r.prefix.isEmpty()
                        && cache.tagRegistry.isEmpty()) {
                    parts.add(r.backend.deleteMatchAsync(glob));
                } else {
                    parts.add(r.backend.scanAsync(glob).thenCompose(keys -> {
                        List<String> own = new ArrayList<>();
                        for (String key : keys) {
                            if (cache.owns(r, key)) {
                                own.add(key);
                            }
                        }
                        CompletableFuture<Long> deleted = r.backend.deleteManyAsync(own);
                        return cache.tagRegistry.isEmpty() ? deleted
                                : deleted.thenCompose(n -> untag(own).thenApply(done -> n));
                    }));
                }
            }
            return sum(parts);
        });
    }

    /**
     * Lists the keys matching a glob pattern, see {@link Cashews#scan(String)}.
     *
     * @param pattern the pattern
     * @return the keys, in no particular order
     */
    public CompletableFuture<List<String>> scan(String pattern) {
        return guard(() -> {
            Glob glob = Glob.compile(pattern);
            if (cache.off(Command.SCAN)) {
                return CompletableFuture.completedFuture(new ArrayList<>());
            }
            List<CompletableFuture<List<String>>> parts = new ArrayList<>();
            for (Route r : cache.routes(glob)) {
                if (!r.disabled) {
                    parts.add(r.backend.scanAsync(glob).thenApply(keys -> {
                        List<String> own = new ArrayList<>();
                        for (String key : keys) {
                            if (cache.owns(r, key)) {
                                own.add(key);
                            }
                        }
                        return own;
                    }));
                }
            }
            return concat(parts);
        });
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
            if (cache.off(Command.EXPIRE)) {
                return FALSE;
            }
            Route r = cache.route(key);
            return r.disabled ? FALSE : r.backend.expireAsync(key, ttl);
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
            if (cache.off(Command.GET_EXPIRE)) {
                return CompletableFuture.completedFuture(-2L);
            }
            Route r = cache.route(key);
            return r.disabled ? CompletableFuture.completedFuture(-2L) : r.backend.getExpireAsync(key);
        });
    }

    /**
     * Checks every backend answers, see {@link Cashews#ping()}.
     *
     * @return {@code "PONG"}, or {@code null} when disabled
     */
    public CompletableFuture<@Nullable String> ping() {
        return guard(() -> {
            if (cache.off(Command.PING)) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<@Nullable String> answer = CompletableFuture.completedFuture("PONG");
            for (Route r : cache.configuredRoutes()) {
                if (!r.disabled) {
                    CompletableFuture<String> pong = r.backend.pingAsync();
                    answer = answer.thenCombine(pong, (a, b) -> b);
                }
            }
            return answer;
        });
    }

    /**
     * Deletes every key of every backend, see {@link Cashews#clear()}.
     *
     * @return completes when cleared
     */
    public CompletableFuture<@Nullable Void> clear() {
        return guard(() -> {
            if (cache.off(Command.CLEAR)) {
                return CompletableFuture.completedFuture(null);
            }
            List<CompletableFuture<?>> parts = new ArrayList<>();
            for (Route r : cache.configuredRoutes()) {
                if (!r.disabled) {
                    parts.add(r.backend.clearAsync());
                }
            }
            return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]));
        });
    }

    /**
     * Counts the keys of every backend, see {@link Cashews#getKeysCount()}.
     *
     * @return the number of keys
     */
    public CompletableFuture<Long> getKeysCount() {
        return guard(() -> {
            if (cache.off(Command.GET_KEYS_COUNT)) {
                return ZERO;
            }
            List<CompletableFuture<Long>> parts = new ArrayList<>();
            for (Route r : cache.configuredRoutes()) {
                if (!r.disabled) {
                    parts.add(r.backend.getKeysCountAsync());
                }
            }
            return sum(parts);
        });
    }

    /**
     * Tells whether a lock is held, see {@link Cashews#isLocked(String)}.
     *
     * @param key the lock key
     * @return whether held
     */
    public CompletableFuture<Boolean> isLocked(String key) {
        return guard(() -> {
            if (cache.off(Command.IS_LOCKED)) {
                return FALSE;
            }
            Route r = cache.route(key);
            return r.disabled ? FALSE : r.backend.isLockedAsync(key);
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
        return guard(() -> {
            LockWait wait = cache.lockWait(expire, waitTimeout);
            if (cache.offHere(Command.LOCK)) {
                return CompletableFuture.completedFuture(() -> { });
            }
            Route r = cache.route(key);
            if (r.switchedOff) {
                return CompletableFuture.completedFuture(() -> { });
            }
            String token = LockWait.newToken();
            // The backend itself, not its chain: a disabled SET_LOCK must not make this wait forever.
            Backend backend = r.raw;
            return wait.<Scope>awaitAsync(key,
                    () -> backend.setLockAsync(key, token, expire)
                            .thenApply(taken -> taken ? Cashews.release(backend, key, token) : null),
                    ending -> Cashews.lockFailure(key, waitTimeout, ending),
                    Scope::close);
        });
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
            Objects.requireNonNull(value, "value");
            Cashews.lockTtl(expire);
            if (cache.off(Command.SET_LOCK)) {
                return FALSE;
            }
            Route r = cache.route(key);
            return r.disabled ? FALSE : r.backend.setLockAsync(key, value, expire);
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
            Objects.requireNonNull(value, "value");
            if (cache.off(Command.UNLOCK)) {
                return FALSE;
            }
            Route r = cache.route(key);
            if (r.disabled) {
                return FALSE;
            }
            return r.backend.unlockAsync(key, value).thenApply(released -> {
                if (released) {
                    LockWait.released(key);
                }
                return released;
            });
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
        Objects.requireNonNull(work, "work");
        CacheTransaction handle;
        try {
            handle = cache.transaction(mode, timeout);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (!(handle instanceof Transaction tx)) {
            // Joined an outer transaction, which decides.
            try {
                return work.get().toCompletableFuture();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        CompletionStage<T> stage;
        try {
            stage = Objects.requireNonNull(work.get(), "the transaction's work returned no stage");
        } catch (RuntimeException | Error e) {
            tx.close();
            if (e instanceof Error error) {
                throw error;
            }
            return CompletableFuture.failedFuture(e);
        }
        tx.detach();
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            Throwable failure = error;
            try {
                if (error == null) {
                    tx.commit();
                }
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                try {
                    tx.close();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    } else if (failure != e) {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(failure);
            }
        });
        return result;
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
            Cashews.writeTtl(ttl);
            if (members.length == 0 || cache.off(Command.SET_ADD)) {
                return ZERO;
            }
            Route r = cache.route(key);
            return r.disabled ? ZERO : r.backend.setAddAsync(key, ttl, members);
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
            if (members.length == 0 || cache.off(Command.SET_REMOVE)) {
                return ZERO;
            }
            Route r = cache.route(key);
            return r.disabled ? ZERO : r.backend.setRemoveAsync(key, members);
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
            if (count <= 0) {
                throw new IllegalArgumentException("setPop count must be positive, got " + count);
            }
            if (cache.off(Command.SET_POP)) {
                return CompletableFuture.completedFuture(List.of());
            }
            Route r = cache.route(key);
            return r.disabled ? CompletableFuture.completedFuture(List.of()) : r.backend.setPopAsync(key, count);
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
            if (cache.off(Command.SET_MEMBERS)) {
                return CompletableFuture.completedFuture(Set.of());
            }
            Route r = cache.route(key);
            return r.disabled ? CompletableFuture.completedFuture(Set.of()) : r.backend.setMembersAsync(key);
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
        return guard(() -> {
            if (tags.length == 0) {
                return set(key, value, ttl, Exist.ANY);
            }
            cache.requireRegistered(key, tags);
            return set(key, value, ttl, Exist.ANY).thenCompose(stored -> {
                if (!stored) {
                    return FALSE;
                }
                List<CompletableFuture<?>> writes = new ArrayList<>(tags.length);
                for (String tag : tags) {
                    String setKey = Cashews.TAG_PREFIX + tag;
                    CompletableFuture<?> added = setAdd(setKey, ttl, key);
                    writes.add(ttl == null ? added.thenCompose(n -> expire(setKey, null)) : added);
                }
                return CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0])).thenApply(done -> true);
            });
        });
    }

    /**
     * Deletes every key stored with these tags and the tags' sets, see
     * {@link Cashews#deleteTags(String...)}.
     *
     * @param tags the tags
     * @return completes when done
     */
    public CompletableFuture<@Nullable Void> deleteTags(String... tags) {
        return guard(() -> {
            CompletableFuture<@Nullable Void> chain = CompletableFuture.completedFuture(null);
            for (String tag : tags) {
                String setKey = Cashews.TAG_PREFIX + Objects.requireNonNull(tag, "tag");
                chain = chain.thenCompose(done -> drainTag(setKey)).thenCompose(done -> delete(setKey)).thenApply(done -> null);
            }
            return chain;
        });
    }

    private CompletableFuture<@Nullable Void> drainTag(String setKey) {
        return setPop(setKey, TAG_BATCH).thenCompose(members -> {
            CompletableFuture<Long> deleted = members.isEmpty() ? ZERO : deleteMany(members.toArray(new String[0]));
            return deleted.thenCompose(n -> members.size() < TAG_BATCH
                    ? CompletableFuture.<@Nullable Void>completedFuture(null) : drainTag(setKey));
        });
    }

    // Removes deleted keys from the tag sets the registry derives for them (see Cashews#untag).
    private CompletableFuture<@Nullable Void> untag(List<String> keys) {
        Map<String, List<String>> byTag = new LinkedHashMap<>();
        for (String key : keys) {
            if (key.startsWith(Cashews.TAG_PREFIX)) {
                continue;
            }
            for (String tag : cache.tagRegistry.tagsOf(key)) {
                byTag.computeIfAbsent(Cashews.TAG_PREFIX + tag, t -> new ArrayList<>()).add(key);
            }
        }
        List<CompletableFuture<Long>> removals = new ArrayList<>();
        byTag.forEach((setKey, members) -> removals.add(setRemove(setKey, members.toArray(new String[0]))));
        return CompletableFuture.allOf(removals.toArray(new CompletableFuture<?>[0]));
    }
}
