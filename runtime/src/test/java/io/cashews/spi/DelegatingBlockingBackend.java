package io.cashews.spi;

import io.cashews.Exist;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * A backend written the way a blocking one is: only the synchronous commands, over an inner
 * backend. Proves the asynchronous side derived by {@link AbstractBlockingBackend} keeps the
 * contract.
 */
final class DelegatingBlockingBackend extends AbstractBlockingBackend {

    private final Backend inner;

    DelegatingBlockingBackend(Backend inner, Executor executor) {
        super(executor);
        this.inner = inner;
    }

    @Override
    public boolean set(String key, Object value, @Nullable Duration ttl, Exist exist) {
        return inner.set(key, value, ttl, exist);
    }

    @Override
    public void setMany(Map<String, ?> pairs, @Nullable Duration ttl) {
        inner.setMany(pairs, ttl);
    }

    @Override
    public @Nullable Object get(String key) {
        return inner.get(key);
    }

    @Override
    public List<@Nullable Object> getMany(List<String> keys) {
        return inner.getMany(keys);
    }

    @Override
    public List<Map.Entry<String, Object>> getMatch(Glob pattern) {
        return inner.getMatch(pattern);
    }

    @Override
    public long incr(String key, long by, @Nullable Duration ttl) {
        return inner.incr(key, by, ttl);
    }

    @Override
    public long[] getBits(String key, int size, long... indexes) {
        return inner.getBits(key, size, indexes);
    }

    @Override
    public long[] incrBits(String key, int size, long by, long... indexes) {
        return inner.incrBits(key, size, by, indexes);
    }

    @Override
    public long sliceIncr(String key, long startMillis, long endMillis, long maxValue, Duration ttl) {
        return inner.sliceIncr(key, startMillis, endMillis, maxValue, ttl);
    }

    @Override
    public boolean exists(String key) {
        return inner.exists(key);
    }

    @Override
    public boolean delete(String key) {
        return inner.delete(key);
    }

    @Override
    public long deleteMany(List<String> keys) {
        return inner.deleteMany(keys);
    }

    @Override
    public long deleteMatch(Glob pattern) {
        return inner.deleteMatch(pattern);
    }

    @Override
    public List<String> scan(Glob pattern) {
        return inner.scan(pattern);
    }

    @Override
    public boolean expire(String key, @Nullable Duration ttl) {
        return inner.expire(key, ttl);
    }

    @Override
    public long getExpire(String key) {
        return inner.getExpire(key);
    }

    @Override
    public String ping() {
        return inner.ping();
    }

    @Override
    public void clear() {
        inner.clear();
    }

    @Override
    public boolean unlock(String key, String value) {
        return inner.unlock(key, value);
    }

    @Override
    public long getKeysCount() {
        return inner.getKeysCount();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public long setAdd(String key, @Nullable Duration ttl, String... members) {
        return inner.setAdd(key, ttl, members);
    }

    @Override
    public long setRemove(String key, String... members) {
        return inner.setRemove(key, members);
    }

    @Override
    public List<String> setPop(String key, int count) {
        return inner.setPop(key, count);
    }

    @Override
    public Set<String> setMembers(String key) {
        return inner.setMembers(key);
    }

    @Override
    public @Nullable Object getAndSet(String key, Object value, @Nullable Duration ttl, boolean keepTtl) {
        return inner.getAndSet(key, value, ttl, keepTtl);
    }

    @Override
    public boolean compareAndSet(String key, @Nullable Object expected, Object value, @Nullable Duration ttl,
            boolean keepTtl) {
        return inner.compareAndSet(key, expected, value, ttl, keepTtl);
    }

    @Override
    public boolean deleteIfEquals(String key, Object expected) {
        return inner.deleteIfEquals(key, expected);
    }

    @Override
    public @Nullable Object getAndDelete(String key) {
        return inner.getAndDelete(key);
    }
}
