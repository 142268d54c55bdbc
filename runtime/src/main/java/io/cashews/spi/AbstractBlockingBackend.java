package io.cashews.spi;

import io.cashews.Backend;
import io.cashews.Exist;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Base of a blocking backend (a database file, for example): implement the synchronous commands
 * and {@link #close()}; each {@code …Async} command runs its synchronous twin on the executor
 * given to the constructor (normally {@link BackendContext#executor()}), so asynchronous callers
 * never block.
 */
public abstract class AbstractBlockingBackend implements Backend {

    private final Executor executor;

    /**
     * Creates the base.
     *
     * @param executor where the asynchronous commands run their blocking work
     */
    protected AbstractBlockingBackend(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * Runs blocking work on the executor.
     *
     * @param work the work
     * @param <T> the result type
     * @return a future completed with the result or the failure
     */
    protected final <T> CompletableFuture<T> offload(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, executor);
    }

    @Override
    public CompletableFuture<Boolean> setAsync(String key, Object value, @Nullable Duration ttl, Exist exist) {
        return offload(() -> set(key, value, ttl, exist));
    }

    @Override
    public CompletableFuture<Boolean> setRawAsync(String key, Object value) {
        return offload(() -> setRaw(key, value));
    }

    @Override
    public CompletableFuture<@Nullable Void> setManyAsync(Map<String, ?> pairs, @Nullable Duration ttl) {
        return offload(() -> {
            setMany(pairs, ttl);
            return null;
        });
    }

    @Override
    public CompletableFuture<@Nullable Object> getAsync(String key) {
        return offload(() -> get(key));
    }

    @Override
    public CompletableFuture<@Nullable Object> getRawAsync(String key) {
        return offload(() -> getRaw(key));
    }

    @Override
    public CompletableFuture<List<@Nullable Object>> getManyAsync(List<String> keys) {
        return offload(() -> getMany(keys));
    }

    @Override
    public CompletableFuture<List<Map.Entry<String, Object>>> getMatchAsync(Glob pattern) {
        return offload(() -> getMatch(pattern));
    }

    @Override
    public CompletableFuture<Long> incrAsync(String key, long by, @Nullable Duration ttl) {
        return offload(() -> incr(key, by, ttl));
    }

    @Override
    public CompletableFuture<long[]> getBitsAsync(String key, int size, long... indexes) {
        return offload(() -> getBits(key, size, indexes));
    }

    @Override
    public CompletableFuture<long[]> incrBitsAsync(String key, int size, long by, long... indexes) {
        return offload(() -> incrBits(key, size, by, indexes));
    }

    @Override
    public CompletableFuture<Long> sliceIncrAsync(String key, long startMillis, long endMillis, long maxValue,
            Duration ttl) {
        return offload(() -> sliceIncr(key, startMillis, endMillis, maxValue, ttl));
    }

    @Override
    public CompletableFuture<Boolean> existsAsync(String key) {
        return offload(() -> exists(key));
    }

    @Override
    public CompletableFuture<Boolean> deleteAsync(String key) {
        return offload(() -> delete(key));
    }

    @Override
    public CompletableFuture<Long> deleteManyAsync(List<String> keys) {
        return offload(() -> deleteMany(keys));
    }

    @Override
    public CompletableFuture<Long> deleteMatchAsync(Glob pattern) {
        return offload(() -> deleteMatch(pattern));
    }

    @Override
    public CompletableFuture<List<String>> scanAsync(Glob pattern) {
        return offload(() -> scan(pattern));
    }

    @Override
    public CompletableFuture<Boolean> expireAsync(String key, @Nullable Duration ttl) {
        return offload(() -> expire(key, ttl));
    }

    @Override
    public CompletableFuture<Long> getExpireAsync(String key) {
        return offload(() -> getExpire(key));
    }

    @Override
    public CompletableFuture<String> pingAsync() {
        return offload(this::ping);
    }

    @Override
    public CompletableFuture<@Nullable Void> clearAsync() {
        return offload(() -> {
            clear();
            return null;
        });
    }

    @Override
    public CompletableFuture<Boolean> isLockedAsync(String key) {
        return offload(() -> isLocked(key));
    }

    @Override
    public CompletableFuture<Boolean> setLockAsync(String key, String value, Duration expire) {
        return offload(() -> setLock(key, value, expire));
    }

    @Override
    public CompletableFuture<Boolean> unlockAsync(String key, String value) {
        return offload(() -> unlock(key, value));
    }

    @Override
    public CompletableFuture<Long> getKeysCountAsync() {
        return offload(this::getKeysCount);
    }

    @Override
    public CompletableFuture<Long> setAddAsync(String key, @Nullable Duration ttl, String... members) {
        return offload(() -> setAdd(key, ttl, members));
    }

    @Override
    public CompletableFuture<Long> setRemoveAsync(String key, String... members) {
        return offload(() -> setRemove(key, members));
    }

    @Override
    public CompletableFuture<List<String>> setPopAsync(String key, int count) {
        return offload(() -> setPop(key, count));
    }

    @Override
    public CompletableFuture<Set<String>> setMembersAsync(String key) {
        return offload(() -> setMembers(key));
    }
}
