package io.cashews.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.cashews.Exist;
import io.cashews.codec.Fingerprinted;
import io.cashews.codec.ValueCodec;
import io.cashews.spi.AbstractImmediateBackend;
import io.cashews.spi.BitArray;
import io.cashews.spi.Glob;
import io.cashews.time.CacheClock;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Set;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The {@code mem://} backend: a size-bounded Caffeine cache of {@link Slot}s that carry their own
 * deadline.
 *
 * <p>Why not Caffeine's variable expiry: it reads the ticker and updates the timer wheel on
 * every read, which more than doubles the cost of a hit. Here a hit reads the clock only when the
 * entry has a deadline, compares, and returns; entries found expired are removed on the spot, and
 * the {@code check_interval} purge sweeps the rest so that they do not hold memory.
 */
final class MemoryBackend extends AbstractImmediateBackend {

    // Deadline of an entry that never expires.
    private static final long NEVER = Long.MAX_VALUE;

    /** The stored value and the clock reading at which it expires; immutable, so updates are atomic. */
    record Slot(Object value, long deadline) {
    }

    /** A value stored through the codec ({@code copy=true} or {@code secret}): its bytes. */
    private record Encoded(byte[] bytes) {
    }

    private final Cache<String, Slot> cache;
    private final ConcurrentMap<String, Slot> map;
    private final CacheClock clock;
    private final @Nullable Executor purgeExecutor;
    // With copy=true or a secret: values are stored encoded (a copy, signed when a secret is set)
    // and decoded on every read. Numbers stay as they are with copy=true alone (immutable, and incr
    // adds to them); with a secret they are signed too, and incr verifies and re-signs them.
    private final @Nullable ValueCodec codec;
    private volatile boolean closed;
    // Entries Caffeine evicted for the size limit and expired ones the purge cleared.
    private final LongAdder evictions = new LongAdder();

    MemoryBackend(long size, Duration checkInterval, CacheClock clock, Executor executor) {
        this(size, checkInterval, clock, executor, null);
    }

    MemoryBackend(long size, Duration checkInterval, CacheClock clock, Executor executor, @Nullable ValueCodec codec) {
        this.clock = clock;
        this.codec = codec;
        this.cache = Caffeine.newBuilder()
                .maximumSize(size)
                // Maintenance (draining read buffers, eviction) runs on the instance's executor, off
                // the hit path; tests that need it synchronous inject a direct executor.
                .executor(executor)
                .evictionListener((String key, Slot slot, RemovalCause cause) -> evictions.increment())
                .build();
        this.map = cache.asMap();
        if (checkInterval.isZero()) {
            this.purgeExecutor = null;
        } else {
            this.purgeExecutor = CompletableFuture.delayedExecutor(checkInterval.toNanos(), TimeUnit.NANOSECONDS, executor);
            schedulePurge();
        }
    }

    // The task holds the backend weakly: a backend dropped without close() stops being purged
    // (and can be collected) instead of being kept alive by its own timer.
    private void schedulePurge() {
        schedulePurge(new WeakReference<>(this), purgeExecutor);
    }

    private static void schedulePurge(WeakReference<MemoryBackend> ref, @Nullable Executor next) {
        MemoryBackend backend = ref.get();
        if (backend == null || backend.closed || next == null) {
            return;
        }
        next.execute(() -> {
            MemoryBackend live = ref.get();
            if (live == null || live.closed) {
                return;
            }
            try {
                live.purge();
            } finally {
                schedulePurge(ref, next);
            }
        });
    }

    /** Removes every expired entry; returns how many entries are left. */
    private long purge() {
        long now = clock.nanoTime();
        long left = 0;
        for (Map.Entry<String, Slot> entry : map.entrySet()) {
            if (expired(entry.getValue(), now)) {
                if (map.remove(entry.getKey(), entry.getValue())) {
                    evictions.increment();
                }
            } else {
                left++;
            }
        }
        cache.cleanUp();
        return left;
    }

    private static boolean expired(Slot slot, long now) {
        // Difference, not comparison: nanoTime readings may wrap around.
        return slot.deadline != NEVER && slot.deadline - now <= 0;
    }

    /** The live slot of a key, or null; an expired slot found on the way is removed. */
    private @Nullable Slot live(String key) {
        Slot slot = cache.getIfPresent(key);
        if (slot == null || slot.deadline == NEVER) {
            return slot;
        }
        if (slot.deadline - clock.nanoTime() <= 0) {
            map.remove(key, slot);
            return null;
        }
        return slot;
    }

    private boolean isLive(@Nullable Slot slot) {
        return slot != null && !expired(slot, clock.nanoTime());
    }

    private long deadline(@Nullable Duration ttl) {
        if (ttl == null) {
            return NEVER;
        }
        if (ttl.isZero() || ttl.isNegative()) {
            // Already expired: callers reject such TTLs before this point; stay consistent anyway.
            return clock.nanoTime();
        }
        long nanos;
        try {
            nanos = ttl.toNanos();
        } catch (ArithmeticException beyondNanos) {
            return NEVER;
        }
        long deadline = clock.nanoTime() + nanos;
        // A TTL of centuries (or an overflowing sum) is "no expiry" in all but name.
        return nanos > Long.MAX_VALUE / 2 || deadline == NEVER ? NEVER : deadline;
    }

    @Override
    public boolean set(String key, Object value, @Nullable Duration ttl, Exist exist) {
        return put(key, stored(key, Objects.requireNonNull(value, "value")), ttl, exist);
    }

    @Override
    public boolean setRaw(String key, Object value) {
        return put(key, Objects.requireNonNull(value, "value"), null, Exist.ANY);
    }

    private boolean put(String key, Object value, @Nullable Duration ttl, Exist exist) {
        Slot slot = new Slot(value, deadline(ttl));
        return switch (exist) {
            case ANY -> {
                cache.put(key, slot);
                yield true;
            }
            case ABSENT -> putIfAbsent(key, slot);
            case PRESENT -> map.computeIfPresent(key, (k, old) -> isLive(old) ? slot : null) != null;
        };
    }

    // An expired entry that is still in the map counts as absent.
    private boolean putIfAbsent(String key, Slot slot) {
        while (true) {
            Slot old = map.putIfAbsent(key, slot);
            if (old == null) {
                return true;
            }
            if (isLive(old)) {
                return false;
            }
            if (map.replace(key, old, slot)) {
                return true;
            }
        }
    }

    @Override
    public void setMany(Map<String, ?> pairs, @Nullable Duration ttl) {
        long deadline = deadline(ttl);
        pairs.forEach((key, value) -> cache.put(key, new Slot(stored(key, Objects.requireNonNull(value, "value")), deadline)));
    }

    // What is kept for a value: the value itself, or with a codec its encoded copy; never a
    // fingerprint (a class cannot change inside this JVM), so that a hit pays nothing for it.
    private Object stored(String key, Object given) {
        Object value = Fingerprinted.strip(given);
        if (codec == null || !codec.signs() && (value instanceof Long || value instanceof Integer)) {
            return value;
        }
        return new Encoded(codec.encode(key, value));
    }

    // The value a read returns for what is kept; null when an encoded copy does not decode. With a
    // secret, what setRaw kept is read as its stored bytes would be on Redis: unsigned, so a miss
    // unless it carries a valid signature (a copy of another key's raw bytes throws).
    private @Nullable Object loaded(String key, Object kept) {
        if (codec == null) {
            return kept;
        }
        if (kept instanceof Encoded encoded) {
            return codec.decode(key, encoded.bytes);
        }
        return codec.signs() ? codec.decode(key, rawBytes(kept)) : kept;
    }

    private static byte[] rawBytes(Object raw) {
        return raw instanceof byte[] bytes ? bytes : raw.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public @Nullable Object get(String key) {
        Slot slot = live(key);
        if (slot == null || internal(slot.value)) {
            return null;
        }
        return codec == null ? slot.value : loaded(key, slot.value);
    }

    @Override
    public @Nullable Object getRaw(String key) {
        Slot slot = live(key);
        if (slot == null || internal(slot.value)) {
            return null;
        }
        return slot.value instanceof Encoded encoded ? encoded.bytes.clone() : slot.value;
    }

    // Values that commands other than get store for their own use; get reads them as missing.
    private static boolean internal(Object value) {
        return value instanceof BitArray || value instanceof MemberSet;
    }

    @Override
    public List<@Nullable Object> getMany(List<String> keys) {
        List<@Nullable Object> values = new ArrayList<>(keys.size());
        for (String key : keys) {
            values.add(get(key));
        }
        return values;
    }

    @Override
    public List<Map.Entry<String, Object>> getMatch(Glob pattern) {
        List<Map.Entry<String, Object>> entries = new ArrayList<>();
        if (pattern.isLiteral()) {
            Object value = get(pattern.literalPrefix());
            if (value != null) {
                entries.add(new AbstractMap.SimpleImmutableEntry<>(pattern.literalPrefix(), value));
            }
            return entries;
        }
        long now = clock.nanoTime();
        for (Map.Entry<String, Slot> entry : map.entrySet()) {
            if (!expired(entry.getValue(), now) && !internal(entry.getValue().value)
                    && pattern.matches(entry.getKey())) {
                Object value = loaded(entry.getKey(), entry.getValue().value);
                if (value != null) {
                    entries.add(new AbstractMap.SimpleImmutableEntry<>(entry.getKey(), value));
                }
            }
        }
        return entries;
    }

    @Override
    public long incr(String key, long by, @Nullable Duration ttl) {
        long[] result = new long[1];
        map.compute(key, (k, old) -> {
            if (!isLive(old)) {
                result[0] = by;
                return new Slot(stored(k, by), deadline(ttl));
            }
            Long current = counter(k, old.value);
            if (current == null) {
                // Unsigned under a secret: as missing, so the counter starts over.
                result[0] = by;
                return new Slot(stored(k, by), deadline(ttl));
            }
            try {
                result[0] = Math.addExact(current, by);
            } catch (ArithmeticException overflow) {
                throw new IllegalStateException("incr of key '" + k + "' by " + by + " overflows a long");
            }
            return new Slot(stored(k, result[0]), old.deadline);
        });
        return result[0];
    }

    @Override
    public long[] getBits(String key, int size, long... indexes) {
        BitArray.check(size, indexes);
        Slot slot = live(key);
        return slot == null ? new long[indexes.length] : bits(key, slot.value).get(size, indexes);
    }

    @Override
    public long[] incrBits(String key, int size, long by, long... indexes) {
        BitArray.check(size, indexes);
        long[][] result = new long[1][];
        // The update runs inside compute so that a concurrent delete or expiry cannot drop it.
        map.compute(key, (k, old) -> {
            Slot slot = isLive(old) ? old : new Slot(new BitArray(), NEVER);
            result[0] = bits(k, slot.value).incr(size, by, indexes);
            return slot;
        });
        return result[0];
    }

    private static BitArray bits(String key, Object value) {
        if (value instanceof BitArray bits) {
            return bits;
        }
        throw new IllegalStateException("cannot read bits of key '" + key + "': its value is not a bit array ("
                + value.getClass().getName() + ")");
    }

    @Override
    public long sliceIncr(String key, long startMillis, long endMillis, long maxValue, Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        long[] result = new long[1];
        map.compute(key, (k, old) -> {
            SlidingWindow window;
            long deadline;
            if (isLive(old)) {
                if (!(old.value instanceof SlidingWindow existing)) {
                    throw new IllegalStateException("cannot sliceIncr key '" + k + "': its value is not a sliding"
                            + " window (" + old.value.getClass().getName() + ")");
                }
                window = existing.after(startMillis);
                deadline = old.deadline;
            } else {
                window = SlidingWindow.EMPTY;
                deadline = NEVER;
            }
            // The call's rank: n + 1 whether or not it is recorded.
            result[0] = window.size() + 1L;
            if (window.size() < maxValue) {
                window = window.with(endMillis);
                deadline = deadline(ttl);
            }
            // An empty window that was never recorded leaves no key behind.
            return window.size() == 0 && !isLive(old) ? null : new Slot(window, deadline);
        });
        return result[0];
    }

    // ---------------------------------------------------------------- sets

    private static MemberSet members(String key, Object value) {
        if (value instanceof MemberSet set) {
            return set;
        }
        throw new IllegalStateException("cannot use key '" + key + "' as a set: its value is not a set ("
                + value.getClass().getName() + ")");
    }

    @Override
    public long setAdd(String key, @Nullable Duration ttl, String... members) {
        long[] added = new long[1];
        map.compute(key, (k, old) -> {
            MemberSet before = isLive(old) ? members(k, old.value) : MemberSet.EMPTY;
            MemberSet after = before.plus(members);
            added[0] = after.size() - before.size();
            if (after.size() == 0) {
                return isLive(old) ? old : null;
            }
            long deadline = ttl != null ? deadline(ttl) : isLive(old) ? old.deadline : NEVER;
            return new Slot(after, deadline);
        });
        return added[0];
    }

    @Override
    public long setRemove(String key, String... members) {
        long[] removed = new long[1];
        map.computeIfPresent(key, (k, old) -> {
            if (!isLive(old)) {
                return null;
            }
            MemberSet before = members(k, old.value);
            MemberSet after = before.minus(Arrays.asList(members));
            removed[0] = before.size() - after.size();
            return after.size() == 0 ? null : new Slot(after, old.deadline);
        });
        return removed[0];
    }

    @Override
    public List<String> setPop(String key, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("setPop count must be positive, got " + count);
        }
        List<String> popped = new ArrayList<>();
        map.computeIfPresent(key, (k, old) -> {
            popped.clear();
            if (!isLive(old)) {
                return null;
            }
            MemberSet before = members(k, old.value);
            for (String member : before.members()) {
                if (popped.size() == count) {
                    break;
                }
                popped.add(member);
            }
            MemberSet after = before.minus(popped);
            return after.size() == 0 ? null : new Slot(after, old.deadline);
        });
        return popped;
    }

    @Override
    public Set<String> setMembers(String key) {
        Slot slot = live(key);
        return slot == null ? Set.of() : members(key, slot.value).members();
    }

    // A counter's value; null when a secret is set and the kept value is unsigned.
    private @Nullable Long counter(String key, Object value) {
        if (codec == null || !codec.signs() || internal(value)) {
            return integer(key, value);
        }
        return codec.counter(key, value instanceof Encoded encoded ? encoded.bytes : rawBytes(value));
    }

    private static long integer(String key, Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw new IllegalStateException("cannot incr key '" + key + "': its value is not an integer ("
                + value.getClass().getName() + ")");
    }

    @Override
    public boolean exists(String key) {
        return live(key) != null;
    }

    @Override
    public boolean delete(String key) {
        Slot old = map.remove(key);
        return isLive(old);
    }

    @Override
    public long deleteMany(List<String> keys) {
        long deleted = 0;
        for (String key : keys) {
            if (delete(key)) {
                deleted++;
            }
        }
        return deleted;
    }

    @Override
    public long deleteMatch(Glob pattern) {
        if (pattern.isLiteral()) {
            return delete(pattern.literalPrefix()) ? 1 : 0;
        }
        long deleted = 0;
        for (String key : scan(pattern)) {
            if (delete(key)) {
                deleted++;
            }
        }
        return deleted;
    }

    @Override
    public List<String> scan(Glob pattern) {
        return scan(pattern, Integer.MAX_VALUE);
    }

    @Override
    public List<String> scan(Glob pattern, int limit) {
        List<String> keys = new ArrayList<>();
        if (pattern.isLiteral()) {
            if (exists(pattern.literalPrefix())) {
                keys.add(pattern.literalPrefix());
            }
            return keys;
        }
        long now = clock.nanoTime();
        for (Map.Entry<String, Slot> entry : map.entrySet()) {
            if (keys.size() >= limit) {
                break;
            }
            if (!expired(entry.getValue(), now) && pattern.matches(entry.getKey())) {
                keys.add(entry.getKey());
            }
        }
        return keys;
    }

    @Override
    public boolean expire(String key, @Nullable Duration ttl) {
        if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
            return delete(key);
        }
        return map.computeIfPresent(key, (k, old) -> isLive(old) ? new Slot(old.value, deadline(ttl)) : null) != null;
    }

    @Override
    public long getExpire(String key) {
        Slot slot = live(key);
        if (slot == null) {
            return -2;
        }
        if (slot.deadline == NEVER) {
            return -1;
        }
        long left = slot.deadline - clock.nanoTime();
        // Rounded to the nearest second, as Redis' TTL does.
        return (left + 500_000_000L) / 1_000_000_000L;
    }

    @Override
    public long getExpireMillis(String key) {
        Slot slot = live(key);
        if (slot == null) {
            return -2;
        }
        // Rounded up, as a key with any time left is still there.
        return slot.deadline == NEVER ? -1 : (slot.deadline - clock.nanoTime() + 999_999L) / 1_000_000L;
    }

    @Override
    public String ping() {
        return "PONG";
    }

    @Override
    public void clear() {
        cache.invalidateAll();
    }

    @Override
    public boolean unlock(String key, String value) {
        Slot current = live(key);
        if (current == null || !value.equals(loaded(key, current.value))) {
            return false;
        }
        // Removes only this very slot: a lock taken again meanwhile stays.
        return map.remove(key, current);
    }

    // ---------------------------------------------------------------- atomic commands (one compute each)

    @Override
    public @Nullable Object getAndSet(String key, Object value, @Nullable Duration ttl, boolean keepTtl) {
        Object kept = stored(key, Objects.requireNonNull(value, "value"));
        Object[] old = new Object[1];
        map.compute(key, (k, slot) -> {
            Slot live = isLive(slot) ? slot : null;
            if (live != null) {
                old[0] = plainValue(k, live.value, "getAndSet");
            }
            return new Slot(kept, live != null && keepTtl ? live.deadline : deadline(ttl));
        });
        return readable(key, old[0]);
    }

    @Override
    public boolean compareAndSet(String key, @Nullable Object expected, Object value, @Nullable Duration ttl,
            boolean keepTtl) {
        Object kept = stored(key, Objects.requireNonNull(value, "value"));
        Object wanted = expected == null ? null : stored(key, expected);
        boolean[] wrote = new boolean[1];
        map.compute(key, (k, slot) -> {
            Slot live = isLive(slot) ? slot : null;
            boolean write = wanted == null ? live == null : live != null && same(live.value, wanted);
            if (!write) {
                return live;   // an expired entry found on the way goes, as live() removes it
            }
            wrote[0] = true;
            return new Slot(kept, live != null && keepTtl ? live.deadline : deadline(ttl));
        });
        return wrote[0];
    }

    @Override
    public boolean deleteIfEquals(String key, Object expected) {
        Object wanted = stored(key, Objects.requireNonNull(expected, "expected"));
        boolean[] deleted = new boolean[1];
        map.computeIfPresent(key, (k, slot) -> {
            if (!isLive(slot)) {
                return null;
            }
            deleted[0] = same(slot.value, wanted);
            return deleted[0] ? null : slot;
        });
        return deleted[0];
    }

    @Override
    public @Nullable Object getAndDelete(String key) {
        Object[] old = new Object[1];
        map.computeIfPresent(key, (k, slot) -> {
            if (isLive(slot)) {
                old[0] = plainValue(k, slot.value, "getAndDelete");
            }
            return null;
        });
        return readable(key, old[0]);
    }

    // A kept value that the value commands may replace: sets and sliding windows are refused, as
    // Redis answers WRONGTYPE for them (bits are a string there, read as missing).
    private static Object plainValue(String key, Object kept, String command) {
        if (kept instanceof MemberSet || kept instanceof SlidingWindow) {
            throw new IllegalStateException("cannot " + command + " key '" + key + "': it holds a "
                    + (kept instanceof MemberSet ? "set" : "sliding window") + ", not a value");
        }
        return kept;
    }

    // What get returns for a kept value (null for bits); decoded outside compute, nothing blocks in it.
    private @Nullable Object readable(String key, @Nullable Object kept) {
        return kept == null || internal(kept) ? null : loaded(key, kept);
    }

    // Equality of a kept value and a wanted one made by stored(): bytes with a codec, equals without.
    private static boolean same(Object kept, Object wanted) {
        if (internal(kept) || kept instanceof SlidingWindow) {
            return false;
        }
        if (kept instanceof Encoded a && wanted instanceof Encoded b) {
            return Arrays.equals(a.bytes, b.bytes);
        }
        return Objects.deepEquals(kept, wanted);
    }

    @Override
    public long getKeysCount() {
        return purge();
    }

    @Override
    public void close() {
        closed = true;
        cache.invalidateAll();
        cache.cleanUp();
    }

    // The other asynchronous commands answer at once through AbstractImmediateBackend (nothing
    // here can block); the hit path skips its lambda and try.

    @Override
    public CompletableFuture<@Nullable Object> getAsync(String key) {
        return CompletableFuture.completedFuture(get(key));
    }

    /** Entries evicted for the {@code size} limit plus expired entries the purge cleared. */
    @Override
    public long evictionCount() {
        return evictions.sum();
    }

    /** {@code false}: values are kept as objects of this JVM, fingerprints stripped on write. */
    @Override
    public boolean encodesValues() {
        return false;
    }

    @Override
    public String toString() {
        return "MemoryBackend[" + clock + (codec == null ? "" : ", " + codec) + "]";
    }
}
