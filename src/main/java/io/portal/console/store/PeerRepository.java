package io.portal.console.store;

import io.portal.console.identity.PortalId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Peers and their addresses in SQLite. Callers validate IDs, names and addresses before they get here. */
public final class PeerRepository {
    private static final String SELECT = "SELECT p.id, p.name, p.state, p.added_at, p.last_seen, p.online, "
            + "(SELECT group_concat(address, char(10)) FROM (SELECT address FROM peer_addresses a "
            + "WHERE a.peer_id = p.id ORDER BY position)) AS addresses FROM peers p";

    private final Database database;
    /**
     * The IDs of the last full list, by canonical text. IDs never change, and checking and decoding thousands of
     * them was most of the work of listing the peers, which the peers screen and the prober do often.
     */
    private volatile Map<String, PortalId> knownIds = Map.of();

    public PeerRepository(Database database) {
        this.database = database;
    }

    public List<Peer> list() {
        List<Peer> peers = database.read(c -> query(c, SELECT + " ORDER BY p.name COLLATE NOCASE, p.id"));
        Map<String, PortalId> ids = new HashMap<>(peers.size() * 4 / 3 + 1);
        for (Peer peer : peers) {
            ids.put(peer.id().canonical(), peer.id());
        }
        knownIds = ids;
        return peers;
    }

    private PortalId idOf(String canonical) {
        PortalId known = knownIds.get(canonical);
        return known != null ? known : PortalId.ofCanonical(canonical);
    }

    public Optional<Peer> find(PortalId id) {
        return database.read(c -> query(c, SELECT + " WHERE p.id = ?", id.canonical()).stream().findFirst());
    }

    /** Peers whose canonical ID starts with the given (uppercase) prefix. */
    public List<Peer> findByPrefix(String canonicalPrefix) {
        String escaped = canonicalPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return database.read(c -> query(c, SELECT + " WHERE p.id LIKE ? ESCAPE '\\' ORDER BY p.id", escaped + "%"));
    }

    /** Adds a peer. Returns false (and changes nothing) when a peer with that ID exists. */
    public boolean add(Peer peer) {
        return database.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO peers (id, name, state, added_at, last_seen, online) "
                    + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING")) {
                bindPeer(s, peer);
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            writeAddresses(c, peer.id(), peer.addresses());
            return true;
        });
    }

    public boolean rename(PortalId id, String name) {
        return Sql.update(database, "UPDATE peers SET name = ? WHERE id = ?", name, id.canonical());
    }

    public boolean setState(PortalId id, PeerState state) {
        return Sql.update(database, "UPDATE peers SET state = ? WHERE id = ?", state.dbValue(), id.canonical());
    }

    public boolean setAddresses(PortalId id, List<String> addresses) {
        return database.write(c -> {
            if (!exists(c, id)) {
                return false;
            }
            writeAddresses(c, id, addresses);
            return true;
        });
    }

    /** Records a probe's outcome: reachable (last seen now) or not. */
    public void recordContact(PortalId id, boolean reached, Instant when) {
        if (reached) {
            database.write(c -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE peers SET online = 1, last_seen = ? WHERE id = ?")) {
                    s.setLong(1, when.toEpochMilli());
                    s.setString(2, id.canonical());
                    return s.executeUpdate();
                }
            });
        } else if (online(id)) {
            // Read first: most peers that do not answer are already offline, and a read takes no write lock.
            Sql.update(database, "UPDATE peers SET online = 0 WHERE id = ? AND online = 1", id.canonical());
        }
    }

    private boolean online(PortalId id) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT online FROM peers WHERE id = ?")) {
                s.setString(1, id.canonical());
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() && rs.getInt(1) == 1;
                }
            }
        });
    }

    public boolean remove(PortalId id) {
        return Sql.update(database, "DELETE FROM peers WHERE id = ?", id.canonical());
    }

    /**
     * A removed peer and the apps that had been shared with it by name, enough to put it back as it was.
     *
     * @param sharedByApps the apps whose {@code app_shares} listed the peer
     */
    public record Removed(Peer peer, List<String> sharedByApps) {
        public Removed {
            sharedByApps = List.copyOf(sharedByApps);
        }
    }

    /** Removes a peer (its addresses and app shares go with it) and returns what was removed, in one transaction. */
    public Optional<Removed> removeReturning(PortalId id) {
        return database.write(c -> {
            Optional<Peer> peer = query(c, SELECT + " WHERE p.id = ?", id.canonical()).stream().findFirst();
            if (peer.isEmpty()) {
                return Optional.empty();
            }
            List<String> apps = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT app FROM app_shares WHERE peer_id = ? ORDER BY app")) {
                s.setString(1, id.canonical());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        apps.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM peers WHERE id = ?")) {
                s.setString(1, id.canonical());
                s.executeUpdate();
            }
            return Optional.of(new Removed(peer.get(), apps));
        });
    }

    /**
     * Puts a removed peer back exactly: state, times, addresses and the app shares of apps that still exist.
     * Returns false (and changes nothing) when a peer with that ID has been added again meanwhile.
     */
    public boolean restore(Removed removed) {
        return database.write(c -> {
            if (exists(c, removed.peer().id())) {
                return false;
            }
            insert(c, List.of(removed.peer()));
            try (PreparedStatement s = c.prepareStatement("INSERT OR IGNORE INTO app_shares (app, peer_id) "
                    + "SELECT name, ? FROM apps WHERE name = ?")) {
                for (String app : removed.sharedByApps()) {
                    s.setString(1, removed.peer().id().canonical());
                    s.setString(2, app);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return true;
        });
    }

    /** Adds many new peers in one transaction (imports, tests); fails as a whole if any ID exists. */
    public void addAll(List<Peer> peers) {
        database.write(c -> {
            insert(c, peers);
            return null;
        });
    }

    /**
     * How many apps each peer may use: apps shared with everyone plus apps shared with a selection that lists it.
     * Peers without any are absent from the map.
     */
    public Map<PortalId, Integer> sharedAppCounts() {
        return database.read(c -> {
            Map<PortalId, Integer> counts = new HashMap<>();
            String sql = "SELECT p.id, (SELECT count(*) FROM apps WHERE sharing = 'all') + (SELECT count(*) "
                    + "FROM app_shares s JOIN apps a ON a.name = s.app WHERE s.peer_id = p.id AND a.sharing = 'selected') "
                    + "FROM peers p";
            try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt(2) > 0) {
                        counts.put(idOf(rs.getString(1)), rs.getInt(2));
                    }
                }
            }
            return counts;
        });
    }

    private static void insert(Connection c, List<Peer> peers) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO peers (id, name, state, added_at, last_seen, online) "
                + "VALUES (?, ?, ?, ?, ?, ?)");
                PreparedStatement a = c.prepareStatement(
                        "INSERT INTO peer_addresses (peer_id, position, address) VALUES (?, ?, ?)")) {
            for (Peer peer : peers) {
                bindPeer(s, peer);
                s.addBatch();
                for (int i = 0; i < peer.addresses().size(); i++) {
                    a.setString(1, peer.id().canonical());
                    a.setInt(2, i);
                    a.setString(3, peer.addresses().get(i));
                    a.addBatch();
                }
            }
            s.executeBatch();
            a.executeBatch();
        }
    }

    /** Binds the six columns of {@code INSERT INTO peers (id, name, state, added_at, last_seen, online)}. */
    private static void bindPeer(PreparedStatement s, Peer peer) throws SQLException {
        s.setString(1, peer.id().canonical());
        s.setString(2, peer.name());
        s.setString(3, peer.state().dbValue());
        s.setLong(4, peer.addedAt().toEpochMilli());
        if (peer.lastSeen().isPresent()) {
            s.setLong(5, peer.lastSeen().get().toEpochMilli());
        } else {
            s.setNull(5, java.sql.Types.INTEGER);
        }
        s.setInt(6, peer.online() ? 1 : 0);
    }

    public int count() {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM peers"); ResultSet rs = s.executeQuery()) {
                return rs.getInt(1);
            }
        });
    }

    private static boolean exists(Connection c, PortalId id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM peers WHERE id = ?")) {
            s.setString(1, id.canonical());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void writeAddresses(Connection c, PortalId id, List<String> addresses) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM peer_addresses WHERE peer_id = ?")) {
            delete.setString(1, id.canonical());
            delete.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO peer_addresses (peer_id, position, address) VALUES (?, ?, ?)")) {
            for (int i = 0; i < addresses.size(); i++) {
                insert.setString(1, id.canonical());
                insert.setInt(2, i);
                insert.setString(3, addresses.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Every peer's presence, by canonical ID. */
    public Map<String, Peer.Presence> presence() {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, last_seen, online FROM peers");
                    ResultSet rs = s.executeQuery()) {
                Map<String, Peer.Presence> presence = new HashMap<>();
                while (rs.next()) {
                    presence.put(rs.getString("id"), new Peer.Presence(lastSeen(rs), rs.getInt("online") == 1));
                }
                return presence;
            }
        });
    }

    private static Optional<Instant> lastSeen(ResultSet rs) throws SQLException {
        long lastSeen = rs.getLong("last_seen");
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastSeen));
    }

    private List<Peer> query(Connection c, String sql, String... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                Map<String, Peer> peers = new LinkedHashMap<>();
                while (rs.next()) {
                    Optional<Instant> seen = lastSeen(rs);
                    String addresses = rs.getString("addresses");
                    String id = rs.getString("id");
                    peers.put(id, new Peer(idOf(id), rs.getString("name"),
                            addresses == null ? List.of() : Arrays.asList(addresses.split("\n")),
                            PeerState.ofDb(rs.getString("state")), Instant.ofEpochMilli(rs.getLong("added_at")),
                            seen, rs.getInt("online") == 1));
                }
                return new ArrayList<>(peers.values());
            }
        }
    }
}
