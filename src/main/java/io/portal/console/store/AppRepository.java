package io.portal.console.store;

import io.portal.console.apps.AppManifest;
import io.portal.console.apps.ManifestParser;
import io.portal.console.apps.ManifestResult;
import io.portal.console.apps.RegisteredApp;
import io.portal.console.apps.Sharing;
import io.portal.console.apps.SharingMode;
import io.portal.console.identity.PortalId;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Registered apps and whom each is shared with, in SQLite. The rules live in {@code apps.AppRegistry}. */
public final class AppRepository {
    private static final Logger LOG = Logger.getLogger(AppRepository.class.getName());
    private static final String SELECT = "SELECT name, description, url, manifest, sharing, added_at FROM apps";

    private final Database database;

    public AppRepository(Database database) {
        this.database = database;
    }

    /** Adds an app, not shared with anyone. Returns false (and changes nothing) when the name is taken. */
    public boolean register(AppManifest manifest, URI url, String tokenHash, Instant now) {
        return database.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO apps (name, description, url, manifest, "
                    + "token_hash, sharing, added_at) VALUES (?, ?, ?, ?, ?, 'none', ?) ON CONFLICT(name) DO NOTHING")) {
                s.setString(1, manifest.name());
                s.setString(2, manifest.description());
                s.setString(3, url.toString());
                s.setString(4, manifest.json());
                s.setString(5, tokenHash);
                s.setLong(6, now.toEpochMilli());
                return s.executeUpdate() > 0;
            }
        });
    }

    public List<RegisteredApp> list() {
        return database.read(c -> query(c, SELECT + " ORDER BY name"));
    }

    public Optional<RegisteredApp> find(String name) {
        return database.read(c -> query(c, SELECT + " WHERE name = ?", name).stream().findFirst());
    }

    public Optional<RegisteredApp> findByTokenHash(String hash) {
        return database.read(c -> query(c, SELECT + " WHERE token_hash = ?", hash).stream().findFirst());
    }

    public boolean remove(String name) {
        return Sql.update(database, "DELETE FROM apps WHERE name = ?", name);
    }

    public boolean replaceTokenHash(String name, String hash) {
        return Sql.update(database, "UPDATE apps SET token_hash = ? WHERE name = ?", hash, name);
    }

    public int count() {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM apps"); ResultSet rs = s.executeQuery()) {
                return rs.getInt(1);
            }
        });
    }

    /**
     * Replaces the app's sharing. Selected peers that are not (or no longer) peers are skipped, so a peer removed
     * meanwhile cannot break the write. Returns false when there is no such app.
     */
    public boolean setSharing(String name, Sharing sharing) {
        return database.write(c -> {
            if (!updateMode(c, name, sharing.mode())) {
                return false;
            }
            deleteShares(c, name);
            insertShares(c, name, sharing.peers());
            return true;
        });
    }

    /**
     * Shares or unshares one app with one peer, in one transaction, as a tick in the sharing matrix means it:
     * ticking under None starts a selection with that peer; unticking under All selects every other peer;
     * under Selected the peer is added or removed. Returns false when there is no such app.
     */
    public boolean setShared(String name, PortalId peer, boolean shared) {
        return database.write(c -> {
            Optional<SharingMode> mode = mode(c, name);
            if (mode.isEmpty()) {
                return false;
            }
            switch (mode.get()) {
                case NONE -> {
                    if (shared) {
                        updateMode(c, name, SharingMode.SELECTED);
                        deleteShares(c, name);
                        insertShares(c, name, Set.of(peer));
                    }
                }
                case ALL -> {
                    if (!shared) {
                        updateMode(c, name, SharingMode.SELECTED);
                        deleteShares(c, name);
                        try (PreparedStatement s = c.prepareStatement(
                                "INSERT INTO app_shares (app, peer_id) SELECT ?, id FROM peers WHERE id <> ?")) {
                            s.setString(1, name);
                            s.setString(2, peer.canonical());
                            s.executeUpdate();
                        }
                    }
                }
                case SELECTED -> {
                    if (shared) {
                        insertShares(c, name, Set.of(peer));
                    } else {
                        try (PreparedStatement s = c.prepareStatement(
                                "DELETE FROM app_shares WHERE app = ? AND peer_id = ?")) {
                            s.setString(1, name);
                            s.setString(2, peer.canonical());
                            s.executeUpdate();
                        }
                    }
                }
                default -> throw new IllegalStateException("unknown sharing mode " + mode.get());
            }
            return true;
        });
    }

    private static Optional<SharingMode> mode(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT sharing FROM apps WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(SharingMode.ofDb(rs.getString(1))) : Optional.empty();
            }
        }
    }

    private static boolean updateMode(Connection c, String name, SharingMode mode) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE apps SET sharing = ? WHERE name = ?")) {
            s.setString(1, mode.dbValue());
            s.setString(2, name);
            return s.executeUpdate() > 0;
        }
    }

    private static void deleteShares(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM app_shares WHERE app = ?")) {
            s.setString(1, name);
            s.executeUpdate();
        }
    }

    private static void insertShares(Connection c, String name, Set<PortalId> peers) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO app_shares (app, peer_id) "
                + "SELECT ?, id FROM peers WHERE id = ? ON CONFLICT DO NOTHING")) {
            for (PortalId peer : peers) {
                s.setString(1, name);
                s.setString(2, peer.canonical());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static List<RegisteredApp> query(Connection c, String sql, String... parameters) throws SQLException {
        record Row(String name, String description, String url, String manifest, SharingMode mode, long addedAt) {
        }
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString("name"), rs.getString("description"), rs.getString("url"),
                            rs.getString("manifest"), SharingMode.ofDb(rs.getString("sharing")), rs.getLong("added_at")));
                }
            }
        }
        Map<String, Set<PortalId>> shares = rows.size() == 1 ? shares(c, rows.get(0).name()) : shares(c, null);
        List<RegisteredApp> apps = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Sharing sharing = new Sharing(row.mode(), shares.getOrDefault(row.name(), Set.of()));
            apps.add(new RegisteredApp(row.name(), row.description(), URI.create(row.url()),
                    manifest(row.name(), row.description(), row.manifest()), sharing,
                    Instant.ofEpochMilli(row.addedAt())));
        }
        return apps;
    }

    private static Map<String, Set<PortalId>> shares(Connection c, String app) throws SQLException {
        Map<String, Set<PortalId>> shares = new HashMap<>();
        // With 1,000 peers and 50 apps the same IDs come back many times; parse each once.
        Map<String, PortalId> ids = new HashMap<>();
        String sql = "SELECT app, peer_id FROM app_shares" + (app == null ? "" : " WHERE app = ?");
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (app != null) {
                s.setString(1, app);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    shares.computeIfAbsent(rs.getString(1), k -> new HashSet<>())
                            .add(ids.computeIfAbsent(rs.getString(2), PortalId::ofCanonical));
                }
            }
        }
        return shares;
    }

    /** The stored app.json was valid when registered; should a later parser refuse it, the app keeps no paths. */
    private static AppManifest manifest(String name, String description, String json) {
        ManifestResult result = ManifestParser.parse(json);
        if (result instanceof ManifestResult.Parsed parsed) {
            return parsed.manifest();
        }
        LOG.log(Level.WARNING, "stored app.json of {0} no longer parses: {1}",
                new Object[] {name, ((ManifestResult.Rejected) result).message()});
        return new AppManifest(name, description, OptionalInt.empty(), List.of(), json);
    }
}
