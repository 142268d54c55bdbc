package io.cashews.disk;

import org.jspecify.annotations.Nullable;

/** The schema and every statement, in one place (SPEC §13). */
final class Sql {

    /** The on-disk format this version writes and reads; a newer one fails the setup. */
    static final int FORMAT = 1;

    /** Kinds of rows. */
    static final int VALUE = 0;
    static final int BITS = 1;
    static final int SET = 2;
    static final int WINDOW = 3;

    /** Accounted bytes of a row besides its key and value. */
    static final int ROW_OVERHEAD = 64;
    /** Accounted bytes of one recorded call of a sliding window. */
    static final int HIT_BYTES = 24;

    static final String[] SCHEMA = {
        "CREATE TABLE meta(name TEXT PRIMARY KEY, value) WITHOUT ROWID",
        "CREATE TABLE entry(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, kind INTEGER NOT NULL,"
                + " value BLOB, expire_at INTEGER, stored_at INTEGER NOT NULL, access_at INTEGER NOT NULL,"
                + " bytes INTEGER NOT NULL, pinned INTEGER NOT NULL DEFAULT 0)",
        "CREATE INDEX entry_expire ON entry(expire_at) WHERE expire_at IS NOT NULL",
        "CREATE TABLE set_member(entry_id INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,"
                + " member TEXT NOT NULL, PRIMARY KEY(entry_id, member)) WITHOUT ROWID",
        "CREATE TABLE window_hit(entry_id INTEGER NOT NULL REFERENCES entry(id) ON DELETE CASCADE,"
                + " at INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY(entry_id, at, seq)) WITHOUT ROWID",
        "CREATE TRIGGER entry_bytes_insert AFTER INSERT ON entry BEGIN"
                + " UPDATE meta SET value = value + NEW.bytes WHERE name = 'bytes'; END",
        "CREATE TRIGGER entry_bytes_delete AFTER DELETE ON entry BEGIN"
                + " UPDATE meta SET value = value - OLD.bytes WHERE name = 'bytes'; END",
        "CREATE TRIGGER entry_bytes_update AFTER UPDATE OF bytes ON entry WHEN NEW.bytes <> OLD.bytes BEGIN"
                + " UPDATE meta SET value = value - OLD.bytes + NEW.bytes WHERE name = 'bytes'; END",
        "CREATE TRIGGER entry_kind_update AFTER UPDATE OF kind ON entry WHEN NEW.kind <> OLD.kind BEGIN"
                + " DELETE FROM set_member WHERE entry_id = OLD.id; DELETE FROM window_hit WHERE entry_id = OLD.id; END",
    };

    /**
     * The index of the eviction order, made when a shard is opened with that eviction and missing
     * ({@link #evictionIndex}): one index, not both, so that a write updates only the one it needs.
     */
    static final String LRU_INDEX = "entry_lru";
    static final String LRS_INDEX = "entry_lrs";

    /**
     * The statement that makes the index an eviction orders its victims by, or {@code null} for none.
     *
     * @param eviction the eviction
     * @return the {@code CREATE INDEX}, or null
     */
    static @Nullable String evictionIndex(DiskSettings.Eviction eviction) {
        return switch (eviction) {
            case LRU -> "CREATE INDEX " + LRU_INDEX + " ON entry(access_at) WHERE pinned = 0";
            case LRS -> "CREATE INDEX " + LRS_INDEX + " ON entry(stored_at) WHERE pinned = 0";
            case NONE -> null;
        };
    }

    static final String META_INSERT = "INSERT INTO meta(name, value) VALUES ('format', ?), ('shard', ?), ('shards', ?), ('bytes', 0)";
    static final String META_READ = "SELECT name, value FROM meta";

    // ------------------------------------------------------------ readers

    static final String GET = "SELECT kind, value, expire_at FROM entry WHERE key = ?";
    static final String EXPIRY = "SELECT expire_at FROM entry WHERE key = ?";
    static final String GET_MANY = "SELECT key, kind, value, expire_at FROM entry WHERE key IN (SELECT value FROM json_each(?))";
    static final String MEMBERS = "SELECT e.kind, e.expire_at, m.member FROM entry e"
            + " LEFT JOIN set_member m ON m.entry_id = e.id WHERE e.key = ?";
    static final String RANGE = "SELECT key, kind, expire_at FROM entry WHERE key >= ? AND key < ?";
    static final String RANGE_FROM = "SELECT key, kind, expire_at FROM entry WHERE key >= ?";
    static final String RANGE_VALUES = "SELECT key, kind, expire_at, value FROM entry WHERE key >= ? AND key < ? AND kind = 0";
    static final String RANGE_VALUES_FROM = "SELECT key, kind, expire_at, value FROM entry WHERE key >= ? AND kind = 0";
    static final String COUNT = "SELECT count(*) FROM entry WHERE expire_at IS NULL OR expire_at > ?";
    static final String PING = "SELECT 1";

    // ------------------------------------------------------------ the writer

    static final String BEGIN = "BEGIN IMMEDIATE";
    static final String COMMIT = "COMMIT";
    static final String ROLLBACK = "ROLLBACK";
    static final String DELETE_EXPIRED_KEY = "DELETE FROM entry WHERE key = ? AND expire_at <= ?";
    static final String UPSERT = "INSERT INTO entry(key, kind, value, expire_at, stored_at, access_at, bytes, pinned)"
            + " VALUES (?, 0, ?, ?, ?, ?, ?, 0) ON CONFLICT(key) DO UPDATE SET kind = 0, value = excluded.value,"
            + " expire_at = excluded.expire_at, stored_at = excluded.stored_at, access_at = excluded.access_at,"
            + " bytes = excluded.bytes, pinned = 0";
    static final String INSERT_ABSENT = "INSERT INTO entry(key, kind, value, expire_at, stored_at, access_at, bytes, pinned)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING";
    static final String UPDATE_PRESENT = "UPDATE entry SET kind = 0, value = ?, expire_at = ?, stored_at = ?,"
            + " access_at = ?, bytes = ?, pinned = 0 WHERE key = ?";
    static final String ROW = "SELECT id, kind, value, expire_at, bytes FROM entry WHERE key = ?";
    static final String UPDATE_ROW = "UPDATE entry SET kind = ?, value = ?, expire_at = ?, bytes = ?, pinned = ?,"
            + " access_at = ? WHERE id = ?";
    static final String LAST_ID = "SELECT last_insert_rowid()";
    static final String DELETE_KEY = "DELETE FROM entry WHERE key = ?";
    static final String DELETE_ID = "DELETE FROM entry WHERE id = ?";
    static final String UNLOCK = "DELETE FROM entry WHERE key = ? AND kind = 0 AND value = ?";
    static final String SET_EXPIRE = "UPDATE entry SET expire_at = ? WHERE key = ?";
    static final String MEMBER_INSERT = "INSERT OR IGNORE INTO set_member(entry_id, member) VALUES (?, ?)";
    static final String MEMBER_DELETE = "DELETE FROM set_member WHERE entry_id = ? AND member = ?";
    static final String MEMBER_PICK = "SELECT member FROM set_member WHERE entry_id = ? LIMIT ?";
    static final String MEMBER_COUNT = "SELECT count(*) FROM set_member WHERE entry_id = ?";
    static final String ROW_RESIZE = "UPDATE entry SET bytes = bytes + ?, expire_at = ? WHERE id = ?";
    static final String HITS_TRIM = "DELETE FROM window_hit WHERE entry_id = ? AND at <= ?";
    static final String HITS_COUNT = "SELECT count(*), coalesce(max(seq), 0) FROM window_hit WHERE entry_id = ?";
    static final String HIT_INSERT = "INSERT INTO window_hit(entry_id, at, seq) VALUES (?, ?, ?)";
    static final String META_BYTES = "SELECT value FROM meta WHERE name = 'bytes'";
    static final String CULL_EXPIRED = "SELECT id, bytes FROM entry WHERE expire_at <= ? ORDER BY expire_at LIMIT ?";
    static final String CULL_LRU = "SELECT id, bytes, key FROM entry WHERE pinned = 0 AND key <> ? ORDER BY access_at LIMIT ?";
    static final String CULL_LRS = "SELECT id, bytes, key FROM entry WHERE pinned = 0 AND key <> ? ORDER BY stored_at LIMIT ?";
    static final String TOUCH = "UPDATE entry SET access_at = max(access_at, ?) WHERE key = ?";
    static final String PURGE_EXPIRED = "DELETE FROM entry WHERE id IN (SELECT id FROM entry WHERE expire_at <= ? LIMIT 500)";
    static final String[] CLEAR = {"DELETE FROM set_member", "DELETE FROM window_hit", "DELETE FROM entry"};

    private Sql() {
    }
}
