package io.cashews.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}) once a connection's server is known to have it.
 * Until then it is sent whole ({@code EVAL}, which also caches it there), so that every call
 * runs in the order it was issued: answering a {@code NOSCRIPT} by sending the text again would run
 * that call after the ones issued behind it (a thread's increments came back out of order on a
 * fresh server). A {@code NOSCRIPT} later on (a restarted or flushed server, another cluster node)
 * still falls back to the text, and the script counts as unknown again for the next calls.
 */
final class Script {

    /** Adds to a counter; converts a stored {@code Integer} form first; sets the TTL on creation. */
    static final Script INCR = new Script("""
            local v = redis.call('GET', KEYS[1])
            if v and string.match(v, '^I%-?%d+$') then
              redis.call('SET', KEYS[1], string.sub(v, 2), 'KEEPTTL')
            end
            local n = redis.call('INCRBY', KEYS[1], ARGV[1])
            if not v and tonumber(ARGV[2]) > 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return n
            """);

    /**
     * Compare-and-set on the stored bytes (a signed counter's increment, {@code compareAndSet}):
     * stores ARGV[3] only if the key is missing (ARGV[1] {@code 0}) or holds exactly ARGV[2]
     * (ARGV[1] {@code 1}); ARGV[4] a TTL in milliseconds to set, {@code 0} to keep the key's own,
     * {@code -1} for none. 1 when stored, 0 when not. A key that is not a string fails with
     * {@code WRONGTYPE}.
     */
    static final Script SWAP = new Script("""
            local v = redis.call('GET', KEYS[1])
            if (ARGV[1] == '0' and v) or (ARGV[1] == '1' and v ~= ARGV[2]) then
              return 0
            end
            local ttl = tonumber(ARGV[4])
            if ttl > 0 then
              redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
            elseif ttl == 0 then
              redis.call('SET', KEYS[1], ARGV[3], 'KEEPTTL')
            else
              redis.call('SET', KEYS[1], ARGV[3])
            end
            return 1
            """);

    /**
     * {@code getAndSet} keeping the TTL of an existing key and giving a new key the TTL ARGV[2]
     * (milliseconds): {@code SET … KEEPTTL GET}, then {@code PEXPIRE} when there was no value.
     * The old bytes, or nil.
     */
    static final Script GET_AND_SET_KEEPING_TTL = new Script("""
            local old = redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL', 'GET')
            if not old then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return old
            """);

    /** Deletes a key only while it holds the given value. */
    static final Script UNLOCK = new Script("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """);

    /** Removes the TTL of an existing key; tells whether it existed. */
    static final Script PERSIST = new Script("""
            if redis.call('EXISTS', KEYS[1]) == 1 then
              redis.call('PERSIST', KEYS[1])
              return 1
            end
            return 0
            """);

    /** Sliding window: drop old members, count, add one if there is room; the call's rank (see Backend#sliceIncr). */
    static final Script SLICE_INCR = new Script("""
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            local n = redis.call('ZCARD', KEYS[1])
            if n < tonumber(ARGV[3]) then
              redis.call('ZADD', KEYS[1], ARGV[2], ARGV[5])
              redis.call('PEXPIRE', KEYS[1], ARGV[4])
            end
            return n + 1
            """);

    /** Adds members to a set and, with a TTL (ARGV[1] > 0), sets the TTL of the whole set; the number added. */
    static final Script SET_ADD = new Script("""
            local kind = redis.call('TYPE', KEYS[1])['ok']
            if kind ~= 'none' and kind ~= 'set' then
              return redis.error_reply('WRONGTYPE the key holds a value that is not a set')
            end
            local n = redis.call('SADD', KEYS[1], unpack(ARGV, 2))
            if tonumber(ARGV[1]) > 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
            end
            return n
            """);

    /**
     * Bit fields, on a key that is missing or holds bits (a bit key's first byte is always zero:
     * fields start at bit 8, and no encoded value starts with a zero byte). ARGV: {@code GET} or
     * {@code INCR}, the width, the amount, then the bit offsets. Lua numbers are doubles, so every
     * field is read back in parts of at most 32 bits, which they represent exactly.
     */
    static final Script BITS = new Script("""
            local kind = redis.call('TYPE', KEYS[1])['ok']
            if kind ~= 'none' and (kind ~= 'string' or redis.call('GETRANGE', KEYS[1], 0, 0) ~= '\\0') then
              return redis.error_reply('WRONGTYPE the key holds a value that is not a bit field')
            end
            local size = tonumber(ARGV[2])
            local out = {}
            for i = 4, #ARGV do
              if ARGV[1] == 'INCR' then
                redis.call('BITFIELD', KEYS[1], 'OVERFLOW', 'SAT', 'INCRBY', 'u' .. size, ARGV[i], ARGV[3])
              end
              if size <= 32 then
                table.insert(out, redis.call('BITFIELD', KEYS[1], 'GET', 'u' .. size, ARGV[i])[1])
              else
                local parts = redis.call('BITFIELD', KEYS[1], 'GET', 'u' .. (size - 32), ARGV[i],
                    'GET', 'u32', string.format('%d', tonumber(ARGV[i]) + size - 32))
                table.insert(out, parts[1])
                table.insert(out, parts[2])
              end
            end
            return out
            """);

    private final String text;
    private final String sha;

    Script(String text) {
        this.text = text;
        try {
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK offers no SHA-1", e);
        }
    }

    /**
     * Runs the script on the node of {@code key}.
     *
     * @param loaded the scripts the connection's server is known to have; updated by the call
     * @param commands the connection's commands
     * @param key the one key the script touches
     * @param args the arguments, as bytes
     * @return the script's integer result
     */
    CompletableFuture<Long> run(Set<Script> loaded, RedisClusterAsyncCommands<String, byte[]> commands, String key,
            byte[]... args) {
        return run(loaded, commands, ScriptOutputType.INTEGER, key, args);
    }

    /**
     * Runs the script on the node of {@code key}.
     *
     * @param loaded the scripts the connection's server is known to have; updated by the call
     * @param commands the connection's commands
     * @param type the reply's type
     * @param key the one key the script touches
     * @param args the arguments, as bytes
     * @param <T> the reply type
     * @return the script's result
     */
    <T> CompletableFuture<T> run(Set<Script> loaded, RedisClusterAsyncCommands<String, byte[]> commands,
            ScriptOutputType type, String key, byte[]... args) {
        String[] keys = {key};
        CompletableFuture<T> result = new CompletableFuture<>();
        if (!loaded.contains(this)) {
            sendText(loaded, commands, type, keys, args, result);
            return result;
        }
        commands.<T>evalsha(sha, type, keys, args).whenComplete((value, failure) -> {
            if (failure instanceof RedisNoScriptException || failure != null && String.valueOf(failure.getMessage()).startsWith("NOSCRIPT")) {
                loaded.remove(this);
                sendText(loaded, commands, type, keys, args, result);
            } else if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        });
        return result;
    }

    private <T> void sendText(Set<Script> loaded, RedisClusterAsyncCommands<String, byte[]> commands,
            ScriptOutputType type, String[] keys, byte[][] args, CompletableFuture<T> result) {
        commands.<T>eval(text, type, keys, args).whenComplete((value, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                loaded.add(this);
                result.complete(value);
            }
        });
    }
}
