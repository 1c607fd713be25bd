package io.portal.console.store;

import io.portal.console.identity.PortalId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Pending connection requests in SQLite; never more than {@code cap} rows, so strangers cannot fill the disk. */
public final class PendingRepository {
    public static final int DEFAULT_CAP = 200;
    private static final String SELECT = "SELECT id, name, address, first_at, last_at, count, ignored FROM pending_requests";

    private final Database database;
    private final int cap;

    public PendingRepository(Database database) {
        this(database, DEFAULT_CAP);
    }

    public PendingRepository(Database database, int cap) {
        this.database = database;
        this.cap = cap;
    }

    /** Records one attempt. Returns false when it is a new Portal and the table is full. */
    public boolean record(PortalId id, String name, String address, Instant now) {
        return database.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE pending_requests SET name = ?, address = ?, last_at = ?, "
                    + "count = count + 1 WHERE id = ?")) {
                s.setString(1, name);
                s.setString(2, address);
                s.setLong(3, now.toEpochMilli());
                s.setString(4, id.canonical());
                if (s.executeUpdate() > 0) {
                    return true;
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO pending_requests (id, name, address, first_at, last_at) "
                    + "SELECT ?, ?, ?, ?, ? WHERE (SELECT count(*) FROM pending_requests) < ?")) {
                s.setString(1, id.canonical());
                s.setString(2, name);
                s.setString(3, address);
                s.setLong(4, now.toEpochMilli());
                s.setLong(5, now.toEpochMilli());
                s.setInt(6, cap);
                return s.executeUpdate() > 0;
            }
        });
    }

    /** The requests the owner has not ignored, newest first. */
    public List<PendingRequest> list() {
        return query(SELECT + " WHERE ignored = 0 ORDER BY last_at DESC, id");
    }

    public List<PendingRequest> listAll() {
        return query(SELECT + " ORDER BY last_at DESC, id");
    }

    public Optional<PendingRequest> find(PortalId id) {
        return query(SELECT + " WHERE id = ?", id.canonical()).stream().findFirst();
    }

    /** Requests whose ID starts with the given canonical prefix. */
    public List<PendingRequest> findByPrefix(String canonicalPrefix) {
        String escaped = canonicalPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return query(SELECT + " WHERE id LIKE ? ESCAPE '\\' ORDER BY id", escaped + "%");
    }

    /** Hides the request; later attempts still count but do not bring it back. */
    public boolean ignore(PortalId id) {
        return database.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE pending_requests SET ignored = 1 WHERE id = ?")) {
                s.setString(1, id.canonical());
                return s.executeUpdate() > 0;
            }
        });
    }

    public boolean remove(PortalId id) {
        return database.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM pending_requests WHERE id = ?")) {
                s.setString(1, id.canonical());
                return s.executeUpdate() > 0;
            }
        });
    }

    private List<PendingRequest> query(String sql, String... parameters) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setString(i + 1, parameters[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    List<PendingRequest> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new PendingRequest(PortalId.ofCanonical(rs.getString("id")), rs.getString("name"),
                                rs.getString("address"), Instant.ofEpochMilli(rs.getLong("first_at")),
                                Instant.ofEpochMilli(rs.getLong("last_at")), rs.getInt("count"), rs.getInt("ignored") == 1));
                    }
                    return out;
                }
            }
        });
    }
}
