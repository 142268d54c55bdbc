package io.cashews.disk;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * One shard file: its writer connection behind a fair lock (in-process writers queue here, not in
 * SQLite's sleeping busy handler), its pool of read connections, the statements prepared on them,
 * the buffer of access times not yet written, and its creation, checking and recovery.
 */
final class Shard {

    private static final System.Logger LOG = System.getLogger(Shard.class.getName());

    /** The most keys whose access time waits for the next flush; hits beyond it lose only recency. */
    static final int ACCESS_BUFFER = 10_000;
    /** Free pages above this share of the file are given back by maintenance. */
    private static final double VACUUM_SHARE = 0.25;
    private static final long JOURNAL_SIZE_LIMIT = 64L << 20;
    private static final int PURGE_BATCH = 500;

    final int index;
    final Path file;
    private final Path directory;
    private final DiskSettings settings;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private @Nullable Writer writer; // guarded by writeLock
    private final ArrayBlockingQueue<Reader> readers;
    // How many readers this shard owns right now (0 while broken and closed).
    private final AtomicInteger readerCount = new AtomicInteger();
    private volatile boolean broken;
    private final AtomicBoolean recovering = new AtomicBoolean();
    private volatile @Nullable Object fileKey;
    // Rows this process culled or purged, counted once their transaction committed.
    private final LongAdder evictions = new LongAdder();
    private final AtomicReference<ConcurrentHashMap<String, Long>> accessed = new AtomicReference<>(new ConcurrentHashMap<>());
    // For tests of a full disk: PRAGMA max_page_count on the writer, 0 for SQLite's default.
    private long maxPageCount; // guarded by writeLock

    Shard(Path directory, int index, DiskSettings settings) {
        this.directory = directory;
        this.index = index;
        this.settings = settings;
        this.file = directory.resolve(fileName(index));
        this.readers = new ArrayBlockingQueue<>(settings.readers());
    }

    static String fileName(int index) {
        return String.format(Locale.ROOT, "shard-%03d.db", index);
    }

    /** Work on the writer inside one {@code BEGIN IMMEDIATE … COMMIT}. */
    @FunctionalInterface
    interface WriteBody<T> {
        T run(Writer writer) throws SQLException;
    }

    /** Work on a read connection. */
    @FunctionalInterface
    interface ReadBody<T> {
        T run(Reader reader) throws SQLException;
    }

    // ---------------------------------------------------------------- connections

    private Connection connect() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) settings.busyTimeout().toMillis());
        config.setGetGeneratedKeys(false);
        config.setSynchronous(settings.synchronousFull() ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setCacheSize((int) -Math.max(1, settings.cacheSizeBytes() / 1024));
        Connection connection = config.createConnection("jdbc:sqlite:" + file);
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA mmap_size = " + settings.mmapSizeBytes());
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /**
     * Creates the file with its schema, or checks the one there, quarantining a corrupt file.
     * Runs under the {@link DirectoryLock}.
     */
    void prepareFile() throws SQLException, IOException {
        try {
            checkOrCreate();
        } catch (SQLException e) {
            if (!Failures.isCorrupt(e)) {
                throw e;
            }
            quarantine(e);
            checkOrCreate();
        }
    }

    private void checkOrCreate() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            int tables;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
                rs.next();
                tables = rs.getInt(1);
            }
            if (tables == 0) {
                create(s);
            } else {
                checkMeta(s);
            }
            String index = Sql.evictionIndex(settings.eviction());
            if (index != null) {
                String name = settings.eviction() == DiskSettings.Eviction.LRU ? Sql.LRU_INDEX : Sql.LRS_INDEX;
                boolean present;
                try (PreparedStatement find = c.prepareStatement(
                        "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?")) {
                    find.setString(1, name);
                    try (ResultSet rs = find.executeQuery()) {
                        present = rs.next();
                    }
                }
                if (!present) {
                    s.execute(index);
                }
            }
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                String mode = rs.next() ? rs.getString(1) : null;
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new IllegalArgumentException("disk cache shard " + file + " is in journal mode '" + mode
                            + "', not 'wal'; the file system of " + directory + " may not support WAL (it needs"
                            + " shared memory on one host)");
                }
            }
        }
    }

    private void create(Statement s) throws SQLException {
        s.execute("PRAGMA page_size = 4096");
        s.execute("PRAGMA auto_vacuum = INCREMENTAL");
        // Persistent, and set once here under the directory lock: setting it takes the write lock.
        try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
            rs.next();
        }
        s.execute(Sql.BEGIN);
        try {
            for (String statement : Sql.SCHEMA) {
                s.execute(statement);
            }
            try (PreparedStatement meta = s.getConnection().prepareStatement(Sql.META_INSERT)) {
                meta.setInt(1, Sql.FORMAT);
                meta.setInt(2, index);
                meta.setInt(3, settings.shards());
                meta.executeUpdate();
            }
            s.execute(Sql.COMMIT);
        } catch (SQLException e) {
            try {
                s.execute(Sql.ROLLBACK);
            } catch (SQLException ignored) {
                // the transaction is gone already
            }
            throw e;
        }
    }

    private void checkMeta(Statement s) throws SQLException {
        long format = -1;
        long shards = -1;
        boolean found = false;
        try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'")) {
            found = rs.next();
        }
        if (!found) {
            throw new IllegalArgumentException("disk cache shard " + file + " is an SQLite file but not a cashews"
                    + " shard (it has no meta table); give the disk backend a directory of its own");
        }
        try (ResultSet rs = s.executeQuery(Sql.META_READ)) {
            while (rs.next()) {
                switch (rs.getString(1)) {
                    case "format" -> format = rs.getLong(2);
                    case "shards" -> shards = rs.getLong(2);
                    default -> {
                        // shard and bytes are not checked here
                    }
                }
            }
        }
        if (format > Sql.FORMAT) {
            throw new IllegalArgumentException("disk cache shard " + file + " has on-disk format " + format
                    + ", newer than the format " + Sql.FORMAT + " this version reads; use a newer cashews-runtime-disk"
                    + " or another directory");
        }
        if (format < 1) {
            throw new IllegalArgumentException("disk cache shard " + file + " has no valid format in its meta table");
        }
        if (shards != settings.shards()) {
            throw new IllegalArgumentException("disk cache directory " + directory + " was made with shards=" + shards
                    + ", but the URL asks for shards=" + settings.shards() + "; use shards=" + shards
                    + " or another directory");
        }
    }

    /** Opens the writer and the readers; the file must be prepared. */
    void openConnections() throws SQLException, IOException {
        writeLock.lock();
        try {
            Writer w = new Writer(connect());
            try {
                w.pragmas(maxPageCount);
                for (int i = 0; i < settings.readers(); i++) {
                    readers.add(new Reader(connect()));
                    readerCount.incrementAndGet();
                }
            } catch (SQLException e) {
                w.close();
                closeReaders();
                throw e;
            }
            writer = w;
            fileKey = currentFileKey();
            broken = false;
        } finally {
            writeLock.unlock();
        }
    }

    private @Nullable Object currentFileKey() throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    // Takes every reader back (waiting for those in use) and closes them; under writeLock.
    private void closeReaders() {
        boolean interrupted = false;
        while (readerCount.get() > 0) {
            Reader reader;
            try {
                reader = readers.take();
            } catch (InterruptedException e) {
                interrupted = true;
                continue;
            }
            reader.close();
            readerCount.decrementAndGet();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes every connection, waiting for readers in use; the shard serves nothing afterwards. */
    void close() {
        writeLock.lock();
        try {
            if (writer != null) {
                writer.close();
                writer = null;
            }
            closeReaders();
            broken = true;
        } finally {
            writeLock.unlock();
        }
    }

    // ---------------------------------------------------------------- running work

    /**
     * Runs {@code body} in one {@code BEGIN IMMEDIATE … COMMIT} on the writer; any failure rolls
     * it back.
     */
    <T> T write(WriteBody<T> body) throws SQLException {
        writeLock.lock();
        try {
            Writer w = liveWriter();
            boolean committed = false;
            try {
                w.begin.execute();
                w.evicted = 0;
                T result = body.run(w);
                w.commit.execute();
                committed = true;
                evictions.add(w.evicted);
                return result;
            } catch (SQLException e) {
                w.rollback();
                committed = true;
                // sqlite-jdbc closes a statement whose step failed: start over with a fresh connection.
                replaceWriter(w);
                throw e;
            } finally {
                if (!committed) {
                    w.rollback();
                }
            }
        } finally {
            writeLock.unlock();
        }
    }

    // Under writeLock, after a failure: the next write opens a new writer (see liveWriter).
    private void replaceWriter(Writer failed) {
        failed.close();
        writer = null;
    }

    private Writer liveWriter() throws SQLException {
        if (broken) {
            throw brokenException();
        }
        Writer w = writer;
        if (w == null) {
            w = new Writer(connect());
            try {
                w.pragmas(maxPageCount);
            } catch (SQLException e) {
                w.close();
                throw e;
            }
            writer = w;
        }
        return w;
    }

    private SQLiteException brokenException() {
        return new SQLiteException("[SQLITE_CORRUPT] shard " + file + " is broken and waits for recovery",
                SQLiteErrorCode.SQLITE_CORRUPT);
    }

    /** Runs {@code body} on a pooled read connection. */
    <T> T read(ReadBody<T> body) throws SQLException {
        if (broken) {
            throw brokenException();
        }
        Reader reader = readers.poll();
        if (reader == null && readerCount.get() < settings.readers()) {
            reader = replacementReader();
        }
        if (reader == null) {
            try {
                reader = readers.poll(settings.busyTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLiteException("[SQLITE_INTERRUPT] interrupted waiting for a read connection of " + file,
                        SQLiteErrorCode.SQLITE_INTERRUPT);
            }
            if (reader == null) {
                throw broken ? brokenException() : new SQLiteException("[SQLITE_BUSY] no read connection of " + file
                        + " became free within the busy timeout", SQLiteErrorCode.SQLITE_BUSY);
            }
        }
        T result;
        try {
            result = body.run(reader);
        } catch (SQLException e) {
            // sqlite-jdbc closes a statement whose step failed: this connection is replaced by the next read.
            reader.close();
            readerCount.decrementAndGet();
            throw e;
        } catch (RuntimeException | Error e) {
            // a contract error thrown by the body: the statements are fine
            readers.add(reader);
            throw e;
        }
        readers.add(reader);
        return result;
    }

    // A new read connection in place of one that failed, or null when none can be opened now.
    private @Nullable Reader replacementReader() {
        if (broken || readerCount.incrementAndGet() > settings.readers()) {
            readerCount.decrementAndGet();
            return null;
        }
        try {
            return new Reader(connect());
        } catch (SQLException e) {
            readerCount.decrementAndGet();
            return null;
        }
    }

    boolean isBroken() {
        return broken;
    }

    /** Marks the shard broken (corrupt or not a database); tells whether a recovery should start. */
    boolean markBroken() {
        broken = true;
        return recovering.compareAndSet(false, true);
    }

    /** A recovery that was claimed by {@link #markBroken} will not run; the next one may. */
    void recoveryDropped() {
        recovering.set(false);
    }

    // ---------------------------------------------------------------- access times

    /** Records a hit for the next flush; beyond the buffer's bound only recency is lost. */
    void accessed(String key, long now) {
        ConcurrentHashMap<String, Long> buffer = accessed.get();
        if (buffer.size() < ACCESS_BUFFER || buffer.containsKey(key)) {
            buffer.put(key, now);
        }
    }

    /** Tells whether a hit on {@code key} waits in the buffer (it is recent, whatever the file says). */
    boolean recentlyAccessed(String key) {
        return accessed.get().containsKey(key);
    }

    /**
     * Writes the buffered access times in one batched {@code UPDATE}. The buffer is taken inside
     * the transaction, under the writer's lock, so that a write's culling sees every hit either
     * in the buffer or in the file, never in neither.
     */
    void flushAccessTimes() throws SQLException {
        if (accessed.get().isEmpty()) {
            return;
        }
        write(w -> {
            Map<String, Long> times = accessed.getAndSet(new ConcurrentHashMap<>());
            for (Map.Entry<String, Long> hit : times.entrySet()) {
                w.touch.setLong(1, hit.getValue());
                w.touch.setString(2, hit.getKey());
                w.touch.addBatch();
            }
            w.touch.executeBatch();
            return null;
        });
    }

    // ---------------------------------------------------------------- eviction

    /**
     * Inside a write's transaction: while the shard is over its limit, deletes up to
     * {@code cull_limit} rows, expired ones first, then unpinned ones in the eviction's order,
     * never {@code written} nor a row whose hit waits in the buffer.
     */
    void cull(Writer w, String written, long now) throws SQLException {
        long limit = settings.shardLimit();
        if (limit == Long.MAX_VALUE) {
            return;
        }
        long bytes = w.metaBytes();
        if (bytes <= limit) {
            return;
        }
        int budget = settings.cullLimit();
        w.cullExpired.setLong(1, now);
        w.cullExpired.setInt(2, budget);
        List<long[]> victims = new ArrayList<>();
        try (ResultSet rs = w.cullExpired.executeQuery()) {
            while (rs.next()) {
                victims.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
        }
        for (long[] victim : victims) {
            bytes -= w.evict(victim[0]) ? victim[1] : 0;
            budget--;
        }
        if (bytes <= limit || budget <= 0) {
            return;
        }
        PreparedStatement order = settings.eviction() == DiskSettings.Eviction.LRU ? w.cullLru : w.cullLrs;
        order.setString(1, written);
        // More candidates than the budget: recently hit ones are skipped.
        order.setInt(2, budget * 4);
        victims.clear();
        List<String> keys = new ArrayList<>();
        try (ResultSet rs = order.executeQuery()) {
            while (rs.next()) {
                victims.add(new long[] {rs.getLong(1), rs.getLong(2)});
                keys.add(rs.getString(3));
            }
        }
        boolean lru = settings.eviction() == DiskSettings.Eviction.LRU;
        for (int i = 0; i < victims.size() && bytes > limit && budget > 0; i++) {
            if (lru && recentlyAccessed(keys.get(i))) {
                continue;
            }
            bytes -= w.evict(victims.get(i)[0]) ? victims.get(i)[1] : 0;
            budget--;
        }
    }

    /** Rows this process evicted for the size limit or purged as expired, in committed transactions. */
    long evictionCount() {
        return evictions.sum();
    }

    // ---------------------------------------------------------------- maintenance

    /**
     * Deletes expired rows in batches of 500, gives free pages back when they exceed a quarter of
     * the file and checkpoints the WAL without waiting for readers.
     */
    void maintain(long now) throws SQLException {
        int deleted;
        do {
            deleted = write(w -> {
                w.purgeExpired.setLong(1, now);
                int purged = w.purgeExpired.executeUpdate();
                w.evicted += purged;
                return purged;
            });
        } while (deleted >= PURGE_BATCH);
        writeLock.lock();
        try {
            Writer w = liveWriter();
            long pages = w.pragmaLong("PRAGMA page_count");
            long free = w.pragmaLong("PRAGMA freelist_count");
            if (pages > 0 && free > pages * VACUUM_SHARE) {
                w.exec("PRAGMA incremental_vacuum");
            }
            w.exec("PRAGMA wal_checkpoint(PASSIVE)");
        } finally {
            writeLock.unlock();
        }
    }

    /** Tells whether the file at the shard's path is no longer the one opened (another process recreated it). */
    boolean replaced() throws IOException {
        Object now = currentFileKey();
        return !Objects.equals(now, fileKey);
    }

    /**
     * Brings a broken or replaced shard back: closes its connections, and under the directory
     * lock checks the file on a fresh connection ({@code quick_check}); a file that fails is renamed
     * {@code shard-NNN.db.corrupt-<ms>} and recreated. Then reopens.
     *
     * @return {@code true} when the shard serves again
     */
    boolean recover() {
        writeLock.lock();
        try {
            broken = true;
            if (writer != null) {
                writer.close();
                writer = null;
            }
            closeReaders();
            DirectoryLock.holding(directory, () -> {
                if (Files.exists(file) && !quickCheck()) {
                    quarantine(null);
                }
                prepareFile();
                return null;
            });
            openConnections();
            LOG.log(Level.INFO, "disk cache shard {0} serves again", file);
            return true;
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "disk cache shard {0} cannot be recovered: {1}", file, e.getMessage());
            return false;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "disk cache shard {0} cannot be recovered yet: {1}", file, e.toString());
            return false;
        } finally {
            recovering.set(false);
            writeLock.unlock();
        }
    }

    private boolean quickCheck() {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
            return rs.next() && "ok".equalsIgnoreCase(rs.getString(1));
        } catch (SQLException e) {
            return false;
        }
    }

    // Renames the file (and its -wal and -shm, which belong to it alone) out of the way.
    private void quarantine(@Nullable SQLException cause) throws IOException {
        String suffix = ".corrupt-" + System.currentTimeMillis();
        Path target = file.resolveSibling(file.getFileName() + suffix);
        Files.move(file, target);
        for (String part : new String[] {"-wal", "-shm"}) {
            Path side = file.resolveSibling(file.getFileName() + part);
            if (Files.exists(side)) {
                Files.move(side, file.resolveSibling(file.getFileName() + suffix + part));
            }
        }
        LOG.log(Level.WARNING, "disk cache shard {0} is corrupt ({1}); moved to {2} and recreated empty, the other"
                + " shards are untouched", file, cause == null ? "quick_check failed" : cause.getMessage(), target);
    }

    /** Sets {@code PRAGMA max_page_count} on the writer (tests of a full disk). */
    void maxPageCount(long pages) throws SQLException {
        writeLock.lock();
        try {
            maxPageCount = pages;
            liveWriter().exec("PRAGMA max_page_count = " + pages);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public String toString() {
        return file.toString();
    }

    // ---------------------------------------------------------------- statements

    /** A read connection and its statements. */
    static final class Reader {
        final Connection connection;
        final PreparedStatement get;
        final PreparedStatement expiry;
        final PreparedStatement getMany;
        final PreparedStatement members;
        final PreparedStatement range;
        final PreparedStatement rangeFrom;
        final PreparedStatement rangeValues;
        final PreparedStatement rangeValuesFrom;
        final PreparedStatement count;
        final PreparedStatement ping;

        Reader(Connection connection) throws SQLException {
            this.connection = connection;
            try {
                get = connection.prepareStatement(Sql.GET);
                expiry = connection.prepareStatement(Sql.EXPIRY);
                getMany = connection.prepareStatement(Sql.GET_MANY);
                members = connection.prepareStatement(Sql.MEMBERS);
                range = connection.prepareStatement(Sql.RANGE);
                rangeFrom = connection.prepareStatement(Sql.RANGE_FROM);
                rangeValues = connection.prepareStatement(Sql.RANGE_VALUES);
                rangeValuesFrom = connection.prepareStatement(Sql.RANGE_VALUES_FROM);
                count = connection.prepareStatement(Sql.COUNT);
                ping = connection.prepareStatement(Sql.PING);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }

        void close() {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.log(Level.DEBUG, "closing a read connection failed: {0}", e.toString());
            }
        }
    }

    /** The writer connection and its statements. */
    static final class Writer {
        final Connection connection;
        // Rows the running transaction culled or purged; used only under the write lock.
        long evicted;
        final PreparedStatement begin;
        final PreparedStatement commit;
        final PreparedStatement rollback;
        final PreparedStatement deleteExpiredKey;
        final PreparedStatement upsert;
        final PreparedStatement insertAbsent;
        final PreparedStatement updatePresent;
        final PreparedStatement row;
        final PreparedStatement updateRow;
        final PreparedStatement lastId;
        final PreparedStatement deleteKey;
        final PreparedStatement deleteId;
        final PreparedStatement unlock;
        final PreparedStatement setExpire;
        final PreparedStatement memberInsert;
        final PreparedStatement memberDelete;
        final PreparedStatement memberPick;
        final PreparedStatement memberCount;
        final PreparedStatement rowResize;
        final PreparedStatement hitsTrim;
        final PreparedStatement hitsCount;
        final PreparedStatement hitInsert;
        final PreparedStatement metaBytes;
        final PreparedStatement cullExpired;
        final PreparedStatement cullLru;
        final PreparedStatement cullLrs;
        final PreparedStatement touch;
        final PreparedStatement purgeExpired;
        final PreparedStatement[] clear;

        Writer(Connection connection) throws SQLException {
            this.connection = connection;
            try {
                begin = connection.prepareStatement(Sql.BEGIN);
                commit = connection.prepareStatement(Sql.COMMIT);
                rollback = connection.prepareStatement(Sql.ROLLBACK);
                deleteExpiredKey = connection.prepareStatement(Sql.DELETE_EXPIRED_KEY);
                upsert = connection.prepareStatement(Sql.UPSERT);
                insertAbsent = connection.prepareStatement(Sql.INSERT_ABSENT);
                updatePresent = connection.prepareStatement(Sql.UPDATE_PRESENT);
                row = connection.prepareStatement(Sql.ROW);
                updateRow = connection.prepareStatement(Sql.UPDATE_ROW);
                lastId = connection.prepareStatement(Sql.LAST_ID);
                deleteKey = connection.prepareStatement(Sql.DELETE_KEY);
                deleteId = connection.prepareStatement(Sql.DELETE_ID);
                unlock = connection.prepareStatement(Sql.UNLOCK);
                setExpire = connection.prepareStatement(Sql.SET_EXPIRE);
                memberInsert = connection.prepareStatement(Sql.MEMBER_INSERT);
                memberDelete = connection.prepareStatement(Sql.MEMBER_DELETE);
                memberPick = connection.prepareStatement(Sql.MEMBER_PICK);
                memberCount = connection.prepareStatement(Sql.MEMBER_COUNT);
                rowResize = connection.prepareStatement(Sql.ROW_RESIZE);
                hitsTrim = connection.prepareStatement(Sql.HITS_TRIM);
                hitsCount = connection.prepareStatement(Sql.HITS_COUNT);
                hitInsert = connection.prepareStatement(Sql.HIT_INSERT);
                metaBytes = connection.prepareStatement(Sql.META_BYTES);
                cullExpired = connection.prepareStatement(Sql.CULL_EXPIRED);
                cullLru = connection.prepareStatement(Sql.CULL_LRU);
                cullLrs = connection.prepareStatement(Sql.CULL_LRS);
                touch = connection.prepareStatement(Sql.TOUCH);
                purgeExpired = connection.prepareStatement(Sql.PURGE_EXPIRED);
                clear = new PreparedStatement[Sql.CLEAR.length];
                for (int i = 0; i < clear.length; i++) {
                    clear[i] = connection.prepareStatement(Sql.CLEAR[i]);
                }
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }

        void pragmas(long maxPageCount) throws SQLException {
            exec("PRAGMA journal_size_limit = " + JOURNAL_SIZE_LIMIT);
            if (maxPageCount > 0) {
                exec("PRAGMA max_page_count = " + maxPageCount);
            }
        }

        void exec(String sql) throws SQLException {
            try (Statement s = connection.createStatement()) {
                s.execute(sql);
            }
        }

        long pragmaLong(String sql) throws SQLException {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }

        void rollback() {
            try {
                rollback.execute();
            } catch (SQLException gone) {
                // SQLite rolls back by itself after some errors (SQLITE_FULL, I/O): nothing is left
            }
        }

        /** Deletes the key's row if it has expired, so that the command sees it absent. */
        void deleteExpired(String key, long now) throws SQLException {
            deleteExpiredKey.setString(1, key);
            deleteExpiredKey.setLong(2, now);
            deleteExpiredKey.executeUpdate();
        }

        boolean deleteId(long id) throws SQLException {
            deleteId.setLong(1, id);
            return deleteId.executeUpdate() > 0;
        }

        /** Deletes a row for the size limit, counted in {@link #evicted}. */
        boolean evict(long id) throws SQLException {
            boolean deleted = deleteId(id);
            if (deleted) {
                evicted++;
            }
            return deleted;
        }

        long metaBytes() throws SQLException {
            try (ResultSet rs = metaBytes.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }

        long lastId() throws SQLException {
            try (ResultSet rs = lastId.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }

        void close() {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.log(Level.DEBUG, "closing the writer failed: {0}", e.toString());
            }
        }
    }
}
