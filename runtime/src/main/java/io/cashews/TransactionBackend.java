package io.cashews;

import io.cashews.base.Failures;
import io.cashews.base.LockWait;
import io.cashews.spi.AbstractImmediateBackend;
import io.cashews.spi.Backend;
import io.cashews.spi.Glob;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * What the facade talks to instead of a backend while a transaction is open on the thread: the
 * buffered commands write into a private buffer, reads merge the buffer over the backend, and
 * everything else passes straight through. {@link #apply()} writes the buffer to the backend.
 *
 * <p>The buffer holds, per key, either a value with its deadline on the instance clock or a
 * deletion, plus the patterns of {@code deleteMatch} calls (which hide every matching backend key
 * from reads). Asynchronous reads of a key the buffer does not know go to the backend's
 * asynchronous side; the other asynchronous commands answer from the synchronous logic with
 * completed futures (so on a remote backend a buffered write that takes a lock or copies a value
 * waits for that round trip). Commands added to {@link Backend} that are not transactional pass
 * through here too.
 *
 * <p>The atomic commands ({@code getAndSet}, {@code compareAndSet}, {@code deleteIfEquals},
 * {@code getAndDelete}) are buffered writes like {@code incr}: each decides on the transaction's
 * view when it is called (under the key's lock in the locked modes), comparing with
 * {@link Objects#deepEquals} since the buffer holds objects, and its write or deletion reaches the
 * backend at commit as a plain {@code set} or {@code delete}. So another writer that is not in a
 * transaction may change the key between the decision and the commit in {@code FAST} mode, as it
 * may after an {@code incr}.
 */
final class TransactionBackend extends AbstractImmediateBackend {

    private static final long NEVER = Long.MAX_VALUE;
    private static final long FIRST_PAUSE_NANOS = 1_000_000L;
    private static final long MAX_PAUSE_NANOS = 20_000_000L;
    // How often a refused lock that looks free is retried at once before waiting for it.
    private static final int UNHELD_RETRIES = 3;
    private static final long MAX_SPREAD_NANOS = 50_000_000L;
    static final String KEY_LOCK_PREFIX = ":tx_lock:";
    static final String GLOBAL_LOCK = ":serializable:lock";

    private record Entry(Object value, long deadline) {
    }

    private final Transaction tx;
    private final Backend backend;
    // Guarded by tx's monitor.
    private final Map<String, Entry> values = new LinkedHashMap<>();
    private final Set<String> deleted = new LinkedHashSet<>();
    private final List<Glob> masks = new ArrayList<>();
    // Held locks in the order their leases end, with that end on the instance clock: when the lock
    // was asked for (or last extended) plus the timeout; the backend cannot expire it before.
    private final Map<String, Long> heldLocks = new LinkedHashMap<>();
    // Why the transaction can no longer write or commit (a lock lost, or given up after a wait
    // timed out), or null.
    private @Nullable String broken;
    // Buffered expire of keys that hold no value (tag sets, bits, raw text): deadline, NEVER to persist.
    private final Map<String, Long> expiries = new LinkedHashMap<>();
    // Tag-set members to remove at commit: a delete that is rolled back must leave its key tagged.
    private final Map<String, Set<String>> pendingRemovals = new LinkedHashMap<>();

    // How long a lock lives unless extended: the transaction's timeout.
    private final long lease;

    TransactionBackend(Transaction tx, Backend backend) {
        this.tx = tx;
        this.backend = backend;
        this.lease = Locks.saturatedNanos(tx.timeout());
    }

    private long now() {
        return tx.cache().clock().nanoTime();
    }

    private long deadline(@Nullable Duration ttl) {
        if (ttl == null) {
            return NEVER;
        }
        long nanos = ttl.toNanos();
        long now = now();
        return nanos > NEVER - now ? NEVER - 1 : now + nanos;
    }

    // ---------------------------------------------------------------- buffer view

    // The live buffered entry of a key; an expired one becomes a deletion (its write hid the backend's value).
    private @Nullable Entry entry(String key) {
        Entry entry = values.get(key);
        if (entry != null && entry.deadline != NEVER && entry.deadline - now() <= 0) {
            values.remove(key);
            deleted.add(key);
            return null;
        }
        return entry;
    }

    private boolean masked(String key) {
        if (deleted.contains(key)) {
            return true;
        }
        for (Glob mask : masks) {
            if (mask.matches(key)) {
                return true;
            }
        }
        return false;
    }

    private boolean existsInView(String key) {
        if (entry(key) != null) {
            return true;
        }
        return !masked(key) && backend.exists(key);
    }

    private void put(String key, Object value, long deadline) {
        values.remove(key);
        values.put(key, new Entry(value, deadline));
        deleted.remove(key);
        expiries.remove(key);
    }

    private void remove(String key) {
        values.remove(key);
        deleted.add(key);
        expiries.remove(key);
    }

    // ---------------------------------------------------------------- locks

    private void lockFor(String key) {
        switch (tx.mode()) {
            case FAST -> { }
            case LOCKED -> acquire(KEY_LOCK_PREFIX + key, key);
            case SERIALIZABLE -> acquire(GLOBAL_LOCK, key);
        }
    }

    private void acquire(String lock, String key) {
        if (heldLocks.containsKey(lock)) {
            extendDue();
            return;
        }
        Duration timeout = tx.timeout();
        LockWait wait = new LockWait(tx.cache().clock(), tx.cache().executor(), FIRST_PAUSE_NANOS, MAX_PAUSE_NANOS,
                waitNanos());
        long[] asked = new long[1];
        wait.await(lock, () -> {
            // The locks already held stay alive while this one is awaited: in a deadlock the
            // waits time out, neither side takes the other's expired lock.
            extendDue();
            asked[0] = now();
            return tryLock(lock, timeout);
        }, ending -> {
            LockedException failed = ending == LockWait.Ending.INTERRUPTED
                    ? new LockedException("interrupted while a transaction waited for lock '" + lock + "'")
                    : new LockedException("a " + tx.mode() + " transaction could not lock key '" + key
                            + "' within its timeout of " + timeout.toMillis() + " ms: another transaction holds '"
                            + lock + "' (a long-running transaction or a deadlock); it gave up its locks and can"
                            + " only roll back; raise the timeout or write keys in the same order everywhere");
            // Give the held locks up at once: the other side of a deadlock, still waiting, goes on.
            broken = "gave up its locks when its wait for '" + lock + "' failed";
            try {
                releaseAll();
            } catch (RuntimeException release) {
                failed.addSuppressed(release);
            }
            return failed;
        });
        heldLocks.put(lock, leaseEnd(asked[0]));
    }

    // A wait a little shorter than the timeout, by a random part of at most a tenth (50 ms at
    // most): two transactions that began to wait for each other together do not time out together.
    private long waitNanos() {
        if (lease == LockWait.FOREVER) {
            return lease;
        }
        long spread = Math.min(lease / 10, MAX_SPREAD_NANOS);
        return spread <= 0 ? lease : lease - ThreadLocalRandom.current().nextLong(spread);
    }

    // Releases every lock, also after one release failed; those not released expire with their lease.
    private void releaseAll() {
        List<String> locks = new ArrayList<>(heldLocks.keySet());
        heldLocks.clear();
        Failures.forEach(locks, held -> Locks.released(held, backend.unlock(held, tx.id())));
    }

    /** One attempt: {@code true} when taken, {@code null} while held. */
    private @Nullable Boolean tryLock(String lock, Duration timeout) {
        for (int refused = 1; !backend.setLock(lock, tx.id(), timeout); refused++) {
            // Refused means held, even when it looks free a moment later (released and taken
            // again in between): retry at once a few times, then wait. A backend that cannot
            // lock at all answers true (suppressed failures) or throws; it never refuses.
            if (backend.isLocked(lock) || refused >= UNHELD_RETRIES) {
                return null;
            }
        }
        return Boolean.TRUE;
    }

    private long leaseEnd(long from) {
        return lease == LockWait.FOREVER ? NEVER : from + lease;
    }

    /**
     * Extends every lock whose lease is half over, all at once (a remote backend pipelines them).
     * A lock whose lease ended before its extension was answered is lost: another transaction may
     * hold it, or have written the key meanwhile, so this one can no longer commit.
     *
     * @throws LockedException if a lock is lost (now or before)
     */
    private void extendDue() {
        if (broken == null && !heldLocks.isEmpty() && lease != LockWait.FOREVER) {
            long sent = now();
            List<String> due = new ArrayList<>();
            for (Map.Entry<String, Long> held : heldLocks.entrySet()) {
                if (held.getValue() - sent > lease / 2) {
                    break;
                }
                due.add(held.getKey());
            }
            List<CompletableFuture<Boolean>> answers = new ArrayList<>(due.size());
            for (String lock : due) {
                answers.add(heldLocks.get(lock) - sent > 0 ? backend.expireAsync(lock, tx.timeout())
                        : CompletableFuture.completedFuture(false));
            }
            RuntimeException failure = null;
            for (int i = 0; i < due.size(); i++) {
                String lock = due.get(i);
                long end = heldLocks.remove(lock);
                boolean extended = false;
                try {
                    extended = answers.get(i).join();
                } catch (RuntimeException e) {
                    Throwable cause = Failures.unwrap(e);
                    RuntimeException unwrapped = cause instanceof RuntimeException r ? r : e;
                    if (failure == null) {
                        failure = unwrapped;
                    } else {
                        failure.addSuppressed(unwrapped);
                    }
                }
                // Only an answer that came back before the old lease ended proves the lock was still ours.
                if (extended && now() - end < 0) {
                    heldLocks.put(lock, leaseEnd(sent));
                } else {
                    // Still released at the end: compare-and-delete never removes another holder's lock.
                    heldLocks.put(lock, end);
                    if (broken == null) {
                        broken = "lost its lock '" + lock + "': the lock's lease ended before it was extended"
                                + " (the transaction ran longer than its timeout of " + tx.timeout().toMillis()
                                + " ms without a write, or the backend did not answer), and another transaction"
                                + " may have written the key since";
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
            if (broken != null) {
                // As after a failed wait: what it still holds is of no use to it any more.
                LockedException lost = brokenException();
                try {
                    releaseAll();
                } catch (RuntimeException release) {
                    lost.addSuppressed(release);
                }
                throw lost;
            }
        }
        if (broken != null) {
            throw brokenException();
        }
    }

    private LockedException brokenException() {
        return new LockedException("a " + tx.mode() + " transaction " + broken + "; it cannot write or commit"
                + " any more: roll it back and retry (or raise the timeout)");
    }

    // ---------------------------------------------------------------- commit and rollback

    /**
     * Before any backend of the transaction is written: extends the locks whose lease is half
     * over, so that the commit runs under locks that are still this transaction's.
     *
     * @throws LockedException if a lock was lost
     */
    void prepare() {
        synchronized (tx) {
            extendDue();
        }
    }

    /**
     * Writes the buffer to the backend: pattern deletions, key deletions, values, tag-set
     * removals, expiries. Every value write is sent before the first answer is awaited (a remote
     * backend pipelines them) and every answer is checked: a write that failed, even one whose
     * failure a suppressing backend turned into {@code false}, fails the commit, since the caller
     * asked for all of them. What was written stays written: a commit is not atomic across keys.
     *
     * @throws CacheBackendInteractionException if a value write failed; its cause is the first
     *     failure when the backend reported one
     */
    void apply() {
        synchronized (tx) {
            for (Glob mask : masks) {
                backend.deleteMatch(mask);
            }
            List<String> gone = new ArrayList<>(deleted);
            List<String> keys = new ArrayList<>(values.size());
            List<CompletableFuture<Boolean>> writes = new ArrayList<>(values.size());
            long now = now();
            for (Map.Entry<String, Entry> e : values.entrySet()) {
                long deadline = e.getValue().deadline;
                if (deadline != NEVER && deadline - now <= 0) {
                    gone.add(e.getKey());
                } else {
                    keys.add(e.getKey());
                    writes.add(write(e.getKey(), e.getValue().value, ttl(deadline, now)));
                }
            }
            if (!gone.isEmpty()) {
                backend.deleteMany(gone);
            }
            awaitAll(keys, writes);
            pendingRemovals.forEach((key, members) -> backend.setRemove(key, members.toArray(new String[0])));
            // An expiry already past deletes the key, as expire with a zero TTL does.
            expiries.forEach((key, deadline) -> backend.expire(key, ttl(deadline, now)));
        }
    }

    // What is left of a deadline, rounded up to whole milliseconds, so a short TTL stays short.
    private static @Nullable Duration ttl(long deadline, long now) {
        return deadline == NEVER ? null : Duration.ofMillis((Math.max(deadline - now, 0) + 999_999L) / 1_000_000L);
    }

    private CompletableFuture<Boolean> write(String key, Object value, @Nullable Duration ttl) {
        try {
            return backend.setAsync(key, value, ttl, Exist.ANY);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void awaitAll(List<String> keys, List<CompletableFuture<Boolean>> writes) {
        Throwable first = null;
        String firstKey = null;
        int failed = 0;
        for (int i = 0; i < writes.size(); i++) {
            boolean written;
            Throwable error = null;
            try {
                written = writes.get(i).join();
            } catch (RuntimeException e) {
                written = false;
                error = Failures.unwrap(e);
            }
            if (!written) {
                failed++;
                if (firstKey == null) {
                    firstKey = keys.get(i);
                    first = error;
                }
            }
        }
        if (failed > 0) {
            throw new CacheBackendInteractionException("the commit did not complete: " + failed + " of "
                    + writes.size() + " writes failed on " + backend + ", first for key '" + firstKey + "'"
                    + (first == null ? " (a suppressed failure)" : "") + "; "
                    + (failed == writes.size() ? "none was" : "the other " + (writes.size() - failed) + " were")
                    + " applied: a commit is not atomic across keys", first);
        }
    }

    /** Forgets the buffer and releases the locks. */
    void reset() {
        synchronized (tx) {
            values.clear();
            deleted.clear();
            masks.clear();
            pendingRemovals.clear();
            expiries.clear();
            broken = null;
            releaseAll();
        }
    }

    // ---------------------------------------------------------------- buffered writes

    @Override
    public boolean set(String key, Object value, @Nullable Duration ttl, Exist exist) {
        synchronized (tx) {
            lockFor(key);
            if (exist != Exist.ANY) {
                // The union of the buffer and the backend decides (cashews looked at one side only).
                boolean present = existsInView(key);
                if (present != (exist == Exist.PRESENT)) {
                    return false;
                }
            }
            put(key, value, deadline(ttl));
            return true;
        }
    }

    @Override
    public void setMany(Map<String, ?> pairs, @Nullable Duration ttl) {
        synchronized (tx) {
            long deadline = deadline(ttl);
            pairs.forEach((key, value) -> {
                lockFor(key);
                put(key, value, deadline);
            });
        }
    }

    @Override
    public long incr(String key, long by, @Nullable Duration ttl) {
        synchronized (tx) {
            lockFor(key);
            Entry entry = entry(key);
            long base;
            long deadline;
            if (entry != null) {
                base = integer(key, entry.value);
                deadline = entry.deadline;
            } else if (masked(key)) {
                base = 0;
                deadline = deadline(ttl);
            } else {
                // Copied from the backend (after the lock, so a LOCKED transaction reads committed data).
                Object stored = backend.get(key);
                if (stored == null) {
                    base = 0;
                    deadline = deadline(ttl);
                } else {
                    base = integer(key, stored);
                    deadline = backendDeadline(key);
                }
            }
            long result;
            try {
                result = Math.addExact(base, by);
            } catch (ArithmeticException overflow) {
                throw new IllegalStateException("incr of key '" + key + "' by " + by + " overflows a long");
            }
            put(key, result, deadline);
            return result;
        }
    }

    // ---------------------------------------------------------------- atomic commands, decided on the view

    // A key's value as this transaction sees it (buffer over backend) with its deadline, or null
    // when missing; the backend's TTL is read only when asked for (a keepTtl write).
    private @Nullable Entry viewed(String key, boolean withDeadline) {
        Entry entry = entry(key);
        if (entry != null) {
            return entry;
        }
        if (masked(key)) {
            return null;
        }
        Object stored = backend.get(key);
        if (stored == null) {
            return null;
        }
        return new Entry(stored, withDeadline ? backendDeadline(key) : NEVER);
    }

    @Override
    public @Nullable Object getAndSet(String key, Object value, @Nullable Duration ttl, boolean keepTtl) {
        synchronized (tx) {
            lockFor(key);
            Entry old = viewed(key, keepTtl);
            put(key, value, old != null && keepTtl ? old.deadline : deadline(ttl));
            return old == null ? null : old.value;
        }
    }

    @Override
    public boolean compareAndSet(String key, @Nullable Object expected, Object value, @Nullable Duration ttl,
            boolean keepTtl) {
        synchronized (tx) {
            lockFor(key);
            if (expected == null) {
                if (existsInView(key)) {
                    return false;
                }
                put(key, value, deadline(ttl));
                return true;
            }
            Entry old = viewed(key, keepTtl);
            if (old == null || !Objects.deepEquals(old.value, expected)) {
                return false;
            }
            put(key, value, keepTtl ? old.deadline : deadline(ttl));
            return true;
        }
    }

    @Override
    public boolean deleteIfEquals(String key, Object expected) {
        synchronized (tx) {
            lockFor(key);
            Entry old = viewed(key, false);
            if (old == null || !Objects.deepEquals(old.value, expected)) {
                return false;
            }
            remove(key);
            return true;
        }
    }

    @Override
    public @Nullable Object getAndDelete(String key) {
        synchronized (tx) {
            lockFor(key);
            Entry old = viewed(key, false);
            remove(key);
            return old == null ? null : old.value;
        }
    }

    // The backend key's own deadline, to the millisecond (a TTL in seconds could expire it at once).
    private long backendDeadline(String key) {
        long millis = backend.getExpireMillis(key);
        return millis < 0 ? NEVER : now() + Duration.ofMillis(millis).toNanos();
    }

    private static long integer(String key, Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw new IllegalStateException("cannot incr key '" + key + "': its value is not an integer ("
                + value.getClass().getName() + ")");
    }

    @Override
    public boolean delete(String key) {
        synchronized (tx) {
            lockFor(key);
            boolean existed = existsInView(key);
            remove(key);
            return existed;
        }
    }

    @Override
    public long deleteMany(List<String> keys) {
        synchronized (tx) {
            long count = 0;
            for (String key : keys) {
                if (delete(key)) {
                    count++;
                }
            }
            return count;
        }
    }

    @Override
    public long deleteMatch(Glob pattern) {
        synchronized (tx) {
            Set<String> matching = new LinkedHashSet<>();
            for (String key : backend.scan(pattern)) {
                if (!masked(key)) {
                    matching.add(key);
                }
            }
            for (String key : new ArrayList<>(values.keySet())) {
                if (pattern.matches(key) && entry(key) != null) {
                    matching.add(key);
                }
            }
            for (String key : matching) {
                lockFor(key);
                remove(key);
            }
            masks.add(pattern);
            return matching.size();
        }
    }

    @Override
    public boolean expire(String key, @Nullable Duration ttl) {
        synchronized (tx) {
            lockFor(key);
            Entry entry = entry(key);
            Object value;
            if (entry != null) {
                value = entry.value;
            } else if (masked(key)) {
                return false;
            } else {
                value = backend.get(key);
                if (value == null) {
                    // Missing, or a set, bits or raw text: not a value to buffer, but its new
                    // expiry waits for the commit too (a rollback must leave the key as it was).
                    if (!backend.exists(key)) {
                        return false;
                    }
                    if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
                        remove(key);
                    } else {
                        expiries.put(key, deadline(ttl));
                    }
                    return true;
                }
            }
            if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
                remove(key);
            } else {
                put(key, value, deadline(ttl));
            }
            return true;
        }
    }

    // ---------------------------------------------------------------- reads that see the buffer

    @Override
    public @Nullable Object get(String key) {
        synchronized (tx) {
            Entry entry = entry(key);
            if (entry != null) {
                return entry.value;
            }
            return masked(key) ? null : backend.get(key);
        }
    }

    @Override
    public List<@Nullable Object> getMany(List<String> keys) {
        synchronized (tx) {
            List<@Nullable Object> result = new ArrayList<>(keys.size());
            List<String> fromBackend = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                Entry entry = entry(key);
                result.add(entry == null ? null : entry.value);
                if (entry == null && !masked(key)) {
                    fromBackend.add(key);
                    positions.add(i);
                }
            }
            if (!fromBackend.isEmpty()) {
                List<@Nullable Object> stored = backend.getMany(fromBackend);
                for (int i = 0; i < positions.size(); i++) {
                    result.set(positions.get(i), stored.get(i));
                }
            }
            return result;
        }
    }

    @Override
    public List<Map.Entry<String, Object>> getMatch(Glob pattern) {
        synchronized (tx) {
            List<Map.Entry<String, Object>> result = new ArrayList<>();
            for (String key : new ArrayList<>(values.keySet())) {
                Entry entry = pattern.matches(key) ? entry(key) : null;
                if (entry != null) {
                    result.add(new AbstractMap.SimpleImmutableEntry<>(key, entry.value));
                }
            }
            for (Map.Entry<String, Object> stored : backend.getMatch(pattern)) {
                if (!values.containsKey(stored.getKey()) && !masked(stored.getKey())) {
                    result.add(stored);
                }
            }
            return result;
        }
    }

    @Override
    public List<String> scan(Glob pattern) {
        synchronized (tx) {
            List<String> result = new ArrayList<>();
            for (String key : new ArrayList<>(values.keySet())) {
                if (pattern.matches(key) && entry(key) != null) {
                    result.add(key);
                }
            }
            for (String key : backend.scan(pattern)) {
                if (!values.containsKey(key) && !masked(key)) {
                    result.add(key);
                }
            }
            return result;
        }
    }

    @Override
    public boolean exists(String key) {
        synchronized (tx) {
            return existsInView(key);
        }
    }

    @Override
    public long getExpire(String key) {
        synchronized (tx) {
            Entry entry = entry(key);
            if (entry != null) {
                if (entry.deadline == NEVER) {
                    return -1;
                }
                return seconds(entry.deadline);
            }
            Long expiry = expiries.get(key);
            if (expiry != null && !masked(key)) {
                return expiry == NEVER ? -1 : seconds(expiry);
            }
            return masked(key) ? -2 : backend.getExpire(key);
        }
    }

    // Whole seconds left, rounded to the nearest, as backends answer.
    private long seconds(long deadline) {
        return Math.max(0, (deadline - now() + 500_000_000L) / 1_000_000_000L);
    }

    @Override
    public long getKeysCount() {
        synchronized (tx) {
            long count = backend.getKeysCount();
            for (String key : new ArrayList<>(values.keySet())) {
                if (entry(key) != null && !backend.exists(key)) {
                    count++;
                }
            }
            Set<String> hidden = new HashSet<>();
            for (String key : deleted) {
                if (backend.exists(key)) {
                    hidden.add(key);
                }
            }
            for (Glob mask : masks) {
                for (String key : backend.scan(mask)) {
                    if (!values.containsKey(key)) {
                        hidden.add(key);
                    }
                }
            }
            return count - hidden.size();
        }
    }

    /** Not buffered (as in cashews): the backend and this transaction's buffer are both emptied. */
    @Override
    public void clear() {
        synchronized (tx) {
            values.clear();
            deleted.clear();
            masks.clear();
            expiries.clear();
            backend.clear();
        }
    }

    // ---------------------------------------------------------------- straight to the backend

    @Override
    public boolean setRaw(String key, Object value) {
        return backend.setRaw(key, value);
    }

    @Override
    public @Nullable Object getRaw(String key) {
        return backend.getRaw(key);
    }

    @Override
    public long sliceIncr(String key, long startMillis, long endMillis, long maxValue, Duration ttl) {
        return backend.sliceIncr(key, startMillis, endMillis, maxValue, ttl);
    }

    @Override
    public long[] getBits(String key, int size, long... indexes) {
        return backend.getBits(key, size, indexes);
    }

    @Override
    public long[] incrBits(String key, int size, long by, long... indexes) {
        return backend.incrBits(key, size, by, indexes);
    }

    @Override
    public String ping() {
        return backend.ping();
    }

    @Override
    public boolean isLocked(String key) {
        return backend.isLocked(key);
    }

    @Override
    public boolean setLock(String key, String value, Duration expire) {
        return backend.setLock(key, value, expire);
    }

    @Override
    public boolean unlock(String key, String value) {
        return backend.unlock(key, value);
    }

    // Additions to tag sets pass through, as in cashews: a rolled-back member only points at a
    // missing key. Removals wait for the commit, and an addition cancels a pending removal.
    @Override
    public long setAdd(String key, @Nullable Duration ttl, String... members) {
        synchronized (tx) {
            Set<String> pending = pendingRemovals.get(key);
            if (pending != null) {
                pending.removeAll(List.of(members));
            }
        }
        return backend.setAdd(key, ttl, members);
    }

    @Override
    public long setRemove(String key, String... members) {
        synchronized (tx) {
            Set<String> present = backend.setMembers(key);
            Set<String> pending = pendingRemovals.computeIfAbsent(key, k -> new LinkedHashSet<>());
            long removed = 0;
            for (String member : members) {
                if (pending.add(member) && present.contains(member)) {
                    removed++;
                }
            }
            return removed;
        }
    }

    @Override
    public List<String> setPop(String key, int count) {
        return backend.setPop(key, count);
    }

    @Override
    public Set<String> setMembers(String key) {
        synchronized (tx) {
            Set<String> pending = pendingRemovals.get(key);
            Set<String> members = backend.setMembers(key);
            if (pending == null || pending.isEmpty()) {
                return members;
            }
            Set<String> left = new LinkedHashSet<>(members);
            left.removeAll(pending);
            return left;
        }
    }

    /** The facade never closes a wrapper; the real backend belongs to its route. */
    @Override
    public void close() {
        // Nothing of its own to release: locks go with the transaction's end.
    }

    // ---------------------------------------------------------------- asynchronous forms
    // Those not here answer at once from the synchronous logic (AbstractImmediateBackend).

    @Override
    public CompletableFuture<Boolean> setRawAsync(String key, Object value) {
        return backend.setRawAsync(key, value);
    }

    @Override
    public CompletableFuture<@Nullable Object> getAsync(String key) {
        synchronized (tx) {
            Entry entry = entry(key);
            if (entry != null) {
                return CompletableFuture.completedFuture(entry.value);
            }
            if (masked(key)) {
                return CompletableFuture.completedFuture(null);
            }
        }
        // Not in the buffer: the backend answers without blocking this thread.
        return backend.getAsync(key);
    }

    @Override
    public CompletableFuture<@Nullable Object> getRawAsync(String key) {
        return backend.getRawAsync(key);
    }

    @Override
    public CompletableFuture<Long> sliceIncrAsync(String key, long startMillis, long endMillis, long maxValue,
            Duration ttl) {
        return backend.sliceIncrAsync(key, startMillis, endMillis, maxValue, ttl);
    }

    @Override
    public CompletableFuture<long[]> getBitsAsync(String key, int size, long... indexes) {
        return backend.getBitsAsync(key, size, indexes);
    }

    @Override
    public CompletableFuture<long[]> incrBitsAsync(String key, int size, long by, long... indexes) {
        return backend.incrBitsAsync(key, size, by, indexes);
    }

    @Override
    public CompletableFuture<Boolean> existsAsync(String key) {
        synchronized (tx) {
            if (entry(key) != null) {
                return CompletableFuture.completedFuture(true);
            }
            if (masked(key)) {
                return CompletableFuture.completedFuture(false);
            }
        }
        return backend.existsAsync(key);
    }

    @Override
    public CompletableFuture<Long> getExpireAsync(String key) {
        synchronized (tx) {
            if (entry(key) != null || masked(key) || expiries.containsKey(key)) {
                return CompletableFuture.completedFuture(getExpire(key));
            }
        }
        return backend.getExpireAsync(key);
    }

    @Override
    public CompletableFuture<String> pingAsync() {
        return backend.pingAsync();
    }

    @Override
    public CompletableFuture<Boolean> isLockedAsync(String key) {
        return backend.isLockedAsync(key);
    }

    @Override
    public CompletableFuture<Boolean> setLockAsync(String key, String value, Duration expire) {
        return backend.setLockAsync(key, value, expire);
    }

    @Override
    public CompletableFuture<Boolean> unlockAsync(String key, String value) {
        return backend.unlockAsync(key, value);
    }

    @Override
    public CompletableFuture<Long> setAddAsync(String key, @Nullable Duration ttl, String... members) {
        synchronized (tx) {
            Set<String> pending = pendingRemovals.get(key);
            if (pending != null) {
                pending.removeAll(List.of(members));
            }
        }
        return backend.setAddAsync(key, ttl, members);
    }

    @Override
    public CompletableFuture<List<String>> setPopAsync(String key, int count) {
        return backend.setPopAsync(key, count);
    }

    // Buffered values come back as they were given; what the backend returns after the commit decides.
    @Override
    public boolean encodesValues() {
        return backend.encodesValues();
    }

    @Override
    public long evictionCount() {
        return backend.evictionCount();
    }

    @Override
    public String toString() {
        return "transactional " + backend;
    }
}
