package io.cashews.spi;

import io.cashews.Exist;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The asynchronous commands of a backend written synchronously: each runs its synchronous twin
 * through {@link #derive}. The public bases differ only in where that runs (an executor for
 * {@link AbstractBlockingBackend}, the caller for {@link AbstractImmediateBackend}).
 */
abstract class DerivedAsyncBackend implements Backend {

    DerivedAsyncBackend() {
    }

    /** Runs a synchronous command and answers its result or failure as a future. */
    abstract <T> CompletableFuture<T> derive(Supplier<T> command);

    @Override
    public CompletableFuture<Boolean> setAsync(String key, Object value, @Nullable Duration ttl, Exist exist) {
        return derive(() -> set(key, value, ttl, exist));
    }

    @Override
    public CompletableFuture<@Nullable Void> setManyAsync(Map<String, ?> pairs, @Nullable Duration ttl) {
        return derive(() -> {
            setMany(pairs, ttl);
            return null;
        });
    }

    @Override
    public CompletableFuture<@Nullable Object> getAsync(String key) {
        return derive(() -> get(key));
    }

    @Override
    public CompletableFuture<List<@Nullable Object>> getManyAsync(List<String> keys) {
        return derive(() -> getMany(keys));
    }

    @Override
    public CompletableFuture<List<Map.Entry<String, Object>>> getMatchAsync(Glob pattern) {
        return derive(() -> getMatch(pattern));
    }

    @Override
    public CompletableFuture<Long> incrAsync(String key, long by, @Nullable Duration ttl) {
        return derive(() -> incr(key, by, ttl));
    }

    @Override
    public CompletableFuture<long[]> getBitsAsync(String key, int size, long... indexes) {
        return derive(() -> getBits(key, size, indexes));
    }

    @Override
    public CompletableFuture<long[]> incrBitsAsync(String key, int size, long by, long... indexes) {
        return derive(() -> incrBits(key, size, by, indexes));
    }

    @Override
    public CompletableFuture<Long> sliceIncrAsync(String key, long startMillis, long endMillis, long maxValue,
            Duration ttl) {
        return derive(() -> sliceIncr(key, startMillis, endMillis, maxValue, ttl));
    }

    @Override
    public CompletableFuture<Boolean> existsAsync(String key) {
        return derive(() -> exists(key));
    }

    @Override
    public CompletableFuture<Boolean> deleteAsync(String key) {
        return derive(() -> delete(key));
    }

    @Override
    public CompletableFuture<Long> deleteManyAsync(List<String> keys) {
        return derive(() -> deleteMany(keys));
    }

    @Override
    public CompletableFuture<Long> deleteMatchAsync(Glob pattern) {
        return derive(() -> deleteMatch(pattern));
    }

    @Override
    public CompletableFuture<List<String>> scanAsync(Glob pattern) {
        return derive(() -> scan(pattern));
    }

    @Override
    public CompletableFuture<List<String>> scanAsync(Glob pattern, int limit) {
        return derive(() -> scan(pattern, limit));
    }

    @Override
    public CompletableFuture<Boolean> expireAsync(String key, @Nullable Duration ttl) {
        return derive(() -> expire(key, ttl));
    }

    @Override
    public CompletableFuture<Long> getExpireAsync(String key) {
        return derive(() -> getExpire(key));
    }

    @Override
    public CompletableFuture<Long> getExpireMillisAsync(String key) {
        return derive(() -> getExpireMillis(key));
    }

    @Override
    public CompletableFuture<String> pingAsync() {
        return derive(this::ping);
    }

    @Override
    public CompletableFuture<@Nullable Void> clearAsync() {
        return derive(() -> {
            clear();
            return null;
        });
    }

    @Override
    public CompletableFuture<Boolean> unlockAsync(String key, String value) {
        return derive(() -> unlock(key, value));
    }

    @Override
    public CompletableFuture<Long> getKeysCountAsync() {
        return derive(this::getKeysCount);
    }

    @Override
    public CompletableFuture<Long> setAddAsync(String key, @Nullable Duration ttl, String... members) {
        return derive(() -> setAdd(key, ttl, members));
    }

    @Override
    public CompletableFuture<Long> setRemoveAsync(String key, String... members) {
        return derive(() -> setRemove(key, members));
    }

    @Override
    public CompletableFuture<List<String>> setPopAsync(String key, int count) {
        return derive(() -> setPop(key, count));
    }

    @Override
    public CompletableFuture<Set<String>> setMembersAsync(String key) {
        return derive(() -> setMembers(key));
    }

    @Override
    public CompletableFuture<@Nullable Object> getAndSetAsync(String key, Object value, @Nullable Duration ttl,
            boolean keepTtl) {
        return derive(() -> getAndSet(key, value, ttl, keepTtl));
    }

    @Override
    public CompletableFuture<Boolean> compareAndSetAsync(String key, @Nullable Object expected, Object value,
            @Nullable Duration ttl, boolean keepTtl) {
        return derive(() -> compareAndSet(key, expected, value, ttl, keepTtl));
    }

    @Override
    public CompletableFuture<Boolean> deleteIfEqualsAsync(String key, Object expected) {
        return derive(() -> deleteIfEquals(key, expected));
    }

    @Override
    public CompletableFuture<@Nullable Object> getAndDeleteAsync(String key) {
        return derive(() -> getAndDelete(key));
    }
}
