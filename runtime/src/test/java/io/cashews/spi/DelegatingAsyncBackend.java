package io.cashews.spi;

import io.cashews.Exist;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * A backend written the way a remote one is: only the asynchronous commands, each completing on
 * another thread, over an inner backend. Proves the synchronous side derived by
 * {@link AbstractAsyncBackend} keeps the contract, failures included.
 */
final class DelegatingAsyncBackend extends AbstractAsyncBackend {

    private final Backend inner;
    private final Executor executor;

    DelegatingAsyncBackend(Backend inner, Executor executor) {
        this.inner = inner;
        this.executor = executor;
    }

    // Completes on the executor, as a network reply would.
    private <T> CompletableFuture<T> later(CompletableFuture<T> reply) {
        return reply.thenApplyAsync(value -> value, executor);
    }

    @Override
    public CompletableFuture<Boolean> setAsync(String key, Object value, @Nullable Duration ttl, Exist exist) {
        return later(inner.setAsync(key, value, ttl, exist));
    }

    @Override
    public CompletableFuture<@Nullable Void> setManyAsync(Map<String, ?> pairs, @Nullable Duration ttl) {
        return later(inner.setManyAsync(pairs, ttl));
    }

    @Override
    public CompletableFuture<@Nullable Object> getAsync(String key) {
        return later(inner.getAsync(key));
    }

    @Override
    public CompletableFuture<List<@Nullable Object>> getManyAsync(List<String> keys) {
        return later(inner.getManyAsync(keys));
    }

    @Override
    public CompletableFuture<List<Map.Entry<String, Object>>> getMatchAsync(Glob pattern) {
        return later(inner.getMatchAsync(pattern));
    }

    @Override
    public CompletableFuture<Long> incrAsync(String key, long by, @Nullable Duration ttl) {
        return later(inner.incrAsync(key, by, ttl));
    }

    @Override
    public CompletableFuture<long[]> getBitsAsync(String key, int size, long... indexes) {
        return later(inner.getBitsAsync(key, size, indexes));
    }

    @Override
    public CompletableFuture<long[]> incrBitsAsync(String key, int size, long by, long... indexes) {
        return later(inner.incrBitsAsync(key, size, by, indexes));
    }

    @Override
    public CompletableFuture<Long> sliceIncrAsync(String key, long startMillis, long endMillis, long maxValue,
            Duration ttl) {
        return later(inner.sliceIncrAsync(key, startMillis, endMillis, maxValue, ttl));
    }

    @Override
    public CompletableFuture<Boolean> existsAsync(String key) {
        return later(inner.existsAsync(key));
    }

    @Override
    public CompletableFuture<Boolean> deleteAsync(String key) {
        return later(inner.deleteAsync(key));
    }

    @Override
    public CompletableFuture<Long> deleteManyAsync(List<String> keys) {
        return later(inner.deleteManyAsync(keys));
    }

    @Override
    public CompletableFuture<Long> deleteMatchAsync(Glob pattern) {
        return later(inner.deleteMatchAsync(pattern));
    }

    @Override
    public CompletableFuture<List<String>> scanAsync(Glob pattern) {
        return later(inner.scanAsync(pattern));
    }

    @Override
    public CompletableFuture<Boolean> expireAsync(String key, @Nullable Duration ttl) {
        return later(inner.expireAsync(key, ttl));
    }

    @Override
    public CompletableFuture<Long> getExpireAsync(String key) {
        return later(inner.getExpireAsync(key));
    }

    @Override
    public CompletableFuture<String> pingAsync() {
        return later(inner.pingAsync());
    }

    @Override
    public CompletableFuture<@Nullable Void> clearAsync() {
        return later(inner.clearAsync());
    }

    @Override
    public CompletableFuture<Boolean> unlockAsync(String key, String value) {
        return later(inner.unlockAsync(key, value));
    }

    @Override
    public CompletableFuture<Long> getKeysCountAsync() {
        return later(inner.getKeysCountAsync());
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public CompletableFuture<Long> setAddAsync(String key, @Nullable Duration ttl, String... members) {
        return later(inner.setAddAsync(key, ttl, members));
    }

    @Override
    public CompletableFuture<Long> setRemoveAsync(String key, String... members) {
        return later(inner.setRemoveAsync(key, members));
    }

    @Override
    public CompletableFuture<List<String>> setPopAsync(String key, int count) {
        return later(inner.setPopAsync(key, count));
    }

    @Override
    public CompletableFuture<Set<String>> setMembersAsync(String key) {
        return later(inner.setMembersAsync(key));
    }

    @Override
    public CompletableFuture<@Nullable Object> getAndSetAsync(String key, Object value, @Nullable Duration ttl,
            boolean keepTtl) {
        return later(inner.getAndSetAsync(key, value, ttl, keepTtl));
    }

    @Override
    public CompletableFuture<Boolean> compareAndSetAsync(String key, @Nullable Object expected, Object value,
            @Nullable Duration ttl, boolean keepTtl) {
        return later(inner.compareAndSetAsync(key, expected, value, ttl, keepTtl));
    }

    @Override
    public CompletableFuture<Boolean> deleteIfEqualsAsync(String key, Object expected) {
        return later(inner.deleteIfEqualsAsync(key, expected));
    }

    @Override
    public CompletableFuture<@Nullable Object> getAndDeleteAsync(String key) {
        return later(inner.getAndDeleteAsync(key));
    }
}
