package io.portal.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The activity log in SQLite. Written in batches by the service, pruned to a bounded size. */
public final class ActivityRepository {
    public static final int DEFAULT_MAX_ROWS = 100_000;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);

    private static final String SELECT_ENTRIES = "SELECT at, direction, peer_id, app, method, path, status, bytes_in, "
            + "bytes_out, duration_ms, problem FROM activity";

    private final Database database;

    public ActivityRepository(Database database) {
        this.database = database;
    }

    public void insert(List<ActivityEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        database.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO activity (at, direction, peer_id, app, method, path, "
                    + "status, bytes_in, bytes_out, duration_ms, problem) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (ActivityEntry e : entries) {
                    s.setLong(1, e.at().toEpochMilli());
                    s.setString(2, e.direction().dbValue());
                    s.setString(3, e.peerId());
                    s.setString(4, e.app());
                    s.setString(5, e.method());
                    s.setString(6, e.path());
                    s.setInt(7, e.status());
                    s.setLong(8, e.bytesIn());
                    s.setLong(9, e.bytesOut());
                    s.setLong(10, e.durationMs());
                    s.setString(11, e.problem());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    /** Newest first, at most {@code limit}. */
    public List<ActivityEntry> recent(int limit) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(SELECT_ENTRIES + " ORDER BY at DESC, id DESC LIMIT ?")) {
                s.setInt(1, limit);
                return entries(s);
            }
        });
    }

    /** Entries since a time, oldest first (for the per-minute chart). */
    public List<ActivityEntry> since(Instant from) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(SELECT_ENTRIES + " WHERE at >= ? ORDER BY at, id")) {
                s.setLong(1, from.toEpochMilli());
                return entries(s);
            }
        });
    }

    /** Drops entries older than {@code maxAge} and all but the newest {@code maxRows}. Returns how many went. */
    public int prune(int maxRows, Duration maxAge, Instant now) {
        return database.write(c -> {
            int removed;
            try (PreparedStatement s = c.prepareStatement("DELETE FROM activity WHERE at < ?")) {
                s.setLong(1, now.minus(maxAge).toEpochMilli());
                removed = s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM activity WHERE id <= (SELECT id FROM activity ORDER BY id DESC LIMIT 1 OFFSET ?)")) {
                s.setInt(1, maxRows);
                removed += s.executeUpdate();
            }
            return removed;
        });
    }

    public int count() {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM activity"); ResultSet rs = s.executeQuery()) {
                return rs.getInt(1);
            }
        });
    }

    private static List<ActivityEntry> entries(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            List<ActivityEntry> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new ActivityEntry(Instant.ofEpochMilli(rs.getLong(1)), ActivityEntry.Direction.ofDb(rs.getString(2)),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7),
                        rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getString(11)));
            }
            return out;
        }
    }
}
