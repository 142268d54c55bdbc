package io.cashews;

import io.cashews.base.ThreadScopes;
import io.cashews.spi.Backend;
import io.cashews.spi.Glob;
import io.cashews.spi.NullValue;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A backend seen through its middleware chain: every command goes through the user's middlewares
 * and the built-in disabling and callback steps before reaching the real backend. Installed only
 * when an instance has middlewares or has used callbacks, so that the plain hit path stays a
 * direct call.
 */
final class ChainedBackend implements Backend {

    private static final System.Logger LOG = System.getLogger(ChainedBackend.class.getName());
    // Callback scopes; a command looks for them only while one is open or captured somewhere.
    static final ThreadScopes.Kind<Registration> CALLBACKS = new ThreadScopes.Kind<>("callback");

    private final Cashews owner;
    private final Backend raw;
    private final Middleware[] chain;
    // Set up with enable=false / disable=true: the disabling step answers every command as disabled.
    private final boolean switchedOff;

    ChainedBackend(Cashews owner, Backend raw, List<Middleware> user, boolean switchedOff) {
        this.owner = owner;
        this.raw = raw;
        this.switchedOff = switchedOff;
        List<Middleware> all = new ArrayList<>(user);
        all.add(this::disabling);
        all.add(this::callbacks);
        this.chain = all.toArray(new Middleware[0]);
    }

    Backend raw() {
        return raw;
    }

    // ---------------------------------------------------------------- the chain

    private @Nullable Object invoke(Command command, boolean async, @Nullable Object[] args,
            Function<@Nullable Object[], @Nullable Object> terminal) {
        return new Step(command, async, terminal, 0).call(args);
    }

    private final class Step implements Middleware.Next {
        private final Command command;
        private final boolean async;
        private final Function<@Nullable Object[], @Nullable Object> terminal;
        private final int index;

        Step(Command command, boolean async, Function<@Nullable Object[], @Nullable Object> terminal, int index) {
            this.command = command;
            this.async = async;
            this.terminal = terminal;
            this.index = index;
        }

        @Override
        public @Nullable Object call(@Nullable Object[] args) {
            if (index == chain.length) {
                return terminal.apply(args);
            }
            return chain[index].handle(command, raw, args, new Step(command, async, terminal, index + 1));
        }

        @Override
        public boolean async() {
            return async;
        }
    }

    private @Nullable Object disabling(Command command, Backend backend, @Nullable Object[] args, Middleware.Next next) {
        if (switchedOff || owner.isDisabled(command)) {
            Object answer = disabledAnswer(command, args);
            return next.async() ? CompletableFuture.completedFuture(answer) : answer;
        }
        return next.call(args);
    }

    // What a disabled command answers at the backend level; the facade turns it into its own answer.
    private static @Nullable Object disabledAnswer(Command command, @Nullable Object[] args) {
        return switch (command) {
            case SET, SET_RAW, EXISTS, DELETE, EXPIRE, IS_LOCKED, SET_LOCK, UNLOCK -> false;
            case INCR, SLICE_INCR, DELETE_MANY, DELETE_MATCH, GET_KEYS_COUNT, SET_ADD, SET_REMOVE -> 0L;
            case GET_EXPIRE -> -2L;
            case GET_BITS, INCR_BITS -> Cashews.NO_BITS;
            case GET_MANY -> Collections.nCopies(((List<?>) args[0]).size(), null);
            case GET_MATCH, SCAN, SET_POP -> List.of();
            case SET_MEMBERS -> Set.of();
            default -> null;   // GET, GET_RAW (a miss), SET_MANY, CLEAR, PING
        };
    }

    private @Nullable Object callbacks(Command command, Backend backend, @Nullable Object[] args, Middleware.Next next) {
        if (!CALLBACKS.isLive()) {
            return next.call(args);
        }
        String key = args.length == 0 ? null
                : args[0] instanceof String text ? text
                : args[0] instanceof Glob glob ? glob.pattern() : null;
        if (key == null) {
            return next.call(args);
        }
        // Looked up when the command is made: an asynchronous answer may arrive on another thread.
        List<CacheCallback> wanted = new ArrayList<>(1);
        ThreadScopes.forEach(CALLBACKS, registration -> {
            if (registration.owner == owner && (registration.commands & command.bit()) != 0) {
                wanted.add(registration.callback);
            }
        });
        if (wanted.isEmpty()) {
            return next.call(args);
        }
        Object result = next.call(args);
        if (next.async() && result instanceof CompletableFuture<?> future) {
            future.thenAccept(value -> fire(wanted, command, key, value));
        } else {
            fire(wanted, command, key, result);
        }
        return result;
    }

    private static void fire(List<CacheCallback> callbacks, Command command, String key, @Nullable Object result) {
        if (result == null) {
            return;
        }
        Object shown = result == NullValue.INSTANCE ? null : result;
        for (CacheCallback callback : callbacks) {
            try {
                callback.done(command, key, shown);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> "a cache callback failed for " + command + " " + key, e);
            }
        }
    }

    /** One open callback scope: the instance, the callback and the commands it wants (a bit each). */
    record Registration(Cashews owner, CacheCallback callback, long commands) {
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(@Nullable Object value) {
        return (T) value;
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> async(Command command, @Nullable Object[] args,
            Function<@Nullable Object[], CompletableFuture<T>> terminal) {
        return (CompletableFuture<T>) invoke(command, true, args, terminal::apply);
    }

    private static String key(@Nullable Object[] a) {
        return (String) a[0];
    }

    // ---------------------------------------------------------------- synchronous commands

    @Override
    public boolean set(String key, Object value, @Nullable Duration ttl, Exist exist) {
        return cast(invoke(Command.SET, false, new Object[] {key, value, ttl, exist},
                a -> raw.set(key(a), a[1], (Duration) a[2], (Exist) a[3])));
    }

    @Override
    public boolean setRaw(String key, Object value) {
        return cast(invoke(Command.SET_RAW, false, new Object[] {key, value}, a -> raw.setRaw(key(a), a[1])));
    }

    @Override
    public void setMany(Map<String, ?> pairs, @Nullable Duration ttl) {
        invoke(Command.SET_MANY, false, new Object[] {pairs, ttl}, a -> {
            raw.setMany(cast(a[0]), (Duration) a[1]);
            return null;
        });
    }

    @Override
    public @Nullable Object get(String key) {
        return invoke(Command.GET, false, new Object[] {key}, a -> raw.get(key(a)));
    }

    @Override
    public @Nullable Object getRaw(String key) {
        return invoke(Command.GET_RAW, false, new Object[] {key}, a -> raw.getRaw(key(a)));
    }

    @Override
    public List<@Nullable Object> getMany(List<String> keys) {
        return cast(invoke(Command.GET_MANY, false, new Object[] {keys}, a -> raw.getMany(cast(a[0]))));
    }

    @Override
    public List<Map.Entry<String, Object>> getMatch(Glob pattern) {
        return cast(invoke(Command.GET_MATCH, false, new Object[] {pattern}, a -> raw.getMatch((Glob) a[0])));
    }

    @Override
    public long incr(String key, long by, @Nullable Duration ttl) {
        return cast(invoke(Command.INCR, false, new Object[] {key, by, ttl},
                a -> raw.incr(key(a), (Long) a[1], (Duration) a[2])));
    }

    @Override
    public long sliceIncr(String key, long startMillis, long endMillis, long maxValue, Duration ttl) {
        return cast(invoke(Command.SLICE_INCR, false, new Object[] {key, startMillis, endMillis, maxValue, ttl},
                a -> raw.sliceIncr(key(a), (Long) a[1], (Long) a[2], (Long) a[3], (Duration) a[4])));
    }

    @Override
    public long[] getBits(String key, int size, long... indexes) {
        return cast(invoke(Command.GET_BITS, false, new Object[] {key, size, indexes},
                a -> raw.getBits(key(a), (Integer) a[1], (long[]) a[2])));
    }

    @Override
    public long[] incrBits(String key, int size, long by, long... indexes) {
        return cast(invoke(Command.INCR_BITS, false, new Object[] {key, size, by, indexes},
                a -> raw.incrBits(key(a), (Integer) a[1], (Long) a[2], (long[]) a[3])));
    }

    @Override
    public boolean exists(String key) {
        return cast(invoke(Command.EXISTS, false, new Object[] {key}, a -> raw.exists(key(a))));
    }

    @Override
    public boolean delete(String key) {
        return cast(invoke(Command.DELETE, false, new Object[] {key}, a -> raw.delete(key(a))));
    }

    @Override
    public long deleteMany(List<String> keys) {
        return cast(invoke(Command.DELETE_MANY, false, new Object[] {keys}, a -> raw.deleteMany(cast(a[0]))));
    }

    @Override
    public long deleteMatch(Glob pattern) {
        return cast(invoke(Command.DELETE_MATCH, false, new Object[] {pattern}, a -> raw.deleteMatch((Glob) a[0])));
    }

    @Override
    public List<String> scan(Glob pattern) {
        return cast(invoke(Command.SCAN, false, new Object[] {pattern}, a -> raw.scan((Glob) a[0])));
    }

    @Override
    public boolean expire(String key, @Nullable Duration ttl) {
        return cast(invoke(Command.EXPIRE, false, new Object[] {key, ttl}, a -> raw.expire(key(a), (Duration) a[1])));
    }

    @Override
    public long getExpire(String key) {
        return cast(invoke(Command.GET_EXPIRE, false, new Object[] {key}, a -> raw.getExpire(key(a))));
    }

    @Override
    public String ping() {
        return cast(invoke(Command.PING, false, new Object[0], a -> raw.ping()));
    }

    @Override
    public void clear() {
        invoke(Command.CLEAR, false, new Object[0], a -> {
            raw.clear();
            return null;
        });
    }

    @Override
    public boolean isLocked(String key) {
        return cast(invoke(Command.IS_LOCKED, false, new Object[] {key}, a -> raw.isLocked(key(a))));
    }

    @Override
    public boolean setLock(String key, String value, Duration expire) {
        return cast(invoke(Command.SET_LOCK, false, new Object[] {key, value, expire},
                a -> raw.setLock(key(a), (String) a[1], (Duration) a[2])));
    }

    @Override
    public boolean unlock(String key, String value) {
        return cast(invoke(Command.UNLOCK, false, new Object[] {key, value}, a -> raw.unlock(key(a), (String) a[1])));
    }

    @Override
    public long getKeysCount() {
        return cast(invoke(Command.GET_KEYS_COUNT, false, new Object[0], a -> raw.getKeysCount()));
    }

    @Override
    public long setAdd(String key, @Nullable Duration ttl, String... members) {
        return cast(invoke(Command.SET_ADD, false, new Object[] {key, ttl, members},
                a -> raw.setAdd(key(a), (Duration) a[1], (String[]) a[2])));
    }

    @Override
    public long setRemove(String key, String... members) {
        return cast(invoke(Command.SET_REMOVE, false, new Object[] {key, members},
                a -> raw.setRemove(key(a), (String[]) a[1])));
    }

    @Override
    public List<String> setPop(String key, int count) {
        return cast(invoke(Command.SET_POP, false, new Object[] {key, count}, a -> raw.setPop(key(a), (Integer) a[1])));
    }

    @Override
    public Set<String> setMembers(String key) {
        return cast(invoke(Command.SET_MEMBERS, false, new Object[] {key}, a -> raw.setMembers(key(a))));
    }

    @Override
    public void close() {
        raw.close();
    }

    // ---------------------------------------------------------------- asynchronous commands

    @Override
    public CompletableFuture<Boolean> setAsync(String key, Object value, @Nullable Duration ttl, Exist exist) {
        return async(Command.SET, new Object[] {key, value, ttl, exist},
                a -> raw.setAsync(key(a), a[1], (Duration) a[2], (Exist) a[3]));
    }

    @Override
    public CompletableFuture<Boolean> setRawAsync(String key, Object value) {
        return async(Command.SET_RAW, new Object[] {key, value}, a -> raw.setRawAsync(key(a), a[1]));
    }

    @Override
    public CompletableFuture<@Nullable Void> setManyAsync(Map<String, ?> pairs, @Nullable Duration ttl) {
        return async(Command.SET_MANY, new Object[] {pairs, ttl}, a -> raw.setManyAsync(cast(a[0]), (Duration) a[1]));
    }

    @Override
    public CompletableFuture<@Nullable Object> getAsync(String key) {
        return async(Command.GET, new Object[] {key}, a -> raw.getAsync(key(a)));
    }

    @Override
    public CompletableFuture<@Nullable Object> getRawAsync(String key) {
        return async(Command.GET_RAW, new Object[] {key}, a -> raw.getRawAsync(key(a)));
    }

    @Override
    public CompletableFuture<List<@Nullable Object>> getManyAsync(List<String> keys) {
        return async(Command.GET_MANY, new Object[] {keys}, a -> raw.getManyAsync(cast(a[0])));
    }

    @Override
    public CompletableFuture<List<Map.Entry<String, Object>>> getMatchAsync(Glob pattern) {
        return async(Command.GET_MATCH, new Object[] {pattern}, a -> raw.getMatchAsync((Glob) a[0]));
    }

    @Override
    public CompletableFuture<Long> incrAsync(String key, long by, @Nullable Duration ttl) {
        return async(Command.INCR, new Object[] {key, by, ttl}, a -> raw.incrAsync(key(a), (Long) a[1], (Duration) a[2]));
    }

    @Override
    public CompletableFuture<Long> sliceIncrAsync(String key, long startMillis, long endMillis, long maxValue, Duration ttl) {
        return async(Command.SLICE_INCR, new Object[] {key, startMillis, endMillis, maxValue, ttl},
                a -> raw.sliceIncrAsync(key(a), (Long) a[1], (Long) a[2], (Long) a[3], (Duration) a[4]));
    }

    @Override
    public CompletableFuture<long[]> getBitsAsync(String key, int size, long... indexes) {
        return async(Command.GET_BITS, new Object[] {key, size, indexes},
                a -> raw.getBitsAsync(key(a), (Integer) a[1], (long[]) a[2]));
    }

    @Override
    public CompletableFuture<long[]> incrBitsAsync(String key, int size, long by, long... indexes) {
        return async(Command.INCR_BITS, new Object[] {key, size, by, indexes},
                a -> raw.incrBitsAsync(key(a), (Integer) a[1], (Long) a[2], (long[]) a[3]));
    }

    @Override
    public CompletableFuture<Boolean> existsAsync(String key) {
        return async(Command.EXISTS, new Object[] {key}, a -> raw.existsAsync(key(a)));
    }

    @Override
    public CompletableFuture<Boolean> deleteAsync(String key) {
        return async(Command.DELETE, new Object[] {key}, a -> raw.deleteAsync(key(a)));
    }

    @Override
    public CompletableFuture<Long> deleteManyAsync(List<String> keys) {
        return async(Command.DELETE_MANY, new Object[] {keys}, a -> raw.deleteManyAsync(cast(a[0])));
    }

    @Override
    public CompletableFuture<Long> deleteMatchAsync(Glob pattern) {
        return async(Command.DELETE_MATCH, new Object[] {pattern}, a -> raw.deleteMatchAsync((Glob) a[0]));
    }

    @Override
    public CompletableFuture<List<String>> scanAsync(Glob pattern) {
        return async(Command.SCAN, new Object[] {pattern}, a -> raw.scanAsync((Glob) a[0]));
    }

    @Override
    public CompletableFuture<Boolean> expireAsync(String key, @Nullable Duration ttl) {
        return async(Command.EXPIRE, new Object[] {key, ttl}, a -> raw.expireAsync(key(a), (Duration) a[1]));
    }

    @Override
    public CompletableFuture<Long> getExpireAsync(String key) {
        return async(Command.GET_EXPIRE, new Object[] {key}, a -> raw.getExpireAsync(key(a)));
    }

    @Override
    public CompletableFuture<String> pingAsync() {
        return async(Command.PING, new Object[0], a -> raw.pingAsync());
    }

    @Override
    public CompletableFuture<@Nullable Void> clearAsync() {
        return async(Command.CLEAR, new Object[0], a -> raw.clearAsync());
    }

    @Override
    public CompletableFuture<Boolean> isLockedAsync(String key) {
        return async(Command.IS_LOCKED, new Object[] {key}, a -> raw.isLockedAsync(key(a)));
    }

    @Override
    public CompletableFuture<Boolean> setLockAsync(String key, String value, Duration expire) {
        return async(Command.SET_LOCK, new Object[] {key, value, expire},
                a -> raw.setLockAsync(key(a), (String) a[1], (Duration) a[2]));
    }

    @Override
    public CompletableFuture<Boolean> unlockAsync(String key, String value) {
        return async(Command.UNLOCK, new Object[] {key, value}, a -> raw.unlockAsync(key(a), (String) a[1]));
    }

    @Override
    public CompletableFuture<Long> getKeysCountAsync() {
        return async(Command.GET_KEYS_COUNT, new Object[0], a -> raw.getKeysCountAsync());
    }

    @Override
    public CompletableFuture<Long> setAddAsync(String key, @Nullable Duration ttl, String... members) {
        return async(Command.SET_ADD, new Object[] {key, ttl, members},
                a -> raw.setAddAsync(key(a), (Duration) a[1], (String[]) a[2]));
    }

    @Override
    public CompletableFuture<Long> setRemoveAsync(String key, String... members) {
        return async(Command.SET_REMOVE, new Object[] {key, members}, a -> raw.setRemoveAsync(key(a), (String[]) a[1]));
    }

    @Override
    public CompletableFuture<List<String>> setPopAsync(String key, int count) {
        return async(Command.SET_POP, new Object[] {key, count}, a -> raw.setPopAsync(key(a), (Integer) a[1]));
    }

    @Override
    public CompletableFuture<Set<String>> setMembersAsync(String key) {
        return async(Command.SET_MEMBERS, new Object[] {key}, a -> raw.setMembersAsync(key(a)));
    }

    @Override
    public String toString() {
        return raw + " (through " + (chain.length - 2) + " middlewares)";
    }
}
