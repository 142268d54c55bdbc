package io.cashews.disk;

import io.cashews.CacheBackendInteractionException;
import io.cashews.time.CacheClock;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * What a failed SQLite call becomes: with {@code suppress=true} a log line (at most one a minute
 * per shard and error) and the command's neutral result; otherwise a
 * {@link CacheBackendInteractionException} naming the error code and the file.
 */
final class Failures {

    private static final System.Logger LOG = System.getLogger(DiskBackend.class.getName());
    private static final long LOG_EVERY_NANOS = 60_000_000_000L;
    private static final int CORRUPT = 11;
    private static final int NOTADB = 26;

    private final boolean suppress;
    private final CacheClock clock;
    // "<shard file> <code>" -> clock reading of its last log line
    private final ConcurrentHashMap<String, Long> logged = new ConcurrentHashMap<>();

    Failures(boolean suppress, CacheClock clock) {
        this.suppress = suppress;
        this.clock = clock;
    }

    boolean suppress() {
        return suppress;
    }

    /** The primary result code of a failure ({@code SQLITE_BUSY} is 5), or -1 if unknown. */
    static int code(SQLException e) {
        if (e instanceof SQLiteException sqlite && sqlite.getResultCode() != SQLiteErrorCode.UNKNOWN_ERROR) {
            return sqlite.getResultCode().code & 0xFF;
        }
        return e.getErrorCode() == 0 ? -1 : e.getErrorCode() & 0xFF;
    }

    /** The name of a failure's code, such as {@code SQLITE_BUSY}. */
    static String codeName(SQLException e) {
        if (e instanceof SQLiteException sqlite && sqlite.getResultCode() != SQLiteErrorCode.UNKNOWN_ERROR) {
            return sqlite.getResultCode().name();
        }
        int code = code(e);
        SQLiteErrorCode known = code < 0 ? SQLiteErrorCode.UNKNOWN_ERROR : SQLiteErrorCode.getErrorCode(code);
        return known.name();
    }

    /** Tells whether the file is corrupt or not a database at all: the shard must be recovered. */
    static boolean isCorrupt(SQLException e) {
        int code = code(e);
        return code == CORRUPT || code == NOTADB;
    }

    /**
     * Answers a failure.
     *
     * @param command the command, for messages
     * @param key the key or pattern, for messages
     * @param shard where it failed
     * @param failure the failure
     * @param neutral the result when suppressed
     * @return {@code neutral}
     * @throws CacheBackendInteractionException with {@code suppress=false}
     */
    <T> T answer(String command, String key, Shard shard, SQLException failure, T neutral) {
        if (!suppress) {
            throw exception(command, key, shard, failure);
        }
        String name = codeName(failure);
        String id = shard.file + " " + name;
        long now = clock.nanoTime();
        Long last = logged.get(id);
        if (last == null || now - last >= LOG_EVERY_NANOS) {
            logged.put(id, now);
            LOG.log(Level.WARNING, "disk cache command {0} ''{1}'' failed on {2} with {3}: {4}; reads miss and writes"
                    + " are skipped (suppress=true; logged at most once a minute per shard and error)",
                    command, key, shard.file, name, failure.getMessage());
        }
        return neutral;
    }

    static CacheBackendInteractionException exception(String command, String key, Shard shard, SQLException failure) {
        return new CacheBackendInteractionException("disk cache command " + command + " for '" + key + "' failed with "
                + codeName(failure) + " on " + shard.file + ": " + failure.getMessage(), failure);
    }
}
