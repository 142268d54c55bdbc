package io.cashews.spi;

import static io.cashews.spi.BackendCall.cast;

import io.cashews.Command;
import io.cashews.Exist;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Base of a decorator of backends (middleware, metrics, tracing): every {@link Backend} method,
 * synchronous and asynchronous, becomes one {@link BackendCall} handed to
 * {@link #intercept(BackendCall)}, so that a decorator writes one method instead of two per
 * command. By default the call runs on the {@linkplain #delegate() delegate}, unchanged.
 * <pre>{@code
 * final class Timed extends ForwardingBackend {
 *     private final CommandTimer timer;
 *
 *     Timed(Backend delegate, CommandTimer timer) {
 *         super(delegate);
 *         this.timer = timer;
 *     }
 *
 *     @Override
 *     protected @Nullable Object intercept(BackendCall call) {
 *         long start = System.nanoTime();
 *         Object result = call.run(delegate());
 *         if (call.async()) {   // the result is the command's future
 *             return ((CompletableFuture<?>) result).whenComplete((value, failure) -> timer.stop(call.command(), start));
 *         }
 *         timer.stop(call.command(), start);
 *         return result;
 *     }
 * }
 * }</pre>
 * A decorator that treats a few commands apart may still override their methods; the others keep
 * going through {@code intercept}. {@link #close()} is not a command: it closes the delegate.
 * Adding a command to {@link Backend} means adding its method here and its arm to
 * {@link BackendCall#run(Backend, Object[])}; decorators need no change.
 */
public abstract class ForwardingBackend implements Backend {

    // Shared by the commands without arguments: an empty array cannot be changed.
    private static final @Nullable Object[] NO_ARGS = new Object[0];

    private final Backend delegate;

    /**
     * For subclasses.
     *
     * @param delegate the backend the calls go to by default
     */
    protected ForwardingBackend(Backend delegate) {
        this.delegate = delegate;
    }

    /**
     * Returns the decorated backend.
     *
     * @return the backend calls are forwarded to
     */
    protected final Backend delegate() {
        return delegate;
    }

    /**
     * Handles one call: the one method a decorator overrides. The default runs the call on the
     * delegate with its arguments.
     *
     * @param call the command, its form and its arguments
     * @return the result: the boxed answer of a synchronous call ({@code null} for a {@code void}
     *     command), a {@link CompletableFuture} of it for an asynchronous one ({@link BackendCall#async()})
     */
    protected @Nullable Object intercept(BackendCall call) {
        return call.run(delegate);
    }

    private @Nullable Object sync(Command command, @Nullable Object... args) {
        return intercept(new BackendCall(command, false, args));
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> async(Command command, @Nullable Object... args) {
        return (CompletableFuture<T>) intercept(new BackendCall(command, true, args));
    }

    /** The delegate's answer: a decorator changes how values are stored only by overriding this. */
    @Override
    public boolean encodesValues() {
        return delegate.encodesValues();
    }

    @Override
    public long evictionCount() {
        return delegate.evictionCount();
    }

    // ---------------------------------------------------------------- synchronous commands

    @Override
    public boolean set(String key, Object value, @Nullable Duration ttl, Exist exist) {
        return cast(sync(Command.SET, key, value, ttl, exist));
    }

    @Override
    public boolean setRaw(String key, Object value) {
        return cast(sync(Command.SET_RAW, key, value));
    }

    @Override
    public void setMany(Map<String, ?> pairs, @Nullable Duration ttl) {
        sync(Command.SET_MANY, pairs, ttl);
    }

    @Override
    public @Nullable Object get(String key) {
        return sync(Command.GET, key);
    }

    @Override
    public @Nullable Object getRaw(String key) {
        return sync(Command.GET_RAW, key);
    }

    @Override
    public List<@Nullable Object> getMany(List<String> keys) {
        return cast(sync(Command.GET_MANY, keys));
    }

    @Override
    public List<Map.Entry<String, Object>> getMatch(Glob pattern) {
        return cast(sync(Command.GET_MATCH, pattern));
    }

    @Override
    public long incr(String key, long by, @Nullable Duration ttl) {
        return cast(sync(Command.INCR, key, by, ttl));
    }

    @Override
    public long sliceIncr(String key, long startMillis, long endMillis, long maxValue, Duration ttl) {
        return cast(sync(Command.SLICE_INCR, key, startMillis, endMillis, maxValue, ttl));
    }

    @Override
    public long[] getBits(String key, int size, long... indexes) {
        return cast(sync(Command.GET_BITS, key, size, indexes));
    }

    @Override
    public long[] incrBits(String key, int size, long by, long... indexes) {
        return cast(sync(Command.INCR_BITS, key, size, by, indexes));
    }

    @Override
    public boolean exists(String key) {
        return cast(sync(Command.EXISTS, key));
    }

    @Override
    public boolean delete(String key) {
        return cast(sync(Command.DELETE, key));
    }

    @Override
    public long deleteMany(List<String> keys) {
        return cast(sync(Command.DELETE_MANY, keys));
    }

    @Override
    public long deleteMatch(Glob pattern) {
        return cast(sync(Command.DELETE_MATCH, pattern));
    }

    @Override
    public List<String> scan(Glob pattern) {
        return cast(sync(Command.SCAN, pattern));
    }

    @Override
    public List<String> scan(Glob pattern, int limit) {
        return cast(sync(Command.SCAN, pattern, limit));
    }

    @Override
    public boolean expire(String key, @Nullable Duration ttl) {
        return cast(sync(Command.EXPIRE, key, ttl));
    }

    @Override
    public long getExpire(String key) {
        return cast(sync(Command.GET_EXPIRE, key));
    }

    @Override
    public long getExpireMillis(String key) {
        return cast(sync(Command.GET_EXPIRE_MILLIS, key));
    }

    @Override
    public String ping() {
        return cast(sync(Command.PING, NO_ARGS));
    }

    @Override
    public void clear() {
        sync(Command.CLEAR, NO_ARGS);
    }

    @Override
    public boolean isLocked(String key) {
        return cast(sync(Command.IS_LOCKED, key));
    }

    @Override
    public boolean setLock(String key, String value, Duration expire) {
        return cast(sync(Command.SET_LOCK, key, value, expire));
    }

    @Override
    public boolean unlock(String key, String value) {
        return cast(sync(Command.UNLOCK, key, value));
    }

    @Override
    public long getKeysCount() {
        return cast(sync(Command.GET_KEYS_COUNT, NO_ARGS));
    }

    @Override
    public long setAdd(String key, @Nullable Duration ttl, String... members) {
        return cast(sync(Command.SET_ADD, key, ttl, members));
    }

    @Override
    public long setRemove(String key, String... members) {
        return cast(sync(Command.SET_REMOVE, key, members));
    }

    @Override
    public List<String> setPop(String key, int count) {
        return cast(sync(Command.SET_POP, key, count));
    }

    @Override
    public Set<String> setMembers(String key) {
        return cast(sync(Command.SET_MEMBERS, key));
    }

    @Override
    public @Nullable Object getAndSet(String key, Object value, @Nullable Duration ttl, boolean keepTtl) {
        return sync(Command.GET_AND_SET, key, value, ttl, keepTtl);
    }

    @Override
    public boolean compareAndSet(String key, @Nullable Object expected, Object value, @Nullable Duration ttl,
            boolean keepTtl) {
        return cast(sync(Command.COMPARE_AND_SET, key, expected, value, ttl, keepTtl));
    }

    @Override
    public boolean deleteIfEquals(String key, Object expected) {
        return cast(sync(Command.DELETE_IF_EQUALS, key, expected));
    }

    @Override
    public @Nullable Object getAndDelete(String key) {
        return sync(Command.GET_AND_DELETE, key);
    }

    /** Closes the delegate; a decorator that does not own it overrides this. */
    @Override
    public void close() {
        delegate.close();
    }

    // ---------------------------------------------------------------- asynchronous commands

    @Override
    public CompletableFuture<Boolean> setAsync(String key, Object value, @Nullable Duration ttl, Exist exist) {
        return async(Command.SET, key, value, ttl, exist);
    }

    @Override
    public CompletableFuture<Boolean> setRawAsync(String key, Object value) {
        return async(Command.SET_RAW, key, value);
    }

    @Override
    public CompletableFuture<@Nullable Void> setManyAsync(Map<String, ?> pairs, @Nullable Duration ttl) {
        return async(Command.SET_MANY, pairs, ttl);
    }

    @Override
    public CompletableFuture<@Nullable Object> getAsync(String key) {
        return async(Command.GET, key);
    }

    @Override
    public CompletableFuture<@Nullable Object> getRawAsync(String key) {
        return async(Command.GET_RAW, key);
    }

    @Override
    public CompletableFuture<List<@Nullable Object>> getManyAsync(List<String> keys) {
        return async(Command.GET_MANY, keys);
    }

    @Override
    public CompletableFuture<List<Map.Entry<String, Object>>> getMatchAsync(Glob pattern) {
        return async(Command.GET_MATCH, pattern);
    }

    @Override
    public CompletableFuture<Long> incrAsync(String key, long by, @Nullable Duration ttl) {
        return async(Command.INCR, key, by, ttl);
    }

    @Override
    public CompletableFuture<Long> sliceIncrAsync(String key, long startMillis, long endMillis, long maxValue,
            Duration ttl) {
        return async(Command.SLICE_INCR, key, startMillis, endMillis, maxValue, ttl);
    }

    @Override
    public CompletableFuture<long[]> getBitsAsync(String key, int size, long... indexes) {
        return async(Command.GET_BITS, key, size, indexes);
    }

    @Override
    public CompletableFuture<long[]> incrBitsAsync(String key, int size, long by, long... indexes) {
        return async(Command.INCR_BITS, key, size, by, indexes);
    }

    @Override
    public CompletableFuture<Boolean> existsAsync(String key) {
        return async(Command.EXISTS, key);
    }

    @Override
    public CompletableFuture<Boolean> deleteAsync(String key) {
        return async(Command.DELETE, key);
    }

    @Override
    public CompletableFuture<Long> deleteManyAsync(List<String> keys) {
        return async(Command.DELETE_MANY, keys);
    }

    @Override
    public CompletableFuture<Long> deleteMatchAsync(Glob pattern) {
        return async(Command.DELETE_MATCH, pattern);
    }

    @Override
    public CompletableFuture<List<String>> scanAsync(Glob pattern) {
        return async(Command.SCAN, pattern);
    }

    @Override
    public CompletableFuture<List<String>> scanAsync(Glob pattern, int limit) {
        return async(Command.SCAN, pattern, limit);
    }

    @Override
    public CompletableFuture<Boolean> expireAsync(String key, @Nullable Duration ttl) {
        return async(Command.EXPIRE, key, ttl);
    }

    @Override
    public CompletableFuture<Long> getExpireAsync(String key) {
        return async(Command.GET_EXPIRE, key);
    }

    @Override
    public CompletableFuture<Long> getExpireMillisAsync(String key) {
        return async(Command.GET_EXPIRE_MILLIS, key);
    }

    @Override
    public CompletableFuture<String> pingAsync() {
        return async(Command.PING, NO_ARGS);
    }

    @Override
    public CompletableFuture<@Nullable Void> clearAsync() {
        return async(Command.CLEAR, NO_ARGS);
    }

    @Override
    public CompletableFuture<Boolean> isLockedAsync(String key) {
        return async(Command.IS_LOCKED, key);
    }

    @Override
    public CompletableFuture<Boolean> setLockAsync(String key, String value, Duration expire) {
        return async(Command.SET_LOCK, key, value, expire);
    }

    @Override
    public CompletableFuture<Boolean> unlockAsync(String key, String value) {
        return async(Command.UNLOCK, key, value);
    }

    @Override
    public CompletableFuture<Long> getKeysCountAsync() {
        return async(Command.GET_KEYS_COUNT, NO_ARGS);
    }

    @Override
    public CompletableFuture<Long> setAddAsync(String key, @Nullable Duration ttl, String... members) {
        return async(Command.SET_ADD, key, ttl, members);
    }

    @Override
    public CompletableFuture<Long> setRemoveAsync(String key, String... members) {
        return async(Command.SET_REMOVE, key, members);
    }

    @Override
    public CompletableFuture<List<String>> setPopAsync(String key, int count) {
        return async(Command.SET_POP, key, count);
    }

    @Override
    public CompletableFuture<Set<String>> setMembersAsync(String key) {
        return async(Command.SET_MEMBERS, key);
    }

    @Override
    public CompletableFuture<@Nullable Object> getAndSetAsync(String key, Object value, @Nullable Duration ttl,
            boolean keepTtl) {
        return async(Command.GET_AND_SET, key, value, ttl, keepTtl);
    }

    @Override
    public CompletableFuture<Boolean> compareAndSetAsync(String key, @Nullable Object expected, Object value,
            @Nullable Duration ttl, boolean keepTtl) {
        return async(Command.COMPARE_AND_SET, key, expected, value, ttl, keepTtl);
    }

    @Override
    public CompletableFuture<Boolean> deleteIfEqualsAsync(String key, Object expected) {
        return async(Command.DELETE_IF_EQUALS, key, expected);
    }

    @Override
    public CompletableFuture<@Nullable Object> getAndDeleteAsync(String key) {
        return async(Command.GET_AND_DELETE, key);
    }
}
