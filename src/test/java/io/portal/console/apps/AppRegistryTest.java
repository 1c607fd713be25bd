package io.portal.console.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portal.console.identity.PortalId;
import io.portal.console.store.AppRepository;
import io.portal.console.store.Database;
import io.portal.console.store.Peer;
import io.portal.console.store.PeerRepository;
import io.portal.console.store.PeerState;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppRegistryTest {
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    @TempDir
    Path dir;
    private Database database;
    private PeerRepository peers;
    private AppRegistry registry;

    @BeforeEach
    void open() {
        database = Database.open(dir.resolve("portal.db"));
        peers = new PeerRepository(database);
        registry = new AppRegistry(new AppRepository(database), peers, Clock.fixed(NOW, ZoneOffset.UTC));
        for (int n = 1; n <= 3; n++) {
            peers.add(Peer.added(id(n), "Peer " + n, List.of(), NOW));
        }
        peers.setState(id(3), PeerState.BLOCKED);
    }

    @AfterEach
    void close() {
        database.close();
    }

    static PortalId id(int n) {
        return AccessDecisionTest.id(n);
    }

    private Registration.Registered registered(String fixture, Optional<URI> url) {
        Registration registration = registry.register(ManifestParserTest.fixture(fixture), url);
        assertThat(registration).isInstanceOf(Registration.Registered.class);
        return (Registration.Registered) registration;
    }

    @Test
    void registersWithThePortFromTheManifestAndAuthenticatesByToken() {
        Registration.Registered registered = registered("v1-paths.json", Optional.empty());
        assertThat(registered.app().url()).isEqualTo(URI.create("http://127.0.0.1:3000"));
        assertThat(registered.app().sharing()).isEqualTo(Sharing.NONE);
        assertThat(registered.app().addedAt()).isEqualTo(NOW);
        assertThat(registry.authenticate(registered.token())).map(RegisteredApp::name).contains("notes");
        assertThat(registry.authenticate("ptk_wrong")).isEmpty();
        assertThat(registry.authenticate("")).isEmpty();
        assertThat(registry.authenticate(null)).isEmpty();
        String json = database.read(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT token_hash FROM apps")) {
                return rs.getString(1);
            }
        });
        assertThat(json).isEqualTo(AppTokens.hash(registered.token())).doesNotContain(registered.token());
    }

    @Test
    void anExplicitUrlWins() {
        Registration.Registered registered = registered("v3-entrypoints-no-port.json",
                Optional.of(URI.create("https://wiki.local:8443/base")));
        assertThat(registered.app().url()).isEqualTo(URI.create("https://wiki.local:8443/base"));
    }

    @Test
    void refusals() {
        assertThat(registry.register(ManifestParserTest.fixture("v3-entrypoints-no-port.json"), Optional.empty()))
                .isEqualTo(new Registration.Refused(Registration.Problem.URL_NEEDED, "app.json has no port; give --url"));
        assertThat(registry.register(ManifestParserTest.fixture("invalid-access.json"), Optional.empty()))
                .isEqualTo(new Registration.Refused(Registration.Problem.INVALID_MANIFEST,
                        "paths./peer/.access: must be one of public, private, peer"));
        assertThat(registry.register(ManifestParserTest.fixture("v1-paths.json"),
                Optional.of(URI.create("ftp://x/")))).extracting(r -> ((Registration.Refused) r).problem())
                .isEqualTo(Registration.Problem.INVALID_URL);
        registered("v1-paths.json", Optional.empty());
        assertThat(registry.register(ManifestParserTest.fixture("v1-paths.json"), Optional.empty()))
                .extracting(r -> ((Registration.Refused) r).problem()).isEqualTo(Registration.Problem.NAME_TAKEN);
        assertThat(registry.list()).hasSize(1);
    }

    @Test
    void urlsMustBeAbsoluteHttp() {
        assertThat(AppRegistry.parseUrl(" http://127.0.0.1:8080 ")).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(AppRegistry.parseUrl("HTTPS://app.example")).isEqualTo(URI.create("HTTPS://app.example"));
        for (String bad : List.of("127.0.0.1:8080", "/relative", "ftp://host/", "http://", "http:opaque",
                "http://user:pw@host/", "http://host/?q=1", "not a url", "")) {
            assertThatThrownBy(() -> AppRegistry.parseUrl(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("The app's URL must be an absolute http:// or https:// URL");
        }
    }

    @Test
    void rotatingReplacesTheToken() {
        Registration.Registered registered = registered("v1-paths.json", Optional.empty());
        String rotated = registry.rotateToken("notes");
        assertThat(rotated).isNotEqualTo(registered.token());
        assertThat(registry.authenticate(registered.token())).isEmpty();
        assertThat(registry.authenticate(rotated)).isPresent();
        assertThatThrownBy(() -> registry.rotateToken("nope")).isInstanceOf(NoSuchAppException.class)
                .hasMessage("No app named nope is registered.");
    }

    @Test
    void visiblePeersApplySharingAndNeverIncludeBlockedPeers() {
        registered("v1-paths.json", Optional.empty());
        assertThat(registry.visiblePeers(notes())).isEmpty();
        registry.share("notes", Sharing.ALL);
        assertThat(registry.visiblePeers(notes())).extracting(Peer::id).containsExactly(id(1), id(2));
        registry.share("notes", Sharing.selected(Set.of(id(2), id(3))));
        assertThat(registry.visiblePeers(notes())).extracting(Peer::id).containsExactly(id(2));
        assertThatThrownBy(() -> registry.share("nope", Sharing.ALL)).isInstanceOf(NoSuchAppException.class);
    }

    @Test
    void newPeersAreSeenInAllModeOnly() {
        registered("v1-paths.json", Optional.empty());
        registered("v2-services.json", Optional.empty());
        registered("v0-minimal.json", Optional.empty());
        registry.share("notes", Sharing.ALL);
        registry.share("chat", Sharing.selected(Set.of(id(1))));
        peers.add(Peer.added(id(4), "Newcomer", List.of(), NOW));
        assertThat(registry.visiblePeers(registry.find("notes").orElseThrow())).extracting(Peer::id).contains(id(4));
        assertThat(registry.visiblePeers(registry.find("chat").orElseThrow())).extracting(Peer::id).containsExactly(id(1));
        assertThat(registry.visiblePeers(registry.find("hello-world").orElseThrow())).isEmpty();
    }

    @Test
    void removes() {
        registered("v1-paths.json", Optional.empty());
        assertThat(registry.remove("notes")).isTrue();
        assertThat(registry.remove("notes")).isFalse();
        assertThat(registry.find("notes")).isEmpty();
    }

    private RegisteredApp notes() {
        return registry.find("notes").orElseThrow();
    }
}
