package io.cashews.redis;

import io.cashews.CacheBackendInteractionException;
import io.cashews.Exist;
import io.cashews.UnsecureDataException;
import io.cashews.codec.ValueCodec;
import io.cashews.spi.AbstractAsyncBackend;
import io.cashews.spi.BitArray;
import io.cashews.spi.Glob;
import io.cashews.spi.HandOver;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.output.ByteArrayOutput;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The Redis backend: every command of {@link io.cashews.spi.Backend} on the shared Lettuce
 * connection of its key ({@code connections=N} spreads keys over several, see {@link RedisConnector}).
 * Asynchronous reads are decoded and completed on the instance's executor, handed over in batches
 * ({@link HandOver}); synchronous ones by the waiting caller; other replies complete on the event
 * loop, and the runtime moves what follows off it.
 *
 * <p>Failures: a server error about a key's type (a counter that is not a number, a window or a
 * bit field that is something else) is an {@link IllegalStateException} naming the key, whatever
 * {@code suppress} says. Everything else — connection refused or lost, timeouts, other server
 * errors — is a {@link CacheBackendInteractionException} with {@code suppress=false}; with
 * {@code suppress=true} (the default) it is logged (once per outage) and the command returns its
 * neutral result: a miss, {@code false}, zero, {@code -2} for {@code getExpire}. Two commands
 * differ: {@code ping} always fails (it is how callers detect a dead backend), and
 * {@code setLock} answers {@code true}, so that a waiting lock fails open like every other
 * strategy instead of spinning until Redis comes back.
 *
 * <p>Fail fast on a hung Redis: once a command has timed out, every command fails at once (as a
 * suppressed failure, or with the exception) until Redis answers one again or a further
 * {@code socket_timeout} has passed, when commands are sent again. So a call that needs several
 * commands (a proxied miss reads, re-reads and stores) waits for one timeout, not one per command,
 * and nothing piles up behind a server that does not answer.
 */
class RedisBackend extends AbstractAsyncBackend {

    private static final System.Logger LOG = System.getLogger(RedisBackend.class.getName());
    private static final int SCAN_BATCH = 1000;
    private static final byte[] NO_TTL = {'0'};
    // SWAP's TTL argument for "store without expiry" (0 keeps the key's own).
    private static final byte[] NO_EXPIRY = {'-', '1'};
    private static final byte[] ONE = {'1'};
    // SWAP's modes: the key must be missing, or must hold the bytes given.
    private static final byte[] MUST_BE_MISSING = {'0'};
    private static final byte[] MUST_HOLD = ONE;
    // SWAP's TTL argument for "keep the key's own".
    private static final byte[] KEEP_TTL = {'0'};
    private static final byte[] NONE = {};
    private static final long BIT_MARKER_BITS = 8;
    private static final byte[] GET = {'G', 'E', 'T'};
    private static final byte[] INCR = {'I', 'N', 'C', 'R'};

    /** How a server error about the type of a key is answered. */
    enum TypeErrors {
        /** Like any other failure. */
        AS_FAILURE,
        /** An {@link IllegalStateException} naming the key. */
        RAISE,
        /** The neutral result: the key holds no user value. */
        AS_MISS
    }

    final RedisConnector connector;
    final ValueCodec codec;
    private final boolean suppress;
    private final String instanceId = Long.toHexString(ThreadLocalRandom.current().nextLong());
    private final AtomicLong sequence = new AtomicLong();
    // The scripts this backend's server(s) answered an EVAL of: run by SHA from then on (Script).
    private final Set<Script> loadedScripts = ConcurrentHashMap.newKeySet();
    private volatile boolean failing;
    // System.nanoTime() until which commands fail at once after a timeout; 0 while Redis answers.
    private volatile long hungUntil;
    private final long timeoutNanos;
    private volatile Runnable timedOut = () -> { };

    // Where replies of reads are decoded and their futures completed: off the event loop.
    private final HandOver handOver;

    /**
     * Creates the backend.
     *
     * @param connector the connection
     * @param codec the value codec
     * @param executor the instance's executor: reads are decoded and completed there, in batches
     */
    RedisBackend(RedisConnector connector, ValueCodec codec, Executor executor) {
        this.connector = connector;
        this.codec = codec;
        this.handOver = new HandOver(executor);
        this.suppress = connector.settings().suppress();
        this.timeoutNanos = connector.settings().commandTimeout().toNanos();
    }

    /** Thrown into a command's future while a recent timeout says Redis does not answer. */
    static final class HungException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HungException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Sets what to do whenever a command times out (client-side caching takes it as a possible loss
     * of its tracking connection). Runs before the command's future completes.
     *
     * @param hook run on the thread that saw the timeout; must not block
     */
    final void onTimeout(Runnable hook) {
        this.timedOut = hook;
    }

    // A command timed out: fail the next ones at once for one timeout, unless Redis answers first.
    final void timedOut() {
        hungUntil = System.nanoTime() + timeoutNanos;
        timedOut.run();
    }

    // Redis answered a command sent outside run (the client-side heartbeat): commands may go again.
    final void answered() {
        hungUntil = 0;
    }

    private boolean hung() {
        long until = hungUntil;
        if (until == 0) {
            return false;
        }
        if (until - System.nanoTime() > 0) {
            return true;
        }
        hungUntil = 0;
        return false;
    }

    // ---------------------------------------------------------------- plumbing

    /** Thrown into a command's future when there is no connection at all yet. */
    static final class NotConnectedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotConnectedException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Runs a command and maps its failure.
     *
     * @param command the command's name, for messages
     * @param key the key, for messages
     * @param neutral the result when a failure is suppressed
     * @param typeErrors how a type error is answered
     * @param body the command
     */
    final <T> CompletableFuture<T> run(String command, String key, T neutral, TypeErrors typeErrors,
            Function<RedisClusterAsyncCommands<String, byte[]>, ? extends CompletionStage<T>> body) {
        return run(command, key, neutral, typeErrors, body, Function.identity(), null);
    }

    /**
     * Runs a command, finishes its reply with {@code finish} and maps a failure of either, as
     * {@link #run(String, String, Object, TypeErrors, Function)} does.
     *
     * @param finish what makes the result of the reply (a value's decoding)
     * @param handOver where the reply is finished and the result completed, so that the work and
     *     whatever is chained on the result run there; {@code null} for the thread that completed
     *     the reply (Lettuce's event loop)
     */
    final <R, T> CompletableFuture<T> run(String command, String key, T neutral, TypeErrors typeErrors,
            Function<RedisClusterAsyncCommands<String, byte[]>, ? extends CompletionStage<R>> body,
            Function<? super R, ? extends T> finish, @Nullable HandOver handOver) {
        RedisClusterAsyncCommands<String, byte[]> commands = connector.commands(key);
        CompletionStage<R> stage;
        if (commands == null) {
            stage = CompletableFuture.failedFuture(new NotConnectedException("not connected to " + connector.settings()));
        } else if (hung()) {
            stage = CompletableFuture.failedFuture(new HungException("Redis at " + connector.settings()
                    + " did not answer a command within socket_timeout; failing fast for one more timeout"));
        } else {
            try {
                stage = body.apply(commands);
            } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
            }
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        if (handOver == null || stage.toCompletableFuture().isDone()) {
            // Already answered (refused at once, or a reply that came before this line): this
            // thread is the caller's, finishing here costs no hop.
            stage.whenComplete((value, failure) -> settle(command, key, neutral, typeErrors, value, failure, finish, result));
        } else {
            stage.whenComplete((value, failure) ->
                    handOver.submit(() -> settle(command, key, neutral, typeErrors, value, failure, finish, result)));
        }
        return result;
    }

    // Completes result with the finished reply, or with the failure (of the command or of finish) as mapped.
    private <R, T> void settle(String command, String key, T neutral, TypeErrors typeErrors, @Nullable R value,
            @Nullable Throwable failure, Function<? super R, ? extends T> finish, CompletableFuture<T> result) {
        if (failure == null) {
            hungUntil = 0;
            if (failing) {
                failing = false;
                LOG.log(Level.INFO, "Redis at {0} answers again", connector.settings());
            }
            T finished;
            try {
                finished = finish.apply(value);
            } catch (RuntimeException e) {
                fail(command, key, neutral, typeErrors, e, result);
                return;
            }
            result.complete(finished);
            return;
        }
        Throwable cause = unwrap(failure);
        if (cause instanceof RedisCommandTimeoutException) {
            timedOut();
        }
        fail(command, key, neutral, typeErrors, cause, result);
    }

    private <T> void fail(String command, String key, T neutral, TypeErrors typeErrors, Throwable cause,
            CompletableFuture<T> result) {
        if (cause instanceof UnsecureDataException || cause instanceof IllegalArgumentException
                || cause instanceof IllegalStateException) {
            result.completeExceptionally(cause);
        } else if (cause instanceof RedisCommandExecutionException server && isTypeError(server)
                && typeErrors != TypeErrors.AS_FAILURE) {
            if (typeErrors == TypeErrors.RAISE) {
                result.completeExceptionally(new IllegalStateException("cannot " + command + " key '" + key
                        + "': it holds a value of another kind (" + server.getMessage() + ")", server));
            } else {
                result.complete(neutral);
            }
        } else if (suppress) {
            suppressed(command, key, cause);
            result.complete(neutral);
        } else {
            result.completeExceptionally(new CacheBackendInteractionException("Redis command " + command + " for key '"
                    + key + "' failed on " + connector.settings() + ": " + cause, cause));
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static boolean isTypeError(RedisCommandExecutionException e) {
        String message = String.valueOf(e.getMessage());
        // contains, not startsWith: inside a script the server reports "ERR Error running script …: WRONGTYPE …".
        // "value is not an integer", not "not an integer": "bit offset is not an integer or out of
        // range" is an argument error, not a key of another kind.
        return message.contains("WRONGTYPE") || message.contains("value is not an integer") || message.contains("would overflow");
    }

    private void suppressed(String command, String key, Throwable cause) {
        if (!failing) {
            failing = true;
            LOG.log(Level.WARNING, "Redis at {0} failed ({1} ''{2}'': {3}); reads miss and writes are skipped"
                    + " until it answers again (suppress=true)", connector.settings(), command, key, cause.toString());
        }
    }

    static long millis(Duration ttl) {
        try {
            long nanos = ttl.toNanos();
            // Round up: a TTL below a millisecond must not become "expire at once" (PX 0 is an error).
            return Math.max(1, nanos / 1_000_000 + (nanos % 1_000_000 == 0 ? 0 : 1));
        } catch (ArithmeticException centuries) {
            return Long.MAX_VALUE / 2;
        }
    }

    private static byte[] ascii(long number) {
        return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
    }

    final @Nullable Object decode(String key, byte @Nullable [] data) {
        return data == null ? null : codec.decode(key, data);
    }

    // ---------------------------------------------------------------- writes

    @Override
    public CompletableFuture<Boolean> setAsync(String key, Object value, @Nullable Duration ttl, Exist exist) {
        byte[] data = codec.encode(key, Objects.requireNonNull(value, "value"));
        return setBytes("set", key, data, ttl, exist);
    }

    final CompletableFuture<Boolean> setBytes(String command, String key, byte[] data, @Nullable Duration ttl, Exist exist) {
        SetArgs args = setArgs(ttl, exist);
        return run(command, key, false, TypeErrors.AS_FAILURE, c -> c.set(key, data, args).thenApply("OK"::equals));
    }

    private static SetArgs setArgs(@Nullable Duration ttl, Exist exist) {
        SetArgs args = new SetArgs();
        if (ttl != null) {
            args.px(millis(ttl));
        }
        if (exist == Exist.ABSENT) {
            args.nx();
        } else if (exist == Exist.PRESENT) {
            args.xx();
        }
        return args;
    }

    @Override
    public CompletableFuture<Boolean> setRawAsync(String key, Object value) {
        byte[] data;
        if (value instanceof byte[] bytes) {
            data = bytes;
        } else if (value instanceof CharSequence || value instanceof Number) {
            data = value.toString().getBytes(StandardCharsets.UTF_8);
        } else {
            throw new IllegalArgumentException("setRaw on Redis stores text, numbers or byte[], not "
                    + value.getClass().getName() + " (key '" + key + "')");
        }
        return setBytes("setRaw", key, data, null, Exist.ANY);
    }

    @Override
    public CompletableFuture<@Nullable Void> setManyAsync(Map<String, ?> pairs, @Nullable Duration ttl) {
        List<CompletableFuture<Boolean>> writes = new ArrayList<>(pairs.size());
        pairs.forEach((key, value) -> writes.add(setAsync(key, value, ttl, Exist.ANY)));
        return CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0])).thenApply(done -> null);
    }

    @Override
    public CompletableFuture<Long> incrAsync(String key, long by, @Nullable Duration ttl) {
        byte[] ttlArg = ttl == null ? NO_TTL : ascii(millis(ttl));
        if (codec.signs()) {
            return run("incr", key, 0L, TypeErrors.RAISE, c -> signedIncr(c, key, by, ttlArg));
        }
        return run("incr", key, 0L, TypeErrors.RAISE, c -> Script.INCR.run(loadedScripts, c, key, ascii(by), ttlArg));
    }

    // With a secret a counter is signed like any value, and no script can compute the signature
    // (md5 is not in Redis' Lua): read, verify and add here, then store the signed sum only if the
    // key still holds what was read, else read again. Unsigned data counts as missing, as get
    // misses it: the counter starts over with the TTL asked for.
    private CompletableFuture<Long> signedIncr(RedisClusterAsyncCommands<String, byte[]> c, String key, long by,
            byte[] ttlArg) {
        return c.get(key).toCompletableFuture().thenCompose(old -> {
            Long current = old == null ? null : codec.counter(key, old);
            long sum;
            try {
                sum = current == null ? by : Math.addExact(current, by);
            } catch (ArithmeticException overflow) {
                throw new IllegalStateException("incr of key '" + key + "' by " + by + " overflows a long");
            }
            return Script.SWAP.run(loadedScripts, c, key, old == null ? MUST_BE_MISSING : MUST_HOLD,
                    old == null ? NONE : old, codec.encode(key, sum), current == null ? ttlArg : KEEP_TTL)
                    .thenCompose(stored -> stored == 1 ? CompletableFuture.completedFuture(sum)
                            : signedIncr(c, key, by, ttlArg));
        });
    }

    @Override
    public CompletableFuture<Long> sliceIncrAsync(String key, long startMillis, long endMillis, long maxValue, Duration ttl) {
        // Every call is its own member, so that two calls in the same millisecond count twice.
        byte[] member = (endMillis + ":" + instanceId + ":" + sequence.incrementAndGet()).getBytes(StandardCharsets.US_ASCII);
        return run("sliceIncr", key, 0L, TypeErrors.RAISE, c -> Script.SLICE_INCR.run(loadedScripts, c, key,
                ascii(startMillis), ascii(endMillis), ascii(maxValue), ascii(millis(ttl)), member));
    }

    // Field i of width s sits at bit 8 + i * s: the first byte stays zero and marks a bit key.
    private static byte[] field(int size, long index) {
        return ascii(BIT_MARKER_BITS + index * size);
    }

    @Override
    public CompletableFuture<long[]> getBitsAsync(String key, int size, long... indexes) {
        return bits("getBits", GET, key, size, 0, indexes);
    }

    @Override
    public CompletableFuture<long[]> incrBitsAsync(String key, int size, long by, long... indexes) {
        return bits("incrBits", INCR, key, size, by, indexes);
    }

    private CompletableFuture<long[]> bits(String command, byte[] mode, String key, int size, long by, long... indexes) {
        BitArray.check(size, indexes);
        if (indexes.length == 0) {
            return CompletableFuture.completedFuture(new long[0]);
        }
        byte[][] argv = new byte[3 + indexes.length][];
        argv[0] = mode;
        argv[1] = ascii(size);
        argv[2] = ascii(by);
        for (int i = 0; i < indexes.length; i++) {
            // Field i of width s sits at bit 8 + i * s: the first byte stays zero and marks a bit key.
            argv[3 + i] = ascii(BIT_MARKER_BITS + indexes[i] * size);
        }
        int count = indexes.length;
        // Suppressed failure: no answer (an empty array, as a disabled command gives), not zeros,
        // which a Bloom filter would read as "certainly absent" and skip its delegate.
        return run(command, key, new long[0], TypeErrors.RAISE,
                c -> Script.BITS.<List<Object>>run(loadedScripts, c, ScriptOutputType.MULTI, key, argv).thenApply(reply -> {
                    long[] values = new long[count];
                    for (int i = 0; i < count; i++) {
                        values[i] = size <= 32 ? number(reply, i) : number(reply, 2 * i) << 32 | number(reply, 2 * i + 1);
                    }
                    return values;
                }));
    }

    private static long number(List<Object> reply, int i) {
        return i < reply.size() && reply.get(i) instanceof Number n ? n.longValue() : 0;
    }

    @Override
    public CompletableFuture<Boolean> deleteAsync(String key) {
        return run("delete", key, false, TypeErrors.AS_FAILURE, c -> c.unlink(key).thenApply(n -> n > 0));
    }

    @Override
    public CompletableFuture<Long> deleteManyAsync(List<String> keys) {
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(0L);
        }
        return run("deleteMany", keys.get(0), 0L, TypeErrors.AS_FAILURE, c -> c.unlink(keys.toArray(new String[0])));
    }

    @Override
    public CompletableFuture<Long> deleteMatchAsync(Glob pattern) {
        if (pattern.isLiteral()) {
            return deleteAsync(pattern.literalPrefix()).thenApply(deleted -> deleted ? 1L : 0L);
        }
        return scanAsync(pattern).thenCompose(keys -> {
            List<CompletableFuture<Long>> batches = new ArrayList<>();
            for (int from = 0; from < keys.size(); from += SCAN_BATCH) {
                batches.add(deleteManyAsync(keys.subList(from, Math.min(keys.size(), from + SCAN_BATCH))));
            }
            return CompletableFuture.allOf(batches.toArray(new CompletableFuture<?>[0]))
                    .thenApply(done -> batches.stream().mapToLong(CompletableFuture::join).sum());
        });
    }

    @Override
    public CompletableFuture<Boolean> expireAsync(String key, @Nullable Duration ttl) {
        if (ttl == null) {
            return run("expire", key, false, TypeErrors.AS_FAILURE, c -> Script.PERSIST.run(loadedScripts, c, key).thenApply(n -> n == 1));
        }
        if (ttl.isZero() || ttl.isNegative()) {
            return deleteAsync(key);
        }
        return run("expire", key, false, TypeErrors.AS_FAILURE, c -> c.pexpire(key, millis(ttl)));
    }

    @Override
    public CompletableFuture<@Nullable Void> clearAsync() {
        return run("clear", "*", null, TypeErrors.AS_FAILURE, c -> c.flushdb().thenApply(ok -> null));
    }

    @Override
    public CompletableFuture<Boolean> setLockAsync(String key, String value, Duration expire) {
        byte[] data = codec.encode(key, value);
        SetArgs args = new SetArgs().nx().px(millis(expire));
        // Fails open (true) when suppressed: a lock that cannot be taken on a dead Redis must not
        // keep its waiter spinning; the protected work runs unlocked, as without a cache.
        return run("setLock", key, true, TypeErrors.AS_FAILURE, c -> c.set(key, data, args).thenApply("OK"::equals));
    }

    @Override
    public CompletableFuture<Boolean> unlockAsync(String key, String value) {
        byte[] data = codec.encode(key, value);
        return run("unlock", key, false, TypeErrors.AS_FAILURE, c -> Script.UNLOCK.run(loadedScripts, c, key, data).thenApply(n -> n == 1));
    }

    // ---------------------------------------------------------------- atomic commands (one command or script each)

    @Override
    public CompletableFuture<@Nullable Object> getAndSetAsync(String key, Object value, @Nullable Duration ttl,
            boolean keepTtl) {
        byte[] data = codec.encode(key, Objects.requireNonNull(value, "value"));
        if (keepTtl && ttl != null) {
            // SET … KEEPTTL gives a new key no TTL; the script gives it ttl, in the same step.
            return run("getAndSet", key, null, TypeErrors.RAISE, c -> Script.GET_AND_SET_KEEPING_TTL
                    .<byte[]>run(loadedScripts, c, ScriptOutputType.VALUE, key, data, ascii(millis(ttl)))
                    .thenApply(old -> decode(key, old)));
        }
        SetArgs args = new SetArgs();
        if (keepTtl) {
            args.keepttl();
        } else if (ttl != null) {
            args.px(millis(ttl));
        }
        return run("getAndSet", key, null, TypeErrors.RAISE, c -> c.setGet(key, data, args).thenApply(old -> decode(key, old)));
    }

    @Override
    public CompletableFuture<Boolean> compareAndSetAsync(String key, @Nullable Object expected, Object value,
            @Nullable Duration ttl, boolean keepTtl) {
        byte[] data = codec.encode(key, Objects.requireNonNull(value, "value"));
        // Compared as bytes in the script: expected encoded exactly as set would store it here.
        byte[] mode = expected == null ? MUST_BE_MISSING : MUST_HOLD;
        byte[] old = expected == null ? NONE : codec.encode(key, expected);
        byte[] ttlArg = keepTtl && expected != null ? KEEP_TTL : ttl == null ? NO_EXPIRY : ascii(millis(ttl));
        // A key of another kind (a set, a window) fails GET in the script: not equal, nothing written.
        return run("compareAndSet", key, false, TypeErrors.AS_MISS,
                c -> Script.SWAP.run(loadedScripts, c, key, mode, old, data, ttlArg).thenApply(n -> n == 1));
    }

    @Override
    public CompletableFuture<Boolean> deleteIfEqualsAsync(String key, Object expected) {
        byte[] data = codec.encode(key, Objects.requireNonNull(expected, "expected"));
        return run("deleteIfEquals", key, false, TypeErrors.AS_MISS,
                c -> Script.UNLOCK.run(loadedScripts, c, key, data).thenApply(n -> n == 1));
    }

    @Override
    public CompletableFuture<@Nullable Object> getAndDeleteAsync(String key) {
        return run("getAndDelete", key, null, TypeErrors.RAISE, c -> c.getdel(key).thenApply(old -> decode(key, old)));
    }

    // ---------------------------------------------------------------- in step with push messages

    /** Told, as a read's reply is decoded, what Redis answered for one key. */
    @FunctionalInterface
    interface ReadHook {
        /**
         * Receives one key's answer.
         *
         * @param key the (Redis) key
         * @param value the decoded value, {@code null} when Redis has no such key
         * @param data the bytes it was decoded from, {@code null} when Redis has no such key
         * @param pttl the milliseconds the key had left just before ({@code -1} without expiry,
         *     {@code -2} when missing), or {@code null} when unknown
         */
        void answered(String key, @Nullable Object value, byte @Nullable [] data, @Nullable Long pttl);
    }

    /**
     * Reads values, each with its TTL (a PTTL pipelined just before its GET), calling
     * {@code hook} for every key <em>while its GET reply is decoded</em>: on the connection's event
     * loop, after every push message Redis sent on that connection before the reply and before any
     * it sent after. (A callback attached to an ordinary command future once it is sent may run
     * later, on the caller's thread, after pushes that followed the reply; this one is attached
     * before the command is written.) The hook is not called for a key whose read failed, or
     * which holds a value of another kind (that key reads as a miss).
     *
     * @param keys the (Redis) keys, at least one
     * @param hook told each answer in wire order
     * @return the values in the order of the keys; failures as in {@link #getManyAsync}
     */
    final CompletableFuture<List<@Nullable Object>> readInStep(List<String> keys, ReadHook hook) {
        List<@Nullable Object> misses = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            misses.add(null);
        }
        return run(keys.size() == 1 ? "get" : "getMany", keys.get(0), misses, TypeErrors.AS_FAILURE, c -> {
            StatefulConnection<String, byte[]> connection = connected();
            List<RedisCommand<String, byte[], ?>> batch = new ArrayList<>(2 * keys.size());
            List<CompletableFuture<@Nullable Object>> values = new ArrayList<>(keys.size());
            for (String key : keys) {
                AsyncCommand<String, byte[], Long> pttl = new AsyncCommand<>(new Command<>(CommandType.PTTL,
                        new IntegerOutput<>(RedisConnector.CODEC), new CommandArgs<>(RedisConnector.CODEC).addKey(key)));
                AsyncCommand<String, byte[], byte[]> get = new AsyncCommand<>(new Command<>(CommandType.GET,
                        new ByteArrayOutput<>(RedisConnector.CODEC), new CommandArgs<>(RedisConnector.CODEC).addKey(key)));
                values.add(get.handle((data, failure) -> {
                    if (failure != null) {
                        Throwable cause = unwrap(failure);
                        if (cause instanceof RedisCommandExecutionException server && isTypeError(server)) {
                            return null;
                        }
                        throw failure instanceof CompletionException wrapped ? wrapped : new CompletionException(failure);
                    }
                    Object value = decode(key, data);
                    // Same connection, sent before: its reply is already decoded.
                    Long millis = pttl.isDone() && !pttl.isCompletedExceptionally() ? pttl.join() : null;
                    hook.answered(key, value, data, millis);
                    return value;
                }));
                batch.add(pttl);
                batch.add(get);
            }
            connection.dispatch(batch);
            return CompletableFuture.allOf(values.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
                List<@Nullable Object> found = new ArrayList<>(values.size());
                for (CompletableFuture<@Nullable Object> value : values) {
                    found.add(value.join());
                }
                return found;
            });
        });
    }

    /**
     * Stores a value like {@link #setAsync}, running {@code written} while the reply that confirms
     * the write is decoded (in wire order with push messages, see {@link #readInStep}).
     *
     * @param key the (Redis) key
     * @param value the value
     * @param ttl the time to live, or {@code null}
     * @param exist the existence condition
     * @param written told the stored bytes when Redis confirms that it stored the value
     * @return whether it was stored; failures as in {@link #setAsync}
     */
    final CompletableFuture<Boolean> setInStep(String key, Object value, @Nullable Duration ttl, Exist exist,
            Consumer<byte[]> written) {
        byte[] data = codec.encode(key, Objects.requireNonNull(value, "value"));
        return run("set", key, false, TypeErrors.AS_FAILURE, c -> {
            StatefulConnection<String, byte[]> connection = connected();
            CommandArgs<String, byte[]> commandArgs = new CommandArgs<>(RedisConnector.CODEC).addKey(key).addValue(data);
            setArgs(ttl, exist).build(commandArgs);
            AsyncCommand<String, byte[], String> set = new AsyncCommand<>(new Command<>(CommandType.SET,
                    new StatusOutput<>(RedisConnector.CODEC), commandArgs));
            CompletableFuture<Boolean> stored = set.thenApply(status -> {
                boolean ok = "OK".equals(status);
                if (ok) {
                    written.accept(data);
                }
                return ok;
            });
            connection.dispatch(set);
            return stored;
        });
    }

    private StatefulConnection<String, byte[]> connected() {
        StatefulConnection<String, byte[]> connection = connector.connection();
        if (connection == null) {
            throw new NotConnectedException("not connected to " + connector.settings());
        }
        return connection;
    }

    // ---------------------------------------------------------------- reads

    // An asynchronous read is decoded and completed on the instance's executor (HandOver): the
    // event loop only parses replies, and what callers chain on the future never runs there.
    @Override
    public CompletableFuture<@Nullable Object> getAsync(String key) {
        return run("get", key, null, TypeErrors.AS_MISS, c -> c.get(key), data -> decode(key, data), handOver);
    }

    // A synchronous read is decoded by the waiting caller: neither the event loop nor a worker.
    @Override
    public @Nullable Object get(String key) {
        byte[] data = await(run("get", key, null, TypeErrors.AS_MISS, c -> c.get(key)));
        return data == null ? null : await(finishHere("get", key, (Object) null, TypeErrors.AS_MISS, data, d -> decode(key, d)));
    }

    // Finishes a reply on this thread, mapping a failure of finish as run does.
    private <R, T> CompletableFuture<T> finishHere(String command, String key, T neutral, TypeErrors typeErrors, R reply,
            Function<? super R, ? extends T> finish) {
        CompletableFuture<T> result = new CompletableFuture<>();
        settle(command, key, neutral, typeErrors, reply, null, finish, result);
        return result;
    }

    @Override
    public CompletableFuture<@Nullable Object> getRawAsync(String key) {
        return run("getRaw", key, null, TypeErrors.AS_MISS, c -> c.get(key).thenApply(RedisBackend::raw));
    }

    // Text when the bytes are valid UTF-8, the bytes otherwise.
    private static @Nullable Object raw(byte @Nullable [] data) {
        if (data == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException binary) {
            return data;
        }
    }

    @Override
    public CompletableFuture<List<@Nullable Object>> getManyAsync(List<String> keys) {
        return getManyAsync(keys, handOver);
    }

    // handOver null: decoded and completed on the event loop (getMatch, which a synchronous
    // getMatch waits for: it must not need a free worker).
    private CompletableFuture<List<@Nullable Object>> getManyAsync(List<String> keys, @Nullable HandOver handOver) {
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(new ArrayList<>());
        }
        List<@Nullable Object> misses = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            misses.add(null);
        }
        return run("getMany", keys.get(0), misses, TypeErrors.AS_FAILURE, c -> c.mget(keys.toArray(new String[0])),
                found -> decodeAll(keys, found), handOver);
    }

    @Override
    public List<@Nullable Object> getMany(List<String> keys) {
        if (keys.isEmpty()) {
            return new ArrayList<>();
        }
        List<@Nullable Object> misses = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            misses.add(null);
        }
        List<KeyValue<String, byte[]>> found = await(run("getMany", keys.get(0), null, TypeErrors.AS_FAILURE,
                c -> c.mget(keys.toArray(new String[0]))));
        return found == null ? misses : await(finishHere("getMany", keys.get(0), misses, TypeErrors.AS_FAILURE, found,
                pairs -> decodeAll(keys, pairs)));
    }

    private List<@Nullable Object> decodeAll(List<String> keys, List<KeyValue<String, byte[]>> found) {
        List<@Nullable Object> values = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            KeyValue<String, byte[]> pair = i < found.size() ? found.get(i) : null;
            values.add(pair == null || !pair.hasValue() ? null : decode(keys.get(i), pair.getValue()));
        }
        return values;
    }

    @Override
    public CompletableFuture<List<Map.Entry<String, Object>>> getMatchAsync(Glob pattern) {
        return scanAsync(pattern).thenCompose(keys -> getManyAsync(keys, null).thenApply(values -> {
            List<Map.Entry<String, Object>> entries = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                Object value = values.get(i);
                if (value != null) {
                    entries.add(new AbstractMap.SimpleImmutableEntry<>(keys.get(i), value));
                }
            }
            return entries;
        }));
    }

    @Override
    public CompletableFuture<Boolean> existsAsync(String key) {
        return run("exists", key, false, TypeErrors.AS_FAILURE, c -> c.exists(key).thenApply(n -> n > 0));
    }

    @Override
    public CompletableFuture<List<String>> scanAsync(Glob pattern) {
        return scanAsync(pattern, Integer.MAX_VALUE);
    }

    // Stops asking for more once it has the limit: SCAN's cost is the keyspace it walks.
    @Override
    public CompletableFuture<List<String>> scanAsync(Glob pattern, int limit) {
        if (pattern.isLiteral()) {
            String key = pattern.literalPrefix();
            return existsAsync(key).thenApply(found -> found ? new ArrayList<>(List.of(key)) : new ArrayList<>());
        }
        ScanArgs args = ScanArgs.Builder.matches(pattern.canonical()).limit(SCAN_BATCH);
        Set<String> keys = new LinkedHashSet<>();
        return run("scan", pattern.pattern(), new ArrayList<>(), TypeErrors.AS_FAILURE,
                c -> scanFrom(c, c.scan(args), args, keys, limit).thenApply(done -> first(keys, limit)));
    }

    // SCAN may report a key twice; the set keeps one.
    private static CompletionStage<@Nullable Void> scanFrom(RedisClusterAsyncCommands<String, byte[]> commands,
            CompletionStage<KeyScanCursor<String>> step, ScanArgs args, Set<String> keys, int limit) {
        return step.thenCompose(cursor -> {
            keys.addAll(cursor.getKeys());
            if (cursor.isFinished() || keys.size() >= limit) {
                return CompletableFuture.completedFuture(null);
            }
            return scanFrom(commands, commands.scan((ScanCursor) cursor, args), args, keys, limit);
        });
    }

    private static List<String> first(Set<String> keys, int limit) {
        List<String> list = new ArrayList<>(Math.min(keys.size(), limit));
        for (String key : keys) {
            if (list.size() == limit) {
                break;
            }
            list.add(key);
        }
        return list;
    }

    @Override
    public CompletableFuture<Long> getExpireAsync(String key) {
        return run("getExpire", key, -2L, TypeErrors.AS_FAILURE, c -> c.ttl(key));
    }

    @Override
    public CompletableFuture<Long> getExpireMillisAsync(String key) {
        return run("getExpire", key, -2L, TypeErrors.AS_FAILURE, c -> c.pttl(key));
    }

    @Override
    public CompletableFuture<String> pingAsync() {
        RedisClusterAsyncCommands<String, byte[]> commands = connector.commands();
        if (commands == null) {
            return CompletableFuture.failedFuture(new CacheBackendInteractionException("Redis at " + connector.settings()
                    + " is not connected"));
        }
        CompletableFuture<String> result = new CompletableFuture<>();
        commands.ping().whenComplete((pong, failure) -> {
            if (failure != null) {
                result.completeExceptionally(new CacheBackendInteractionException("Redis at " + connector.settings()
                        + " does not answer: " + unwrap(failure), unwrap(failure)));
            } else {
                hungUntil = 0;
                result.complete(pong);
            }
        });
        return result;
    }

    @Override
    public CompletableFuture<Long> getKeysCountAsync() {
        return run("getKeysCount", "*", 0L, TypeErrors.AS_FAILURE, RedisClusterAsyncCommands::dbsize);
    }

    // ---------------------------------------------------------------- sets (tags)

    private static byte[][] utf8(String... members) {
        byte[][] bytes = new byte[members.length][];
        for (int i = 0; i < members.length; i++) {
            bytes[i] = Objects.requireNonNull(members[i], "member").getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }

    @Override
    public CompletableFuture<Long> setAddAsync(String key, @Nullable Duration ttl, String... members) {
        if (members.length == 0) {
            return CompletableFuture.completedFuture(0L);
        }
        byte[][] argv = new byte[members.length + 1][];
        argv[0] = ttl == null ? NO_TTL : ascii(millis(ttl));
        System.arraycopy(utf8(members), 0, argv, 1, members.length);
        return run("setAdd", key, 0L, TypeErrors.RAISE, c -> Script.SET_ADD.run(loadedScripts, c, key, argv));
    }

    @Override
    public CompletableFuture<Long> setRemoveAsync(String key, String... members) {
        if (members.length == 0) {
            return CompletableFuture.completedFuture(0L);
        }
        byte[][] bytes = utf8(members);
        return run("setRemove", key, 0L, TypeErrors.RAISE, c -> c.srem(key, bytes));
    }

    @Override
    public CompletableFuture<List<String>> setPopAsync(String key, int count) {
        if (count <= 0) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("setPop count must be positive, got " + count));
        }
        return run("setPop", key, List.of(), TypeErrors.RAISE, c -> c.spop(key, count).thenApply(popped -> {
            List<String> members = new ArrayList<>(popped.size());
            for (byte[] member : popped) {
                members.add(new String(member, StandardCharsets.UTF_8));
            }
            return members;
        }));
    }

    @Override
    public CompletableFuture<Set<String>> setMembersAsync(String key) {
        return run("setMembers", key, Set.of(), TypeErrors.RAISE, c -> c.smembers(key).thenApply(found -> {
            Set<String> members = new LinkedHashSet<>();
            for (byte[] member : found) {
                members.add(new String(member, StandardCharsets.UTF_8));
            }
            return members;
        }));
    }

    @Override
    public void close() {
        connector.close();
    }

    @Override
    public String toString() {
        return "RedisBackend[" + connector.settings() + ", " + codec + "]";
    }
}
