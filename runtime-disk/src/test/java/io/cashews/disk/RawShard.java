package io.cashews.disk;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/** Plain sqlite-jdbc on a shard file, to look at (or tamper with) what the backend wrote. */
final class RawShard {

    private RawShard() {
    }

    static long number(Path file, String sql) throws SQLException {
        try (Connection c = open(file); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    static String text(Path file, String sql) throws SQLException {
        try (Connection c = open(file); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static void execute(Path file, String sql) throws SQLException {
        try (Connection c = open(file); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Connection open(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(5000);
        return config.createConnection("jdbc:sqlite:" + file);
    }
}
