package io.cashews.spi;

import io.cashews.Command;
import io.cashews.Exist;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One call of a {@link Backend} method, reified: which command, whether it is the synchronous or
 * the {@code …Async} form, and its arguments. A {@link ForwardingBackend} builds one for every
 * call it receives and hands it to {@link ForwardingBackend#intercept}, which may look at it,
 * change its arguments, and {@linkplain #run(Backend, Object[]) run} it against a backend.
 *
 * <p><b>Arguments</b> are those of the {@link Backend} method in its order, a varargs parameter
 * as one array ({@code long[]} indexes, {@code String[]} members) and primitives boxed: for
 * example {@code SET [key, value, ttl, exist]}, {@code GET_BITS [key, size, indexes]}, none for
 * {@code PING}; {@link io.cashews.Middleware} lists every layout.
 *
 * <p><b>Result</b> of {@link #run(Backend, Object[])}: for a synchronous call the method's
 * answer, boxed ({@code null} for the {@code void} commands); for an asynchronous one its
 * {@link CompletableFuture}. {@link Command#GET_OR_SET} and {@link Command#LOCK} are facade
 * commands made of other ones, so a call never carries them.
 */
public final class BackendCall {

    private final Command command;
    private final boolean async;
    private final @Nullable Object[] args;

    BackendCall(Command command, boolean async, @Nullable Object[] args) {
        this.command = command;
        this.async = async;
        this.args = args;
    }

    /**
     * Returns the command.
     *
     * @return the command, never {@code GET_OR_SET} or {@code LOCK}
     */
    public Command command() {
        return command;
    }

    /**
     * Tells whether this is the {@code …Async} form, whose result is a {@link CompletableFuture}.
     *
     * @return {@code true} for an asynchronous call
     */
    public boolean async() {
        return async;
    }

    /**
     * Returns the arguments as the caller passed them; the array itself, not a copy, so that a
     * change is seen by {@link #run(Backend)}.
     *
     * @return the arguments, in the layout of the class documentation
     */
    public @Nullable Object[] args() {
        return args;
    }

    /**
     * Runs this call with its own arguments.
     *
     * @param backend the backend to run it on
     * @return the result: the answer, or its future for an asynchronous call
     */
    public @Nullable Object run(Backend backend) {
        return run(backend, args);
    }

    /**
     * Runs this command, in this call's form, with other arguments (a middleware may replace
     * them).
     *
     * @param backend the backend to run it on
     * @param args the arguments, in the layout of the class documentation
     * @return the result: the answer, or its future for an asynchronous call
     * @throws ClassCastException if an argument does not have its parameter's type
     */
    public @Nullable Object run(Backend backend, @Nullable Object[] args) {
        // The one table of commands: each arm calls the asynchronous form or the synchronous one.
        return switch (command) {
            case SET -> async
                    ? backend.setAsync(key(args), args[1], ttl(args[2]), (Exist) args[3])
                    : backend.set(key(args), args[1], ttl(args[2]), (Exist) args[3]);
            case SET_RAW -> async ? backend.setRawAsync(key(args), args[1]) : backend.setRaw(key(args), args[1]);
            case SET_MANY -> {
                if (async) {
                    yield backend.setManyAsync(cast(args[0]), ttl(args[1]));
                }
                backend.setMany(cast(args[0]), ttl(args[1]));
                yield null;
            }
            case GET -> async ? backend.getAsync(key(args)) : backend.get(key(args));
            case GET_RAW -> async ? backend.getRawAsync(key(args)) : backend.getRaw(key(args));
            case GET_MANY -> async ? backend.getManyAsync(cast(args[0])) : backend.getMany(cast(args[0]));
            case GET_MATCH -> async ? backend.getMatchAsync((Glob) args[0]) : backend.getMatch((Glob) args[0]);
            case INCR -> async
                    ? backend.incrAsync(key(args), (Long) args[1], ttl(args[2]))
                    : backend.incr(key(args), (Long) args[1], ttl(args[2]));
            case SLICE_INCR -> async
                    ? backend.sliceIncrAsync(key(args), (Long) args[1], (Long) args[2], (Long) args[3],
                            (Duration) args[4])
                    : backend.sliceIncr(key(args), (Long) args[1], (Long) args[2], (Long) args[3],
                            (Duration) args[4]);
            case GET_BITS -> async
                    ? backend.getBitsAsync(key(args), (Integer) args[1], (long[]) args[2])
                    : backend.getBits(key(args), (Integer) args[1], (long[]) args[2]);
            case INCR_BITS -> async
                    ? backend.incrBitsAsync(key(args), (Integer) args[1], (Long) args[2], (long[]) args[3])
                    : backend.incrBits(key(args), (Integer) args[1], (Long) args[2], (long[]) args[3]);
            case EXISTS -> async ? backend.existsAsync(key(args)) : backend.exists(key(args));
            case DELETE -> async ? backend.deleteAsync(key(args)) : backend.delete(key(args));
            case DELETE_MANY -> async ? backend.deleteManyAsync(cast(args[0])) : backend.deleteMany(cast(args[0]));
            case DELETE_MATCH -> async
                    ? backend.deleteMatchAsync((Glob) args[0])
                    : backend.deleteMatch((Glob) args[0]);
            case SCAN -> args.length > 1 ? scanBounded(backend, (Glob) args[0], (Integer) args[1])
                    : async ? backend.scanAsync((Glob) args[0]) : backend.scan((Glob) args[0]);
            case EXPIRE -> async
                    ? backend.expireAsync(key(args), ttl(args[1]))
                    : backend.expire(key(args), ttl(args[1]));
            case GET_EXPIRE -> async ? backend.getExpireAsync(key(args)) : backend.getExpire(key(args));
            case GET_EXPIRE_MILLIS -> async ? backend.getExpireMillisAsync(key(args)) : backend.getExpireMillis(key(args));
            case PING -> async ? backend.pingAsync() : backend.ping();
            case CLEAR -> {
                if (async) {
                    yield backend.clearAsync();
                }
                backend.clear();
                yield null;
            }
            case IS_LOCKED -> async ? backend.isLockedAsync(key(args)) : backend.isLocked(key(args));
            case SET_LOCK -> async
                    ? backend.setLockAsync(key(args), (String) args[1], (Duration) args[2])
                    : backend.setLock(key(args), (String) args[1], (Duration) args[2]);
            case UNLOCK -> async
                    ? backend.unlockAsync(key(args), (String) args[1])
                    : backend.unlock(key(args), (String) args[1]);
            case GET_KEYS_COUNT -> async ? backend.getKeysCountAsync() : backend.getKeysCount();
            case SET_ADD -> async
                    ? backend.setAddAsync(key(args), ttl(args[1]), (String[]) args[2])
                    : backend.setAdd(key(args), ttl(args[1]), (String[]) args[2]);
            case SET_REMOVE -> async
                    ? backend.setRemoveAsync(key(args), (String[]) args[1])
                    : backend.setRemove(key(args), (String[]) args[1]);
            case SET_POP -> async
                    ? backend.setPopAsync(key(args), (Integer) args[1])
                    : backend.setPop(key(args), (Integer) args[1]);
            case SET_MEMBERS -> async ? backend.setMembersAsync(key(args)) : backend.setMembers(key(args));
            case GET_AND_SET -> async
                    ? backend.getAndSetAsync(key(args), args[1], ttl(args[2]), (Boolean) args[3])
                    : backend.getAndSet(key(args), args[1], ttl(args[2]), (Boolean) args[3]);
            case COMPARE_AND_SET -> async
                    ? backend.compareAndSetAsync(key(args), args[1], args[2], ttl(args[3]), (Boolean) args[4])
                    : backend.compareAndSet(key(args), args[1], args[2], ttl(args[3]), (Boolean) args[4]);
            case DELETE_IF_EQUALS -> async
                    ? backend.deleteIfEqualsAsync(key(args), args[1])
                    : backend.deleteIfEquals(key(args), args[1]);
            case GET_AND_DELETE -> async ? backend.getAndDeleteAsync(key(args)) : backend.getAndDelete(key(args));
            // Facade commands made of backend ones; ForwardingBackend never builds a call of them.
            case GET_OR_SET, LOCK -> throw new IllegalStateException(command + " is not a backend command");
        };
    }

    private Object scanBounded(Backend backend, Glob pattern, Integer limit) {
        return async ? backend.scanAsync(pattern, limit) : backend.scan(pattern, limit);
    }

    private static String key(@Nullable Object[] args) {
        return (String) args[0];
    }

    private static @Nullable Duration ttl(@Nullable Object arg) {
        return (Duration) arg;
    }

    // Also ForwardingBackend's: from a call's Object result back to the method's type.
    @SuppressWarnings("unchecked")
    static <T> T cast(@Nullable Object value) {
        return (T) value;
    }

    @Override
    public String toString() {
        return command + (async ? " (async) " : " ") + Arrays.deepToString(args);
    }
}
