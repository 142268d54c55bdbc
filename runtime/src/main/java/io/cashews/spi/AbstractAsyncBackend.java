package io.cashews.spi;

import io.cashews.CacheBackendInteractionException;
import io.cashews.Exist;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * Base of an asynchronous (remote) backend: implement the {@code …Async} commands and
 * {@link #close()}; each synchronous command waits for its asynchronous twin and rethrows the
 * failure that completed it, unwrapped (a checked cause becomes a
 * {@link CacheBackendInteractionException}).
 */
public abstract class AbstractAsyncBackend implements Backend {

    /** For subclasses. */
    protected AbstractAsyncBackend() {
    }

    /**
     * Waits for a future and returns its value, rethrowing its failure unwrapped.
     *
     * @param future the future
     * @param <T> the value type
     * @return the value
     * @throws RuntimeException the unchecked exception that failed the future
     * @throws CacheBackendInteractionException if it failed with a checked exception or was
     *     cancelled
     */
    protected static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new CacheBackendInteractionException("backend command failed: " + cause, cause);
        } catch (CancellationException e) {
            throw new CacheBackendInteractionException("backend command was cancelled", e);
        }
    }

    @Override
    public boolean set(String key, Object value, @Nullable Duration ttl, Exist exist) {
        return await(setAsync(key, value, ttl, exist));
    }

    @Override
    public boolean setRaw(String key, Object value) {
        return await(setRawAsync(key, value));
    }

    @Override
    public void setMany(Map<String, ?> pairs, @Nullable Duration ttl) {
        await(setManyAsync(pairs, ttl));
    }

    @Override
    public @Nullable Object get(String key) {
        return await(getAsync(key));
    }

    @Override
    public @Nullable Object getRaw(String key) {
        return await(getRawAsync(key));
    }

    @Override
    public List<@Nullable Object> getMany(List<String> keys) {
        return await(getManyAsync(keys));
    }

    @Override
    public List<Map.Entry<String, Object>> getMatch(Glob pattern) {
        return await(getMatchAsync(pattern));
    }

    @Override
    public long incr(String key, long by, @Nullable Duration ttl) {
        return await(incrAsync(key, by, ttl));
    }

    @Override
    public long sliceIncr(String key, long startMillis, long endMillis, long maxValue, Duration ttl) {
        return await(sliceIncrAsync(key, startMillis, endMillis, maxValue, ttl));
    }

    @Override
    public long[] getBits(String key, int size, long... indexes) {
        return await(getBitsAsync(key, size, indexes));
    }

    @Override
    public long[] incrBits(String key, int size, long by, long... indexes) {
        return await(incrBitsAsync(key, size, by, indexes));
    }

    @Override
    public boolean exists(String key) {
        return await(existsAsync(key));
    }

    @Override
    public boolean delete(String key) {
        return await(deleteAsync(key));
    }

    @Override
    public long deleteMany(List<String> keys) {
        return await(deleteManyAsync(keys));
    }

    @Override
    public long deleteMatch(Glob pattern) {
        return await(deleteMatchAsync(pattern));
    }

    @Override
    public List<String> scan(Glob pattern) {
        return await(scanAsync(pattern));
    }

    @Override
    public List<String> scan(Glob pattern, int limit) {
        return await(scanAsync(pattern, limit));
    }

    @Override
    public boolean expire(String key, @Nullable Duration ttl) {
        return await(expireAsync(key, ttl));
    }

    @Override
    public long getExpire(String key) {
        return await(getExpireAsync(key));
    }

    @Override
    public long getExpireMillis(String key) {
        return await(getExpireMillisAsync(key));
    }

    @Override
    public String ping() {
        return await(pingAsync());
    }

    @Override
    public void clear() {
        await(clearAsync());
    }

    @Override
    public boolean isLocked(String key) {
        return await(isLockedAsync(key));
    }

    @Override
    public boolean setLock(String key, String value, Duration expire) {
        return await(setLockAsync(key, value, expire));
    }

    @Override
    public boolean unlock(String key, String value) {
        return await(unlockAsync(key, value));
    }

    @Override
    public long getKeysCount() {
        return await(getKeysCountAsync());
    }

    @Override
    public long setAdd(String key, @Nullable Duration ttl, String... members) {
        return await(setAddAsync(key, ttl, members));
    }

    @Override
    public long setRemove(String key, String... members) {
        return await(setRemoveAsync(key, members));
    }

    @Override
    public List<String> setPop(String key, int count) {
        return await(setPopAsync(key, count));
    }

    @Override
    public Set<String> setMembers(String key) {
        return await(setMembersAsync(key));
    }

    @Override
    public @Nullable Object getAndSet(String key, Object value, @Nullable Duration ttl, boolean keepTtl) {
        return await(getAndSetAsync(key, value, ttl, keepTtl));
    }

    @Override
    public boolean compareAndSet(String key, @Nullable Object expected, Object value, @Nullable Duration ttl,
            boolean keepTtl) {
        return await(compareAndSetAsync(key, expected, value, ttl, keepTtl));
    }

    @Override
    public boolean deleteIfEquals(String key, Object expected) {
        return await(deleteIfEqualsAsync(key, expected));
    }

    @Override
    public @Nullable Object getAndDelete(String key) {
        return await(getAndDeleteAsync(key));
    }
}
