package io.cashews.internal;

import io.cashews.spi.Backend;
import io.cashews.CacheBackendInteractionException;
import io.cashews.Exist;
import io.cashews.spi.AbstractBlockingBackend;
import io.cashews.spi.BackendContext;
import io.cashews.spi.BackendProvider;
import io.cashews.spi.Glob;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A backend whose reads always miss and whose writes and unlocks always fail, as a remote store
 * with {@code suppress=false} might while it is failing; only taking a lock succeeds. Its asynchronous commands run on the executor,
 * so it also exercises the paths where a backend answers later.
 */
final class BrokenWritesBackend extends AbstractBlockingBackend {

    final AtomicInteger failedWrites = new AtomicInteger();

    BrokenWritesBackend(BackendContext context) {
        super(context.executor());
    }

    /** Serves the {@code broken://} scheme with one shared backend, so tests can inspect it. */
    static final class Provider implements BackendProvider {
        @Nullable BrokenWritesBackend created;

        @Override
        public Set<String> schemes() {
            return Set.of("broken");
        }

        @Override
        public Set<String> optionNames() {
            return Set.of();
        }

        @Override
        public Backend create(BackendContext context) {
            BrokenWritesBackend backend = new BrokenWritesBackend(context);
            created = backend;
            return backend;
        }
    }

    @Override
    public boolean set(String key, Object value, @Nullable Duration ttl, Exist exist) {
        failedWrites.incrementAndGet();
        throw new CacheBackendInteractionException("write refused for " + key);
    }

    @Override
    public void setMany(Map<String, ?> pairs, @Nullable Duration ttl) {
        throw new CacheBackendInteractionException("write refused");
    }

    @Override
    public @Nullable Object get(String key) {
        return null;
    }

    @Override
    public List<@Nullable Object> getMany(List<String> keys) {
        throw broken();
    }

    @Override
    public List<Map.Entry<String, Object>> getMatch(Glob pattern) {
        throw broken();
    }

    @Override
    public long incr(String key, long by, @Nullable Duration ttl) {
        throw broken();
    }

    @Override
    public long[] getBits(String key, int size, long... indexes) {
        throw broken();
    }

    @Override
    public long[] incrBits(String key, int size, long by, long... indexes) {
        throw broken();
    }

    @Override
    public long sliceIncr(String key, long startMillis, long endMillis, long maxValue, Duration ttl) {
        throw broken();
    }

    @Override
    public boolean exists(String key) {
        return false;
    }

    @Override
    public boolean delete(String key) {
        return false;
    }

    @Override
    public long deleteMany(List<String> keys) {
        return 0;
    }

    @Override
    public long deleteMatch(Glob pattern) {
        return 0;
    }

    @Override
    public List<String> scan(Glob pattern) {
        return List.of();
    }

    @Override
    public boolean expire(String key, @Nullable Duration ttl) {
        return false;
    }

    @Override
    public long getExpire(String key) {
        return -2;
    }

    @Override
    public String ping() {
        return "PONG";
    }

    @Override
    public void clear() {
    }

    @Override
    public boolean setLock(String key, String value, Duration expire) {
        return true;
    }

    @Override
    public boolean unlock(String key, String value) {
        failedWrites.incrementAndGet();
        throw new CacheBackendInteractionException("unlock refused for " + key);
    }

    @Override
    public long getKeysCount() {
        return 0;
    }

    @Override
    public void close() {
    }

    @Override
    public long setAdd(String key, @Nullable Duration ttl, String... members) {
        throw broken();
    }

    @Override
    public long setRemove(String key, String... members) {
        throw broken();
    }

    @Override
    public List<String> setPop(String key, int count) {
        throw broken();
    }

    @Override
    public Set<String> setMembers(String key) {
        throw broken();
    }

    // Commands the tests do not use fail like the writes do.
    private static CacheBackendInteractionException broken() {
        return new CacheBackendInteractionException("the broken backend refuses this command");
    }

    @Override
    public @Nullable Object getAndSet(String key, Object value, @Nullable Duration ttl, boolean keepTtl) {
        failedWrites.incrementAndGet();
        throw new CacheBackendInteractionException("write refused for " + key);
    }

    @Override
    public boolean compareAndSet(String key, @Nullable Object expected, Object value, @Nullable Duration ttl,
            boolean keepTtl) {
        failedWrites.incrementAndGet();
        throw new CacheBackendInteractionException("write refused for " + key);
    }

    @Override
    public boolean deleteIfEquals(String key, Object expected) {
        return false;
    }

    @Override
    public @Nullable Object getAndDelete(String key) {
        return null;
    }
}
