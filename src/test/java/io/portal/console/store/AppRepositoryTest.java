package io.portal.console.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portal.console.apps.AppManifest;
import io.portal.console.apps.ManifestParser;
import io.portal.console.apps.ManifestResult;
import io.portal.console.apps.RegisteredApp;
import io.portal.console.apps.Sharing;
import io.portal.console.apps.SharingMode;
import io.portal.console.identity.PortalId;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppRepositoryTest {
    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30.123Z");
    private static final String NOTES = """
            {"v": "1.0", "name": "notes", "description": "Notes", "port": 3000,
             "paths": {"": {"access": "private"}, "/peer/": {"access": "peer", "headers": {"X-Id": "{{ client_id }}"}}}}
            """;

    @TempDir
    Path dir;
    private Database database;
    private AppRepository apps;
    private PeerRepository peers;

    static PortalId id(int n) {
        byte[] bytes = new byte[PortalId.BYTES];
        Arrays.fill(bytes, (byte) n);
        return PortalId.ofBytes(bytes);
    }

    static AppManifest manifest(String json) {
        return ((ManifestResult.Parsed) ManifestParser.parse(json)).manifest();
    }

    @BeforeEach
    void open() {
        database = Database.open(dir.resolve("portal.db"));
        apps = new AppRepository(database);
        peers = new PeerRepository(database);
        for (int n = 1; n <= 3; n++) {
            peers.add(Peer.added(id(n), "Peer " + n, List.of(), NOW));
        }
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void registersOnceKeepingTheExactManifestAndSharingWithNobody() {
        assertThat(apps.register(manifest(NOTES), URI.create("http://127.0.0.1:3000"), "hash-1", NOW)).isTrue();
        assertThat(apps.register(manifest(NOTES), URI.create("http://127.0.0.1:3001"), "hash-2", NOW)).isFalse();
        RegisteredApp app = apps.find("notes").orElseThrow();
        assertThat(app.name()).isEqualTo("notes");
        assertThat(app.description()).isEqualTo("Notes");
        assertThat(app.url()).isEqualTo(URI.create("http://127.0.0.1:3000"));
        assertThat(app.manifest().json()).isEqualTo(NOTES);
        assertThat(app.manifest().peerPaths()).hasSize(1);
        assertThat(app.sharing()).isEqualTo(Sharing.NONE);
        assertThat(app.addedAt()).isEqualTo(NOW);
        assertThat(apps.count()).isEqualTo(1);
    }

    @Test
    void findsByTokenHashAndRotates() {
        apps.register(manifest(NOTES), URI.create("http://127.0.0.1:3000"), "hash-1", NOW);
        assertThat(apps.findByTokenHash("hash-1")).map(RegisteredApp::name).contains("notes");
        assertThat(apps.replaceTokenHash("notes", "hash-2")).isTrue();
        assertThat(apps.findByTokenHash("hash-1")).isEmpty();
        assertThat(apps.findByTokenHash("hash-2")).isPresent();
        assertThat(apps.replaceTokenHash("nope", "hash-3")).isFalse();
    }

    @Test
    void tokenHashesAreUnique() {
        apps.register(manifest(NOTES), URI.create("http://127.0.0.1:3000"), "same", NOW);
        assertThatThrownBy(() -> apps.register(manifest("{\"name\": \"other\", \"port\": 1}"),
                URI.create("http://127.0.0.1:1"), "same", NOW)).isInstanceOf(StoreException.class);
        assertThat(apps.count()).isEqualTo(1);
    }

    @Test
    void listsByNameWithTheirSharing() {
        apps.register(manifest("{\"name\": \"zeta\", \"port\": 1}"), URI.create("http://127.0.0.1:1"), "h1", NOW);
        apps.register(manifest(NOTES), URI.create("http://127.0.0.1:3000"), "h2", NOW);
        apps.setSharing("zeta", Sharing.ALL);
        apps.setSharing("notes", Sharing.selected(Set.of(id(1), id(3))));
        List<RegisteredApp> list = apps.list();
        assertThat(list).extracting(RegisteredApp::name).containsExactly("notes", "zeta");
        assertThat(list.get(0).sharing()).isEqualTo(Sharing.selected(Set.of(id(1), id(3))));
        assertThat(list.get(1).sharing()).isEqualTo(Sharing.ALL);
    }

    @Test
    void setSharingReplacesAndSkipsUnknownPeers() {
        apps.register(manifest(NOTES), URI.create("http://127.0.0.1:3000"), "h", NOW);
        assertThat(apps.setSharing("notes", Sharing.selected(Set.of(id(1), id(2), id(99))))).isTrue();
        assertThat(apps.find("notes").orElseThrow().sharing().peers()).containsExactlyInAnyOrder(id(1), id(2));
        apps.setSharing("notes", Sharing.NONE);
        assertThat(apps.find("notes").orElseThrow().sharing()).isEqualTo(Sharing.NONE);
        assertThat(apps.setSharing("nope", Sharing.ALL)).isFalse();
    }

    @Test
    void matrixTicksFollowTheMode() {
        apps.register(manifest(NOTES), URI.create("http://127.0.0.1:3000"), "h", NOW);
        apps.setShared("notes", id(2), true);
        assertThat(sharing()).isEqualTo(Sharing.selected(Set.of(id(2))));
        apps.setShared("notes", id(1), true);
        apps.setShared("notes", id(2), false);
        assertThat(sharing()).isEqualTo(Sharing.selected(Set.of(id(1))));
        apps.setSharing("notes", Sharing.ALL);
        apps.setShared("notes", id(1), true);
        assertThat(sharing()).isEqualTo(Sharing.ALL);
        apps.setShared("notes", id(1), false);
        assertThat(sharing()).isEqualTo(Sharing.selected(Set.of(id(2), id(3))));
        apps.setSharing("notes", Sharing.NONE);
        apps.setShared("notes", id(1), false);
        assertThat(sharing().mode()).isEqualTo(SharingMode.NONE);
        assertThat(apps.setShared("nope", id(1), true)).isFalse();
    }

    @Test
    void removingAnAppOrAPeerRemovesItsShares() {
        apps.register(manifest(NOTES), URI.create("http://127.0.0.1:3000"), "h", NOW);
        apps.setSharing("notes", Sharing.selected(Set.of(id(1), id(2))));
        peers.remove(id(1));
        assertThat(sharing().peers()).containsExactly(id(2));
        assertThat(apps.remove("notes")).isTrue();
        assertThat(apps.remove("notes")).isFalse();
        int shares = database.read(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM app_shares")) {
                return rs.getInt(1);
            }
        });
        assertThat(shares).isZero();
    }

    @Test
    void survivesReopening() {
        apps.register(manifest(NOTES), URI.create("http://127.0.0.1:3000"), "h", NOW);
        apps.setSharing("notes", Sharing.selected(Set.of(id(3))));
        database.close();
        database = Database.open(dir.resolve("portal.db"));
        apps = new AppRepository(database);
        assertThat(sharing()).isEqualTo(Sharing.selected(Set.of(id(3))));
    }

    private Sharing sharing() {
        return apps.find("notes").orElseThrow().sharing();
    }
}
