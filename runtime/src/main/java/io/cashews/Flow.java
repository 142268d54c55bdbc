package io.cashews;

import io.cashews.codec.ValueType;
import io.cashews.spi.Backend;
import io.cashews.spi.Glob;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How the commands of {@link CommandCore} that are made of several calls reach the backends and
 * the facade's own commands: {@link Sync} calls the blocking methods and answers
 * {@link Step}s that are here now, {@link Async} calls the asynchronous ones and answers futures.
 * This is the only place where the two facades differ for such commands.
 */
abstract class Flow {

    private Flow() {
    }

    // ---------------------------------------------------------------- backend calls

    abstract Step<@Nullable Void> setMany(Backend backend, Map<String, Object> pairs, @Nullable Duration ttl);

    abstract Step<List<@Nullable Object>> getMany(Backend backend, List<String> keys);

    abstract Step<List<Map.Entry<String, Object>>> getMatch(Backend backend, Glob pattern);

    abstract Step<Boolean> delete(Backend backend, String key);

    abstract Step<Long> deleteMany(Backend backend, List<String> keys);

    abstract Step<Long> deleteMatch(Backend backend, Glob pattern);

    abstract Step<List<String>> scan(Backend backend, Glob pattern);

    abstract Step<String> ping(Backend backend);

    abstract Step<@Nullable Void> clear(Backend backend);

    abstract Step<Long> getKeysCount(Backend backend);

    // ---------------------------------------------------------------- the facade's commands

    abstract Step<@Nullable Object> read(String key, ValueType<?> type, @Nullable Object defaultValue);

    abstract Step<Boolean> set(String key, @Nullable Object value, @Nullable Duration ttl);

    abstract Step<Boolean> expire(String key, @Nullable Duration ttl);

    abstract Step<Long> setAdd(String key, @Nullable Duration ttl, String... members);

    abstract Step<Long> setRemove(String key, String... members);

    abstract Step<List<String>> setPop(String key, int count);

    /** The synchronous facade's calls: every step is here now. */
    static final class Sync extends Flow {
        private final Cashews cache;

        Sync(Cashews cache) {
            this.cache = cache;
        }

        @Override
        Step<@Nullable Void> setMany(Backend backend, Map<String, Object> pairs, @Nullable Duration ttl) {
            backend.setMany(pairs, ttl);
            return Step.nothing();
        }

        @Override
        Step<List<@Nullable Object>> getMany(Backend backend, List<String> keys) {
            return Step.now(backend.getMany(keys));
        }

        @Override
        Step<List<Map.Entry<String, Object>>> getMatch(Backend backend, Glob pattern) {
            return Step.now(backend.getMatch(pattern));
        }

        @Override
        Step<Boolean> delete(Backend backend, String key) {
            return Step.now(backend.delete(key));
        }

        @Override
        Step<Long> deleteMany(Backend backend, List<String> keys) {
            return Step.now(backend.deleteMany(keys));
        }

        @Override
        Step<Long> deleteMatch(Backend backend, Glob pattern) {
            return Step.now(backend.deleteMatch(pattern));
        }

        @Override
        Step<List<String>> scan(Backend backend, Glob pattern) {
            return Step.now(backend.scan(pattern));
        }

        @Override
        Step<String> ping(Backend backend) {
            return Step.now(backend.ping());
        }

        @Override
        Step<@Nullable Void> clear(Backend backend) {
            backend.clear();
            return Step.nothing();
        }

        @Override
        Step<Long> getKeysCount(Backend backend) {
            return Step.now(backend.getKeysCount());
        }

        @Override
        Step<@Nullable Object> read(String key, ValueType<?> type, @Nullable Object defaultValue) {
            return Step.now(cache.read(key, type, defaultValue));
        }

        @Override
        Step<Boolean> set(String key, @Nullable Object value, @Nullable Duration ttl) {
            return Step.now(cache.write(key, value, ttl, Exist.ANY));
        }

        @Override
        Step<Boolean> expire(String key, @Nullable Duration ttl) {
            return Step.now(cache.expire(key, ttl));
        }

        @Override
        Step<Long> setAdd(String key, @Nullable Duration ttl, String... members) {
            return Step.now(cache.setAdd(key, ttl, members));
        }

        @Override
        Step<Long> setRemove(String key, String... members) {
            return Step.now(cache.setRemove(key, members));
        }

        @Override
        Step<List<String>> setPop(String key, int count) {
            return Step.now(cache.setPop(key, count));
        }
    }

    /** The asynchronous facade's calls: every step is a future, none is waited for. */
    static final class Async extends Flow {
        private final AsyncCashews cache;

        Async(AsyncCashews cache) {
            this.cache = cache;
        }

        @Override
        Step<@Nullable Void> setMany(Backend backend, Map<String, Object> pairs, @Nullable Duration ttl) {
            return Step.later(backend.setManyAsync(pairs, ttl));
        }

        @Override
        Step<List<@Nullable Object>> getMany(Backend backend, List<String> keys) {
            return Step.later(backend.getManyAsync(keys));
        }

        @Override
        Step<List<Map.Entry<String, Object>>> getMatch(Backend backend, Glob pattern) {
            return Step.later(backend.getMatchAsync(pattern));
        }

        @Override
        Step<Boolean> delete(Backend backend, String key) {
            return Step.later(backend.deleteAsync(key));
        }

        @Override
        Step<Long> deleteMany(Backend backend, List<String> keys) {
            return Step.later(backend.deleteManyAsync(keys));
        }

        @Override
        Step<Long> deleteMatch(Backend backend, Glob pattern) {
            return Step.later(backend.deleteMatchAsync(pattern));
        }

        @Override
        Step<List<String>> scan(Backend backend, Glob pattern) {
            return Step.later(backend.scanAsync(pattern));
        }

        @Override
        Step<String> ping(Backend backend) {
            return Step.later(backend.pingAsync());
        }

        @Override
        Step<@Nullable Void> clear(Backend backend) {
            return Step.later(backend.clearAsync());
        }

        @Override
        Step<Long> getKeysCount(Backend backend) {
            return Step.later(backend.getKeysCountAsync());
        }

        @Override
        Step<@Nullable Object> read(String key, ValueType<?> type, @Nullable Object defaultValue) {
            return Step.later(cache.read(key, type, defaultValue));
        }

        @Override
        Step<Boolean> set(String key, @Nullable Object value, @Nullable Duration ttl) {
            return Step.later(cache.write(key, value, ttl, Exist.ANY));
        }

        @Override
        Step<Boolean> expire(String key, @Nullable Duration ttl) {
            return Step.later(cache.expire(key, ttl));
        }

        @Override
        Step<Long> setAdd(String key, @Nullable Duration ttl, String... members) {
            return Step.later(cache.setAdd(key, ttl, members));
        }

        @Override
        Step<Long> setRemove(String key, String... members) {
            return Step.later(cache.setRemove(key, members));
        }

        @Override
        Step<List<String>> setPop(String key, int count) {
            return Step.later(cache.setPop(key, count));
        }
    }
}
