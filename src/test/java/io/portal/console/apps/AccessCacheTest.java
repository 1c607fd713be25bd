package io.portal.console.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portal.console.app.DataDirectory;
import io.portal.console.app.PortalConsole;
import io.portal.console.identity.PortalId;
import io.portal.console.store.Changes;
import io.portal.console.store.Peer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache the listeners answer calls from on their I/O threads: what it may and may not do there. */
class AccessCacheTest {
    @TempDir
    Path dir;
    PortalConsole console;
    AccessCache cache;
    String token;

    @BeforeEach
    void setUp() {
        console = PortalConsole.open(new DataDirectory(dir));
        console.profile().rename("Cache Test");
        token = ((Registration.Registered) console.appRegistry().register("{\"name\": \"notes\", \"description\": \"\"}",
                Optional.of(URI.create("http://127.0.0.1:9")))).token();
        cache = new AccessCache(console.apps(), console.peers(), console.appRegistry(), console.profile()::name,
                Changes.NONE);
    }

    @AfterEach
    void tearDown() {
        console.close();
    }

    @Test
    void withoutWaitingALookUpThatIsNotCachedThrowsInsteadOfReadingTheDatabase() {
        assertThatThrownBy(() -> AccessCache.withoutWaiting(() -> cache.authenticate(token)))
                .isInstanceOf(AccessCache.WouldWait.class);
        assertThatThrownBy(() -> AccessCache.withoutWaiting(cache::portalName)).isInstanceOf(AccessCache.WouldWait.class);
        assertThatThrownBy(() -> AccessCache.withoutWaiting(() -> cache.app("notes")))
                .isInstanceOf(AccessCache.WouldWait.class);

        // Read once on a thread that may wait, the same look-ups are answered from memory.
        assertThat(cache.authenticate(token)).map(RegisteredApp::name).contains("notes");
        assertThat(cache.portalName()).isEqualTo("Cache Test");
        assertThat(cache.app("notes")).isPresent();
        assertThat(AccessCache.withoutWaiting(() -> cache.authenticate(token))).map(RegisteredApp::name).contains("notes");
        assertThat(AccessCache.withoutWaiting(cache::portalName)).isEqualTo("Cache Test");
        assertThat(AccessCache.withoutWaiting(() -> cache.app("notes"))).isPresent();
    }

    @Test
    void aChangeMakesTheNextLookUpReadTheDatabaseAgain() {
        cache.portalName();
        console.profile().rename("Renamed");
        assertThat(cache.portalName()).isEqualTo("Cache Test");

        cache.invalidate();
        assertThatThrownBy(() -> AccessCache.withoutWaiting(cache::portalName)).isInstanceOf(AccessCache.WouldWait.class);
        assertThat(cache.portalName()).isEqualTo("Renamed");
    }

    @Test
    void presenceIsReadAgainAfterItChangedWithoutEmptyingTheRest() throws Exception {
        PortalId id = PortalId.ofBytes(new byte[PortalId.BYTES]);
        console.peers().add(Peer.added(id, "Alice", List.of("127.0.0.1:9"), Instant.now()));
        // Told of this console's own commits at once, as the service's cache is.
        try (AccessCache presence = new AccessCache(console.apps(), console.peers(), console.appRegistry(),
                console.profile()::name, console.database().ownCommits())) {
            Peer alice = presence.peer(id).orElseThrow();
            assertThat(presence.withPresence(List.of(alice))).singleElement().extracting(Peer::online).isEqualTo(false);

            Instant seen = Instant.parse("2026-11-29T12:00:00Z");
            console.peers().recordContact(id, true, seen);

            assertThatThrownBy(() -> AccessCache.withoutWaiting(() -> presence.withPresence(List.of(alice))))
                    .as("presence changed: read again").isInstanceOf(AccessCache.WouldWait.class);
            assertThat(AccessCache.withoutWaiting(() -> presence.peer(id))).as("the rest is still cached").isPresent();
            assertThat(presence.withPresence(List.of(alice))).singleElement().satisfies(now -> {
                assertThat(now.online()).isTrue();
                assertThat(now.lastSeen()).contains(seen);
                assertThat(now.name()).isEqualTo("Alice");
            });
            assertThat(AccessCache.withoutWaiting(() -> presence.withPresence(List.of(alice)))).singleElement()
                    .extracting(Peer::online).isEqualTo(true);
        }
    }

    @Test
    void mayWaitThrowsOnlyInsideWithoutWaiting() {
        AccessCache.mayWait();
        assertThatThrownBy(() -> AccessCache.withoutWaiting(() -> {
            AccessCache.mayWait();
            return null;
        })).isInstanceOf(AccessCache.WouldWait.class);
        // The mark does not outlive the work.
        AccessCache.mayWait();
    }

    @Test
    void unknownTokensAreNeverCached() {
        assertThat(cache.authenticate("ptk_nobody")).isEmpty();
        assertThatThrownBy(() -> AccessCache.withoutWaiting(() -> cache.authenticate("ptk_nobody")))
                .isInstanceOf(AccessCache.WouldWait.class);
    }
}
