package io.cashews.disk;

import io.cashews.CacheBackendInteractionException;
import io.cashews.Exist;
import io.cashews.codec.ValueCodec;
import io.cashews.spi.AbstractBlockingBackend;
import io.cashews.spi.BitArray;
import io.cashews.spi.Glob;
import io.cashews.time.CacheClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The {@code disk://} backend: every command of {@link io.cashews.spi.Backend} on sharded SQLite
 * files in one directory (SPEC §13). Each write command is one {@code BEGIN IMMEDIATE … COMMIT}
 * on its key's shard, so it is atomic across threads and processes; reads run on pooled read
 * connections and never write. Values pass the {@link ValueCodec} outside the transactions.
 *
 * <p>Failures: a key of another kind (a counter that is not a number, bits, a set or a window
 * where something else is stored) is an {@link IllegalStateException} naming the key whatever
 * {@code suppress} says, and so are the codec's security errors. SQLite failures (busy, full,
 * I/O, read-only, corrupt) are a {@link CacheBackendInteractionException} naming the error code
 * and the file with {@code suppress=false}; with {@code suppress=true} they are logged (at most
 * once a minute per shard and error) and the command returns its neutral result: a miss,
 * {@code false}, zero, {@code -2} for {@code getExpire}, an empty array for bit commands, and
 * {@code true} for {@code setLock}, so that a lock fails open as on Redis. {@code ping} always
 * throws. A corrupt shard is quarantined and recreated in the background while the others serve.
 */
final class DiskBackend extends AbstractBlockingBackend {

    private static final System.Logger LOG = System.getLogger(DiskBackend.class.getName());
    // Keys per query of getMany and rows per transaction of deleteMatch.
    private static final int BATCH = 500;
    private static final long[] NO_BITS = new long[0];
    private static final Set<String> SHARED_FILE_SYSTEMS = Set.of("cifs", "smb", "smbfs", "smb2", "smb3", "9p", "nfs");

    private final DiskSettings settings;
    private final Path directory;
    private final boolean temporary;
    private final Shard[] shards;
    private final ValueCodec codec;
    private final CacheClock clock;
    private final Executor executor;
    private final boolean wallClock;
    private final long anchorMillis;
    private final long anchorNanos;
    private final boolean lru;
    private final Failures failures;
    // Commands hold it shared; close() takes it exclusively, so it waits for those in flight.
    private final ReentrantReadWriteLock inFlight = new ReentrantReadWriteLock();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closed;
    private final AtomicBoolean oversizeWarned = new AtomicBoolean();

    private DiskBackend(DiskSettings settings, Path directory, boolean temporary, Shard[] shards, ValueCodec codec,
            CacheClock clock, Executor executor) {
        super(executor);
        this.settings = settings;
        this.directory = directory;
        this.temporary = temporary;
        this.shards = shards;
        this.codec = codec;
        this.clock = clock;
        this.executor = executor;
        this.wallClock = clock == CacheClock.system() || clock == CacheClock.coarse();
        this.anchorMillis = System.currentTimeMillis();
        this.anchorNanos = clock.nanoTime();
        this.lru = settings.eviction() == DiskSettings.Eviction.LRU;
        this.failures = new Failures(settings.suppress(), clock);
    }

    /**
     * Opens (creating when needed) the directory and its shards and starts the background work.
     *
     * @param settings the parsed options
     * @param codec the value codec
     * @param clock the instance's clock
     * @param executor the instance's executor
     * @return the backend
     * @throws IllegalArgumentException naming the directory or file when it cannot be used
     * @throws CacheBackendInteractionException when SQLite fails at setup, naming the error code and file
     */
    static DiskBackend open(DiskSettings settings, ValueCodec codec, CacheClock clock, Executor executor) {
        Path directory;
        boolean temporary = settings.directory() == null;
        if (temporary) {
            try {
                directory = Files.createTempDirectory("cashews-disk-");
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot create a temporary directory for disk:// in "
                        + System.getProperty("java.io.tmpdir") + ": " + e, e);
            }
        } else {
            directory = prepareDirectory(Objects.requireNonNull(settings.directory()).toAbsolutePath());
        }
        try {
            directory = directory.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("disk cache directory " + directory + " cannot be resolved: " + e, e);
        }
        warnIfShared(directory);
        Shard[] shards = new Shard[settings.shards()];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = new Shard(directory, i, settings);
        }
        DiskBackend backend = new DiskBackend(settings, directory, temporary, shards, codec, clock, executor);
        try {
            DirectoryLock.holding(directory, () -> {
                for (Shard shard : shards) {
                    shard.prepareFile();
                }
                return null;
            });
            for (Shard shard : shards) {
                shard.openConnections();
            }
        } catch (RuntimeException | Error e) {
            backend.abandon();
            throw nativeLibrary(e);
        } catch (SQLException e) {
            backend.abandon();
            throw new CacheBackendInteractionException("disk cache setup failed in " + directory + " with "
                    + Failures.codeName(e) + ": " + e.getMessage(), e);
        } catch (IOException e) {
            backend.abandon();
            throw new IllegalArgumentException("disk cache directory " + directory + " cannot be written: " + e, e);
        } catch (Exception e) {
            backend.abandon();
            throw new CacheBackendInteractionException("disk cache setup failed in " + directory + ": " + e, e);
        }
        backend.startBackgroundWork();
        return backend;
    }

    // The native library is extracted to org.sqlite.tmpdir (java.io.tmpdir by default) on first use.
    private static RuntimeException nativeLibrary(Throwable e) {
        if (e instanceof LinkageError) {
            String tmp = System.getProperty("org.sqlite.tmpdir", System.getProperty("java.io.tmpdir"));
            return new IllegalArgumentException("the SQLite native library cannot be loaded (it is extracted to "
                    + tmp + "; set -Dorg.sqlite.tmpdir to a writable directory that allows executables): " + e, e);
        }
        if (e instanceof RuntimeException runtime) {
            return runtime;
        }
        throw (Error) e;
    }

    private static Path prepareDirectory(Path directory) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IllegalArgumentException("disk cache directory " + directory + " is not a directory (a file is"
                    + " there); name a directory, which is created if missing");
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalArgumentException("disk cache directory " + directory + " cannot be created: " + e, e);
        }
        Path probe = directory.resolve(DirectoryLock.FILE_NAME);
        try {
            try {
                Files.createFile(probe);
            } catch (FileAlreadyExistsException made) {
                // There already, or made a moment ago by another process or instance setting up
                // the same directory: both are fine (checking first and then creating was a race).
            }
            if (!Files.isWritable(probe) || !Files.isWritable(directory)) {
                throw new IOException("not writable");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("disk cache directory " + directory + " cannot be written: " + e, e);
        }
        return directory;
    }

    private static void warnIfShared(Path directory) {
        try {
            FileStore store = Files.getFileStore(directory);
            String type = store.type().toLowerCase(Locale.ROOT);
            if (type.startsWith("nfs") || type.startsWith("smb") || type.startsWith("fuse.") || SHARED_FILE_SYSTEMS.contains(type)) {
                LOG.log(Level.WARNING, "disk cache directory {0} is on a {1} file system: SQLite''s WAL needs every"
                        + " process on one host, and network file systems break its locks; use a local disk", directory, type);
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot read the file system type of {0}: {1}", directory, e.toString());
        }
    }

    // Closes what setup opened, after a failure.
    private void abandon() {
        closed = true;
        for (Shard shard : shards) {
            shard.close();
        }
        if (temporary) {
            deleteTree(directory);
        }
    }

    // ---------------------------------------------------------------- background work

    private void startBackgroundWork() {
        if (lru) {
            every(settings.lruFlush(), this::flushAccessTimes);
        }
        if (!settings.checkInterval().isZero()) {
            every(settings.checkInterval(), this::maintain);
        }
    }

    // On the instance's executor after real time, as mem://'s purge: the ManualClock of tests
    // counts its waiters (lock waits), which a periodic task must not add to. Tests call
    // maintain() and flushAccessTimes() directly.
    private void every(Duration period, Runnable task) {
        Executor later = CompletableFuture.delayedExecutor(period.toNanos(), TimeUnit.NANOSECONDS, executor);
        later.execute(() -> {
            if (closed) {
                return;
            }
            try {
                task.run();
            } finally {
                if (!closed) {
                    every(period, task);
                }
            }
        });
    }

    /** Writes every shard's buffered access times now. */
    void flushAccessTimes() {
        for (Shard shard : shards) {
            background(shard, "lru_flush", () -> {
                shard.flushAccessTimes();
                return null;
            });
        }
    }

    /** Runs the periodic maintenance of every shard now (recovery of broken or replaced shards first). */
    void maintain() {
        for (Shard shard : shards) {
            background(shard, "maintenance", () -> {
                if (shard.isBroken() || shard.replaced()) {
                    if (shard.markBroken()) {
                        shard.recover();
                    }
                    return null;
                }
                shard.maintain(now());
                return null;
            });
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws Exception;
    }

    private void background(Shard shard, String what, Work<?> work) {
        if (!tryEnter()) {
            return;
        }
        try {
            work.run();
        } catch (SQLException e) {
            if (Failures.isCorrupt(e)) {
                brokenShard(shard);
            }
            LOG.log(Level.DEBUG, "disk cache {0} of {1} failed: {2}", what, shard.file, e.toString());
        } catch (Exception e) {
            LOG.log(Level.WARNING, "disk cache {0} of {1} failed: {2}", what, shard.file, e.toString());
        } finally {
            exit();
        }
    }

    private void brokenShard(Shard shard) {
        if (shard.markBroken()) {
            Runnable recovery = () -> {
                if (!tryEnter()) {
                    shard.recoveryDropped();
                    return;
                }
                try {
                    shard.recover();
                } finally {
                    exit();
                }
            };
            try {
                executor.execute(recovery);
            } catch (RejectedExecutionException shutDown) {
                // maintenance tries again
                shard.recoveryDropped();
            }
        }
    }

    // ---------------------------------------------------------------- plumbing

    /** Epoch milliseconds, the time every process sharing the directory agrees on. */
    long now() {
        return wallClock ? System.currentTimeMillis() : anchorMillis + Math.floorDiv(clock.nanoTime() - anchorNanos, 1_000_000L);
    }

    static long millis(Duration ttl) {
        try {
            long nanos = ttl.toNanos();
            // Round up: a TTL below a millisecond must not become "expired at once".
            return Math.max(1, nanos / 1_000_000 + (nanos % 1_000_000 == 0 ? 0 : 1));
        } catch (ArithmeticException centuries) {
            return Long.MAX_VALUE / 4;
        }
    }

    private static @Nullable Long expireAt(@Nullable Duration ttl, long now) {
        if (ttl == null) {
            return null;
        }
        long ms = millis(ttl);
        return ms > Long.MAX_VALUE / 2 - now ? Long.MAX_VALUE / 2 : now + ms;
    }

    Shard shard(String key) {
        if (shards.length == 1) {
            return shards[0];
        }
        CRC32C crc = new CRC32C();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return shards[(int) Math.floorMod(crc.getValue(), (long) shards.length)];
    }

    Shard[] shards() {
        return shards;
    }

    Path directory() {
        return directory;
    }

    private boolean tryEnter() {
        if (closed) {
            return false;
        }
        inFlight.readLock().lock();
        if (closed) {
            inFlight.readLock().unlock();
            return false;
        }
        return true;
    }

    private void enter() {
        if (!tryEnter()) {
            throw new IllegalStateException("the disk backend on " + directory + " is closed");
        }
    }

    private void exit() {
        inFlight.readLock().unlock();
    }

    @FunctionalInterface
    private interface Command<T> {
        T run() throws SQLException;
    }

    private <T> T run(String command, String key, Shard shard, T neutral, Command<T> body) {
        enter();
        try {
            return body.run();
        } catch (SQLException e) {
            if (Failures.isCorrupt(e)) {
                brokenShard(shard);
            }
            return failures.answer(command, key, shard, e, neutral);
        } finally {
            exit();
        }
    }

    private static boolean live(ResultSet rs, int column, long now) throws SQLException {
        long at = rs.getLong(column);
        return rs.wasNull() || at > now;
    }

    private static int utf8Length(String text) {
        int n = text.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes++;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 2;
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    private static void bindExpire(PreparedStatement statement, int index, @Nullable Long expireAt) throws SQLException {
        if (expireAt == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, expireAt);
        }
    }

    /** A row read by the writer. */
    private record Row(long id, int kind, byte @Nullable [] value, @Nullable Long expireAt, long bytes) {
    }

    private static @Nullable Row row(Shard.Writer w, String key) throws SQLException {
        w.row.setString(1, key);
        try (ResultSet rs = w.row.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            long id = rs.getLong(1);
            int kind = rs.getInt(2);
            byte[] value = rs.getBytes(3);
            long at = rs.getLong(4);
            Long expireAt = rs.wasNull() ? null : at;
            return new Row(id, kind, value, expireAt, rs.getLong(5));
        }
    }

    /**
     * The key's row for a write command, or null when there is none or it has expired (then it is
     * deleted first, as {@code DELETE … WHERE key = ? AND expire_at <= ?} would): one statement
     * less per command than deleting and reading apart.
     */
    private static @Nullable Row liveRow(Shard.Writer w, String key, long now) throws SQLException {
        Row row = row(w, key);
        if (row != null && row.expireAt() != null && row.expireAt() <= now) {
            w.deleteId(row.id());
            return null;
        }
        return row;
    }

    private static String kindName(int kind) {
        return switch (kind) {
            case Sql.VALUE -> "a value";
            case Sql.BITS -> "a bit field";
            case Sql.SET -> "a set";
            default -> "a sliding window";
        };
    }

    private static long insert(Shard.Writer w, String key, int kind, byte @Nullable [] value, @Nullable Long expireAt,
            long now, long bytes, boolean pinned) throws SQLException {
        PreparedStatement s = w.insertAbsent;
        s.setString(1, key);
        s.setInt(2, kind);
        if (value == null) {
            s.setNull(3, Types.BLOB);
        } else {
            s.setBytes(3, value);
        }
        bindExpire(s, 4, expireAt);
        s.setLong(5, now);
        s.setLong(6, now);
        s.setLong(7, bytes);
        s.setInt(8, pinned ? 1 : 0);
        return s.executeUpdate();
    }

    private static void updateRow(Shard.Writer w, long id, int kind, byte @Nullable [] value, @Nullable Long expireAt,
            long bytes, long now) throws SQLException {
        PreparedStatement s = w.updateRow;
        s.setInt(1, kind);
        if (value == null) {
            s.setNull(2, Types.BLOB);
        } else {
            s.setBytes(2, value);
        }
        bindExpire(s, 3, expireAt);
        s.setLong(4, bytes);
        s.setInt(5, 1);
        s.setLong(6, now);
        s.setLong(7, id);
        s.executeUpdate();
    }

    private static void resize(Shard.Writer w, long id, long delta, @Nullable Long expireAt) throws SQLException {
        w.rowResize.setLong(1, delta);
        bindExpire(w.rowResize, 2, expireAt);
        w.rowResize.setLong(3, id);
        w.rowResize.executeUpdate();
    }

    // ---------------------------------------------------------------- values

    @Override
    public boolean set(String key, Object value, @Nullable Duration ttl, Exist exist) {
        byte[] data = codec.encode(key, Objects.requireNonNull(value, "value"));
        return store("set", key, data, ttl, exist, false);
    }

    @Override
    public boolean setRaw(String key, Object value) {
        byte[] data;
        if (value instanceof byte[] bytes) {
            data = bytes;
        } else if (value instanceof CharSequence || value instanceof Number) {
            data = value.toString().getBytes(StandardCharsets.UTF_8);
        } else {
            throw new IllegalArgumentException("setRaw on disk:// stores text, numbers or byte[], not "
                    + value.getClass().getName() + " (key '" + key + "')");
        }
        return store("setRaw", key, data, null, Exist.ANY, false);
    }

    @Override
    public boolean setLock(String key, String value, Duration expire) {
        byte[] data = codec.encode(key, value);
        // Fails open (true) when suppressed, as on Redis: a waiter must not spin on a broken disk.
        return store("setLock", key, data, expire, Exist.ABSENT, true);
    }

    private boolean fits(String key, byte[] data) {
        long bytes = (long) utf8Length(key) + data.length + Sql.ROW_OVERHEAD;
        if (bytes <= settings.shardLimit()) {
            return true;
        }
        if (oversizeWarned.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "disk cache refuses key ''{0}'': its {1} bytes exceed a shard''s share ({2} bytes) of"
                    + " size_limit={3}; raise size_limit or lower shards (logged once)", key, bytes,
                    settings.shardLimit(), settings.sizeLimit());
        }
        return false;
    }

    private boolean store(String command, String key, byte[] data, @Nullable Duration ttl, Exist exist, boolean lock) {
        if (!fits(key, data)) {
            return false;
        }
        Shard shard = shard(key);
        long bytes = (long) utf8Length(key) + data.length + Sql.ROW_OVERHEAD;
        return run(command, key, shard, lock, () -> shard.write(w -> {
            long now = now();
            Long expireAt = expireAt(ttl, now);
            if (exist != Exist.ANY) {
                // An upsert replaces an expired row anyway; the others must not see it.
                w.deleteExpired(key, now);
            }
            int changed;
            if (exist == Exist.ANY) {
                changed = upsert(w, key, data, expireAt, now, bytes);
            } else if (exist == Exist.ABSENT) {
                changed = (int) insert(w, key, Sql.VALUE, data, expireAt, now, bytes, lock);
            } else {
                PreparedStatement s = w.updatePresent;
                s.setBytes(1, data);
                bindExpire(s, 2, expireAt);
                s.setLong(3, now);
                s.setLong(4, now);
                s.setLong(5, bytes);
                s.setString(6, key);
                changed = s.executeUpdate();
            }
            if (changed > 0) {
                shard.cull(w, key, now);
            }
            return changed > 0;
        }));
    }

    private static int upsert(Shard.Writer w, String key, byte[] data, @Nullable Long expireAt, long now, long bytes)
            throws SQLException {
        PreparedStatement s = w.upsert;
        s.setString(1, key);
        s.setBytes(2, data);
        bindExpire(s, 3, expireAt);
        s.setLong(4, now);
        s.setLong(5, now);
        s.setLong(6, bytes);
        return s.executeUpdate();
    }

    @Override
    public void setMany(Map<String, ?> pairs, @Nullable Duration ttl) {
        Map<Shard, List<Map.Entry<String, byte[]>>> byShard = new HashMap<>();
        for (Map.Entry<String, ?> pair : pairs.entrySet()) {
            String key = pair.getKey();
            byte[] data = codec.encode(key, Objects.requireNonNull(pair.getValue(), "value"));
            if (fits(key, data)) {
                byShard.computeIfAbsent(shard(key), s -> new ArrayList<>()).add(Map.entry(key, data));
            }
        }
        for (Map.Entry<Shard, List<Map.Entry<String, byte[]>>> group : byShard.entrySet()) {
            Shard shard = group.getKey();
            List<Map.Entry<String, byte[]>> rows = group.getValue();
            run("setMany", rows.get(0).getKey(), shard, null, () -> shard.write(w -> {
                long now = now();
                Long expireAt = expireAt(ttl, now);
                for (Map.Entry<String, byte[]> row : rows) {
                    upsert(w, row.getKey(), row.getValue(), expireAt, now,
                            (long) utf8Length(row.getKey()) + row.getValue().length + Sql.ROW_OVERHEAD);
                    shard.cull(w, row.getKey(), now);
                }
                return null;
            }));
        }
    }

    // The stored bytes of a live value row, null otherwise.
    private byte @Nullable [] readValue(String command, String key, Shard shard, long now) {
        return run(command, key, shard, null, () -> shard.read(r -> {
            r.get.setString(1, key);
            try (ResultSet rs = r.get.executeQuery()) {
                if (!rs.next() || rs.getInt(1) != Sql.VALUE || !live(rs, 3, now)) {
                    return null;
                }
                return rs.getBytes(2);
            }
        }));
    }

    /** Rows this process evicted for the size limit or purged as expired, over every shard. */
    @Override
    public long evictionCount() {
        long sum = 0;
        for (Shard shard : shards) {
            sum += shard.evictionCount();
        }
        return sum;
    }

    @Override
    public @Nullable Object get(String key) {
        Shard shard = shard(key);
        long now = now();
        byte[] data = readValue("get", key, shard, now);
        if (data == null) {
            return null;
        }
        if (lru) {
            shard.accessed(key, now);
        }
        return codec.decode(key, data);
    }

    @Override
    public @Nullable Object getRaw(String key) {
        byte[] data = readValue("getRaw", key, shard(key), now());
        return data == null ? null : raw(data);
    }

    // Text when the bytes are valid UTF-8, the bytes otherwise (as on Redis).
    private static Object raw(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException binary) {
            return data;
        }
    }

    @Override
    public List<@Nullable Object> getMany(List<String> keys) {
        List<@Nullable Object> values = new ArrayList<>(keys.size());
        byte[][] found = new byte[keys.size()][];
        for (int i = 0; i < keys.size(); i++) {
            values.add(null);
        }
        if (keys.isEmpty()) {
            return values;
        }
        long now = now();
        Map<Shard, List<Integer>> byShard = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            byShard.computeIfAbsent(shard(keys.get(i)), s -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<Shard, List<Integer>> group : byShard.entrySet()) {
            Shard shard = group.getKey();
            List<Integer> positions = group.getValue();
            for (int from = 0; from < positions.size(); from += BATCH) {
                List<Integer> batch = positions.subList(from, Math.min(positions.size(), from + BATCH));
                Map<String, byte[]> rows = run("getMany", keys.get(batch.get(0)), shard, Map.of(), () -> shard.read(r -> {
                    r.getMany.setString(1, Json.array(keys, batch));
                    Map<String, byte[]> hits = new HashMap<>();
                    try (ResultSet rs = r.getMany.executeQuery()) {
                        while (rs.next()) {
                            if (rs.getInt(2) == Sql.VALUE && live(rs, 4, now)) {
                                hits.put(rs.getString(1), rs.getBytes(3));
                            }
                        }
                    }
                    return hits;
                }));
                for (int position : batch) {
                    found[position] = rows.get(keys.get(position));
                }
            }
        }
        for (int i = 0; i < keys.size(); i++) {
            if (found[i] != null) {
                String key = keys.get(i);
                if (lru) {
                    shard(key).accessed(key, now);
                }
                values.set(i, codec.decode(key, found[i]));
            }
        }
        return values;
    }

    /**
     * The first string after every string that starts with {@code prefix}, in the byte order of
     * UTF-8 (SQLite's BINARY collation): the prefix with its last code point incremented, or
     * {@code null} when there is none (every string sorts below it).
     */
    static @Nullable String upperBound(String prefix) {
        int[] points = prefix.codePoints().toArray();
        for (int i = points.length - 1; i >= 0; i--) {
            int next = points[i] + 1;
            if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
                next = Character.MAX_SURROGATE + 1;
            }
            if (next <= Character.MAX_CODE_POINT) {
                points[i] = next;
                return new String(points, 0, i + 1);
            }
        }
        return null;
    }

    private interface Match {
        void row(ResultSet rs) throws SQLException;
    }

    // Runs the prefix range of pattern on a reader, calling match for each row in it.
    private static void range(Shard.Reader r, Glob pattern, boolean values, Match match) throws SQLException {
        range(r, pattern, values, match, () -> false);
    }

    // The same, stopping before the next row once enough says so.
    private static void range(Shard.Reader r, Glob pattern, boolean values, Match match, BooleanSupplier enough)
            throws SQLException {
        String prefix = pattern.literalPrefix();
        String upper = upperBound(prefix);
        PreparedStatement s = upper == null ? (values ? r.rangeValuesFrom : r.rangeFrom) : (values ? r.rangeValues : r.range);
        s.setString(1, prefix);
        if (upper != null) {
            s.setString(2, upper);
        }
        try (ResultSet rs = s.executeQuery()) {
            while (!enough.getAsBoolean() && rs.next()) {
                match.row(rs);
            }
        }
    }

    private List<String> scanShard(Shard shard, Glob pattern, long now, int limit) {
        return run("scan", pattern.pattern(), shard, List.of(), () -> shard.read(r -> {
            List<String> keys = new ArrayList<>();
            range(r, pattern, false, rs -> {
                String key = rs.getString(1);
                if (live(rs, 3, now) && pattern.matches(key)) {
                    keys.add(key);
                }
            }, () -> keys.size() >= limit);
            return keys;
        }));
    }

    @Override
    public List<String> scan(Glob pattern) {
        return scan(pattern, Integer.MAX_VALUE);
    }

    // Each shard reads no further than the keys still missing.
    @Override
    public List<String> scan(Glob pattern, int limit) {
        long now = now();
        if (pattern.isLiteral()) {
            String key = pattern.literalPrefix();
            return exists(key) ? new ArrayList<>(List.of(key)) : new ArrayList<>();
        }
        List<String> keys = new ArrayList<>();
        for (Shard shard : shards) {
            if (keys.size() >= limit) {
                break;
            }
            keys.addAll(scanShard(shard, pattern, now, limit - keys.size()));
        }
        return keys;
    }

    @Override
    public List<Map.Entry<String, Object>> getMatch(Glob pattern) {
        long now = now();
        List<Map.Entry<String, Object>> entries = new ArrayList<>();
        for (Shard shard : shards) {
            List<Map.Entry<String, byte[]>> rows = run("getMatch", pattern.pattern(), shard, List.of(), () -> shard.read(r -> {
                List<Map.Entry<String, byte[]>> found = new ArrayList<>();
                range(r, pattern, true, rs -> {
                    String key = rs.getString(1);
                    if (rs.getInt(2) == Sql.VALUE && live(rs, 3, now) && pattern.matches(key)) {
                        found.add(Map.entry(key, rs.getBytes(4)));
                    }
                });
                return found;
            }));
            for (Map.Entry<String, byte[]> row : rows) {
                Object value = codec.decode(row.getKey(), row.getValue());
                if (value != null) {
                    entries.add(new AbstractMap.SimpleImmutableEntry<>(row.getKey(), value));
                }
            }
        }
        return entries;
    }

    @Override
    public long deleteMatch(Glob pattern) {
        if (pattern.isLiteral()) {
            return delete(pattern.literalPrefix()) ? 1 : 0;
        }
        long now = now();
        long deleted = 0;
        for (Shard shard : shards) {
            List<String> keys = scanShard(shard, pattern, now, Integer.MAX_VALUE);
            for (int from = 0; from < keys.size(); from += BATCH) {
                List<String> batch = keys.subList(from, Math.min(keys.size(), from + BATCH));
                deleted += run("deleteMatch", pattern.pattern(), shard, 0L, () -> shard.write(w -> deleteKeys(w, batch, now())));
            }
        }
        return deleted;
    }

    private static long deleteKeys(Shard.Writer w, List<String> keys, long now) throws SQLException {
        long deleted = 0;
        for (String key : keys) {
            w.deleteExpired(key, now);
            w.deleteKey.setString(1, key);
            deleted += w.deleteKey.executeUpdate();
        }
        return deleted;
    }

    @Override
    public boolean exists(String key) {
        return getExpireMillis(key) != -2;
    }

    @Override
    public boolean delete(String key) {
        Shard shard = shard(key);
        return run("delete", key, shard, 0L, () -> shard.write(w -> deleteKeys(w, List.of(key), now()))) > 0;
    }

    @Override
    public long deleteMany(List<String> keys) {
        Map<Shard, List<String>> byShard = new HashMap<>();
        for (String key : keys) {
            byShard.computeIfAbsent(shard(key), s -> new ArrayList<>()).add(key);
        }
        long deleted = 0;
        for (Map.Entry<Shard, List<String>> group : byShard.entrySet()) {
            Shard shard = group.getKey();
            List<String> batch = group.getValue();
            deleted += run("deleteMany", batch.get(0), shard, 0L, () -> shard.write(w -> deleteKeys(w, batch, now())));
        }
        return deleted;
    }

    @Override
    public boolean expire(String key, @Nullable Duration ttl) {
        if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
            return delete(key);
        }
        Shard shard = shard(key);
        return run("expire", key, shard, false, () -> shard.write(w -> {
            long now = now();
            w.deleteExpired(key, now);
            bindExpire(w.setExpire, 1, expireAt(ttl, now));
            w.setExpire.setString(2, key);
            return w.setExpire.executeUpdate() > 0;
        }));
    }

    @Override
    public long getExpire(String key) {
        long millis = getExpireMillis(key);
        // Rounded to the nearest second, as Redis' TTL does.
        return millis < 0 ? millis : (millis + 500) / 1000;
    }

    @Override
    public long getExpireMillis(String key) {
        Shard shard = shard(key);
        long now = now();
        return run("getExpire", key, shard, -2L, () -> shard.read(r -> {
            r.expiry.setString(1, key);
            try (ResultSet rs = r.expiry.executeQuery()) {
                if (!rs.next()) {
                    return -2L;
                }
                long at = rs.getLong(1);
                if (rs.wasNull()) {
                    return -1L;
                }
                return at > now ? at - now : -2L;
            }
        }));
    }

    @Override
    public boolean unlock(String key, String value) {
        return deleteEqual("unlock", key, codec.encode(key, value));
    }

    // Compare-and-delete on the stored bytes, in one transaction: unlock and deleteIfEquals.
    private boolean deleteEqual(String command, String key, byte[] data) {
        Shard shard = shard(key);
        return run(command, key, shard, false, () -> shard.write(w -> {
            w.deleteExpired(key, now());
            w.unlock.setString(1, key);
            w.unlock.setBytes(2, data);
            return w.unlock.executeUpdate() > 0;
        }));
    }

    // ---------------------------------------------------------------- atomic commands (one transaction each)

    // Each reads the key's live row and writes in the same BEGIN IMMEDIATE transaction; values are
    // encoded before it and decoded after it. Equality is on the stored bytes against expected
    // encoded as set would store it (so the transaction never runs the deserializer).

    @Override
    public @Nullable Object getAndSet(String key, Object value, @Nullable Duration ttl, boolean keepTtl) {
        byte[] data = codec.encode(key, Objects.requireNonNull(value, "value"));
        boolean fits = fits(key, data);
        Shard shard = shard(key);
        byte[] old = run("getAndSet", key, shard, null, () -> shard.write(w -> {
            long now = now();
            Row row = plainRow(w, "getAndSet", key, now);
            byte[] replaced = row != null && row.kind() == Sql.VALUE ? row.value() : null;
            if (fits) {
                storeRow(w, shard, key, data, row != null && keepTtl ? row.expireAt() : expireAt(ttl, now), now);
            }
            return replaced;
        }));
        return old == null ? null : codec.decode(key, old);
    }

    @Override
    public boolean compareAndSet(String key, @Nullable Object expected, Object value, @Nullable Duration ttl,
            boolean keepTtl) {
        byte[] data = codec.encode(key, Objects.requireNonNull(value, "value"));
        byte[] wanted = expected == null ? null : codec.encode(key, expected);
        if (!fits(key, data)) {
            return false;
        }
        Shard shard = shard(key);
        return run("compareAndSet", key, shard, false, () -> shard.write(w -> {
            long now = now();
            Row row = liveRow(w, key, now);
            boolean equal = wanted == null ? row == null
                    : row != null && row.kind() == Sql.VALUE && Arrays.equals(row.value(), wanted);
            if (!equal) {
                return false;
            }
            storeRow(w, shard, key, data, row != null && keepTtl ? row.expireAt() : expireAt(ttl, now), now);
            return true;
        }));
    }

    @Override
    public boolean deleteIfEquals(String key, Object expected) {
        return deleteEqual("deleteIfEquals", key, codec.encode(key, Objects.requireNonNull(expected, "expected")));
    }

    @Override
    public @Nullable Object getAndDelete(String key) {
        Shard shard = shard(key);
        byte[] old = run("getAndDelete", key, shard, null, () -> shard.write(w -> {
            Row row = plainRow(w, "getAndDelete", key, now());
            if (row == null) {
                return null;
            }
            w.deleteId(row.id());
            return row.kind() == Sql.VALUE ? row.value() : null;
        }));
        return old == null ? null : codec.decode(key, old);
    }

    // The live row of a key that a value command may replace; a set or a window is refused, as
    // Redis answers WRONGTYPE (bits are a string there: read as missing, replaced).
    private static @Nullable Row plainRow(Shard.Writer w, String command, String key, long now) throws SQLException {
        Row row = liveRow(w, key, now);
        if (row != null && (row.kind() == Sql.SET || row.kind() == Sql.WINDOW)) {
            throw new IllegalStateException("cannot " + command + " key '" + key + "': it holds " + kindName(row.kind())
                    + ", not a value");
        }
        return row;
    }

    // Stores a value row as set does (unpinned, stored and accessed now), then keeps the shard in its limit.
    private static void storeRow(Shard.Writer w, Shard shard, String key, byte[] data, @Nullable Long expireAt, long now)
            throws SQLException {
        upsert(w, key, data, expireAt, now, (long) utf8Length(key) + data.length + Sql.ROW_OVERHEAD);
        shard.cull(w, key, now);
    }

    // ---------------------------------------------------------------- counters

    @Override
    public long incr(String key, long by, @Nullable Duration ttl) {
        Shard shard = shard(key);
        return run("incr", key, shard, 0L, () -> shard.write(w -> {
            long now = now();
            Row row = liveRow(w, key, now);
            if (row != null && row.kind() != Sql.VALUE) {
                throw new IllegalStateException("cannot incr key '" + key + "': it holds " + kindName(row.kind())
                        + ", not an integer");
            }
            // A signed counter is verified here; unsigned data under a secret counts as missing.
            Long current = row == null ? null : codec.counter(key, Objects.requireNonNull(row.value()));
            long sum;
            try {
                sum = current == null ? by : Math.addExact(current, by);
            } catch (ArithmeticException overflow) {
                throw new IllegalStateException("incr of key '" + key + "' by " + by + " overflows a long");
            }
            byte[] data = codec.encode(key, sum);
            long bytes = (long) utf8Length(key) + data.length + Sql.ROW_OVERHEAD;
            if (row == null) {
                insert(w, key, Sql.VALUE, data, expireAt(ttl, now), now, bytes, true);
                shard.cull(w, key, now);
            } else {
                updateRow(w, row.id(), Sql.VALUE, data, current == null ? expireAt(ttl, now) : row.expireAt(), bytes, now);
            }
            return sum;
        }));
    }

    // ---------------------------------------------------------------- bit fields

    @Override
    public long[] getBits(String key, int size, long... indexes) {
        BitArray.check(size, indexes);
        if (indexes.length == 0) {
            return NO_BITS;
        }
        Shard shard = shard(key);
        long now = now();
        return run("getBits", key, shard, NO_BITS, () -> shard.read(r -> {
            r.get.setString(1, key);
            byte[] blob;
            try (ResultSet rs = r.get.executeQuery()) {
                if (!rs.next() || !live(rs, 3, now)) {
                    blob = new byte[0];
                } else if (rs.getInt(1) != Sql.BITS) {
                    throw new IllegalStateException("cannot read bits of key '" + key + "': it holds "
                            + kindName(rs.getInt(1)) + ", not a bit field");
                } else {
                    blob = rs.getBytes(2);
                }
            }
            long[] values = new long[indexes.length];
            for (int i = 0; i < indexes.length; i++) {
                values[i] = Bits.read(blob, indexes[i] * size, size);
            }
            return values;
        }));
    }

    @Override
    public long[] incrBits(String key, int size, long by, long... indexes) {
        BitArray.check(size, indexes);
        if (indexes.length == 0) {
            return NO_BITS;
        }
        Shard shard = shard(key);
        return run("incrBits", key, shard, NO_BITS, () -> shard.write(w -> {
            long now = now();
            Row row = liveRow(w, key, now);
            if (row != null && row.kind() != Sql.BITS) {
                throw new IllegalStateException("cannot incrBits key '" + key + "': it holds " + kindName(row.kind())
                        + ", not a bit field");
            }
            byte[] blob = row == null || row.value() == null ? new byte[0] : row.value();
            long[] values = new long[indexes.length];
            for (int i = 0; i < indexes.length; i++) {
                long offset = indexes[i] * size;
                blob = Bits.grow(blob, offset + size);
                long sum = Bits.saturatingAdd(Bits.read(blob, offset, size), by, size);
                Bits.write(blob, offset, size, sum);
                values[i] = sum;
            }
            long bytes = (long) utf8Length(key) + blob.length + Sql.ROW_OVERHEAD;
            if (row == null) {
                insert(w, key, Sql.BITS, blob, null, now, bytes, true);
                shard.cull(w, key, now);
            } else {
                updateRow(w, row.id(), Sql.BITS, blob, row.expireAt(), bytes, now);
            }
            return values;
        }));
    }

    // ---------------------------------------------------------------- sliding windows

    @Override
    public long sliceIncr(String key, long startMillis, long endMillis, long maxValue, Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("sliceIncr needs a positive ttl, got " + ttl);
        }
        Shard shard = shard(key);
        int keyBytes = utf8Length(key);
        return run("sliceIncr", key, shard, 0L, () -> shard.write(w -> {
            long now = now();
            Row row = liveRow(w, key, now);
            if (row != null && row.kind() != Sql.WINDOW) {
                throw new IllegalStateException("cannot sliceIncr key '" + key + "': it holds " + kindName(row.kind())
                        + ", not a sliding window");
            }
            long count = 0;
            long seq = 0;
            if (row != null) {
                w.hitsTrim.setLong(1, row.id());
                w.hitsTrim.setLong(2, startMillis);
                w.hitsTrim.executeUpdate();
                w.hitsCount.setLong(1, row.id());
                try (ResultSet rs = w.hitsCount.executeQuery()) {
                    rs.next();
                    count = rs.getLong(1);
                    seq = rs.getLong(2);
                }
            }
            boolean record = count < maxValue;
            if (!record) {
                if (row != null) {
                    resize(w, row.id(), keyBytes + Sql.ROW_OVERHEAD + Sql.HIT_BYTES * count - row.bytes(), row.expireAt());
                }
                return count + 1;
            }
            long id;
            long bytes = keyBytes + Sql.ROW_OVERHEAD + Sql.HIT_BYTES * (count + 1);
            Long expireAt = expireAt(ttl, now);
            if (row == null) {
                insert(w, key, Sql.WINDOW, null, expireAt, now, bytes, true);
                id = w.lastId();
            } else {
                id = row.id();
                resize(w, id, bytes - row.bytes(), expireAt);
            }
            w.hitInsert.setLong(1, id);
            w.hitInsert.setLong(2, endMillis);
            w.hitInsert.setLong(3, seq + 1);
            w.hitInsert.executeUpdate();
            if (row == null) {
                shard.cull(w, key, now);
            }
            return count + 1;
        }));
    }

    // ---------------------------------------------------------------- sets (tags)

    private static IllegalStateException notASet(String key, int kind) {
        return new IllegalStateException("cannot use key '" + key + "' as a set: it holds " + kindName(kind));
    }

    @Override
    public long setAdd(String key, @Nullable Duration ttl, String... members) {
        for (String member : members) {
            Objects.requireNonNull(member, "member");
        }
        if (members.length == 0) {
            return 0;
        }
        Shard shard = shard(key);
        return run("setAdd", key, shard, 0L, () -> shard.write(w -> {
            long now = now();
            Row row = liveRow(w, key, now);
            if (row != null && row.kind() != Sql.SET) {
                throw notASet(key, row.kind());
            }
            long id;
            if (row == null) {
                insert(w, key, Sql.SET, null, expireAt(ttl, now), now, (long) utf8Length(key) + Sql.ROW_OVERHEAD, true);
                id = w.lastId();
            } else {
                id = row.id();
            }
            long added = 0;
            long grown = 0;
            for (String member : members) {
                w.memberInsert.setLong(1, id);
                w.memberInsert.setString(2, member);
                if (w.memberInsert.executeUpdate() > 0) {
                    added++;
                    grown += utf8Length(member) + 8;
                }
            }
            Long expireAt = ttl != null ? expireAt(ttl, now) : row == null ? null : row.expireAt();
            resize(w, id, grown, expireAt);
            shard.cull(w, key, now);
            return added;
        }));
    }

    @Override
    public long setRemove(String key, String... members) {
        if (members.length == 0) {
            return 0;
        }
        Shard shard = shard(key);
        return run("setRemove", key, shard, 0L, () -> shard.write(w -> {
            long now = now();
            Row row = liveRow(w, key, now);
            if (row == null) {
                return 0L;
            }
            if (row.kind() != Sql.SET) {
                throw notASet(key, row.kind());
            }
            long removed = 0;
            long shrunk = 0;
            for (String member : members) {
                w.memberDelete.setLong(1, row.id());
                w.memberDelete.setString(2, member);
                if (w.memberDelete.executeUpdate() > 0) {
                    removed++;
                    shrunk += utf8Length(member) + 8;
                }
            }
            dropIfEmpty(w, row, shrunk);
            return removed;
        }));
    }

    private static void dropIfEmpty(Shard.Writer w, Row row, long shrunk) throws SQLException {
        w.memberCount.setLong(1, row.id());
        long left;
        try (ResultSet rs = w.memberCount.executeQuery()) {
            rs.next();
            left = rs.getLong(1);
        }
        if (left == 0) {
            w.deleteId(row.id());
        } else if (shrunk > 0) {
            resize(w, row.id(), -shrunk, row.expireAt());
        }
    }

    @Override
    public List<String> setPop(String key, int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("setPop count must be positive, got " + count);
        }
        Shard shard = shard(key);
        return run("setPop", key, shard, List.of(), () -> shard.write(w -> {
            long now = now();
            Row row = liveRow(w, key, now);
            if (row == null) {
                return new ArrayList<>();
            }
            if (row.kind() != Sql.SET) {
                throw notASet(key, row.kind());
            }
            List<String> popped = new ArrayList<>();
            w.memberPick.setLong(1, row.id());
            w.memberPick.setInt(2, count);
            try (ResultSet rs = w.memberPick.executeQuery()) {
                while (rs.next()) {
                    popped.add(rs.getString(1));
                }
            }
            long shrunk = 0;
            for (String member : popped) {
                w.memberDelete.setLong(1, row.id());
                w.memberDelete.setString(2, member);
                w.memberDelete.executeUpdate();
                shrunk += utf8Length(member) + 8;
            }
            dropIfEmpty(w, row, shrunk);
            return popped;
        }));
    }

    @Override
    public Set<String> setMembers(String key) {
        Shard shard = shard(key);
        long now = now();
        return run("setMembers", key, shard, Set.of(), () -> shard.read(r -> {
            r.members.setString(1, key);
            Set<String> members = new LinkedHashSet<>();
            try (ResultSet rs = r.members.executeQuery()) {
                while (rs.next()) {
                    if (!live(rs, 2, now)) {
                        return Set.of();
                    }
                    if (rs.getInt(1) != Sql.SET) {
                        throw notASet(key, rs.getInt(1));
                    }
                    String member = rs.getString(3);
                    if (member != null) {
                        members.add(member);
                    }
                }
            }
            return members;
        }));
    }

    // ---------------------------------------------------------------- instance-wide

    @Override
    public long getKeysCount() {
        long now = now();
        long count = 0;
        for (Shard shard : shards) {
            count += run("getKeysCount", "*", shard, 0L, () -> shard.read(r -> {
                r.count.setLong(1, now);
                try (ResultSet rs = r.count.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }));
        }
        return count;
    }

    @Override
    public void clear() {
        for (Shard shard : shards) {
            run("clear", "*", shard, null, () -> shard.write(w -> {
                for (PreparedStatement s : w.clear) {
                    s.executeUpdate();
                }
                return null;
            }));
        }
    }

    /** Answers {@code SELECT 1} on every shard; throws on any failure, whatever {@code suppress} says. */
    @Override
    public String ping() {
        enter();
        try {
            for (Shard shard : shards) {
                try {
                    shard.read(r -> {
                        try (ResultSet rs = r.ping.executeQuery()) {
                            return rs.next();
                        }
                    });
                } catch (SQLException e) {
                    if (Failures.isCorrupt(e)) {
                        brokenShard(shard);
                    }
                    throw Failures.exception("ping", "*", shard, e);
                }
            }
            return "PONG";
        } finally {
            exit();
        }
    }

    /**
     * Sets {@code PRAGMA max_page_count} on every shard's writer, a seam for tests of a full disk.
     *
     * @param pages the most pages a shard file may have
     */
    void maxPageCount(long pages) {
        enter();
        try {
            for (Shard shard : shards) {
                shard.maxPageCount(pages);
            }
        } catch (SQLException e) {
            throw new CacheBackendInteractionException("cannot set max_page_count: " + e.getMessage(), e);
        } finally {
            exit();
        }
    }

    /**
     * Stops the background work, waits for the commands in flight, writes the buffered access
     * times and closes every connection; a private temporary directory is deleted. Commands after
     * this throw {@link IllegalStateException}.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        inFlight.writeLock().lock();
        try {
            for (Shard shard : shards) {
                if (lru && !shard.isBroken()) {
                    try {
                        shard.flushAccessTimes();
                    } catch (SQLException e) {
                        LOG.log(Level.DEBUG, "flushing access times of {0} at close failed: {1}", shard.file, e.toString());
                    }
                }
                shard.close();
            }
        } finally {
            inFlight.writeLock().unlock();
        }
        if (temporary) {
            deleteTree(directory);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.WARNING, "cannot delete the temporary disk cache directory {0}: {1}", root, e.toString());
        }
    }

    @Override
    public String toString() {
        return "DiskBackend[" + directory + ", shards=" + shards.length + ", " + codec + "]";
    }
}
