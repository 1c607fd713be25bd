package io.portal.console.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.portal.console.apps.AppTokens;
import io.portal.console.apps.Sharing;
import io.portal.console.store.AppRepository;
import io.portal.console.store.Database;
import io.portal.console.store.PeerRepository;
import io.portal.console.store.PeerState;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running service keeps look-ups in memory; a change made through another door — here, like the CLI, a second
 * connection to the same database file — must still take effect within 2 seconds, and one made through this
 * process at once.
 */
class ChangesThroughOtherDoorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WITHIN_MS = 2000;

    @TempDir
    Path dir;
    TestPortal alice;
    TestPortal bob;
    String call;

    @BeforeEach
    void start() throws Exception {
        alice = new TestPortal(dir.resolve("alice"), "Alice");
        bob = new TestPortal(dir.resolve("bob"), "Bob");
        alice.addPeer(bob, "Bob");
        bob.addPeer(alice, "Alice");
        alice.share("echo", Sharing.ALL);
        bob.share("echo", Sharing.ALL);
        call = "/v1/call/" + bob.id().canonical() + "/peer/x";
        // Fills the caches on both sides.
        assertThat(alice.get(call).statusCode()).isEqualTo(200);
        assertThat(alice.get(call).statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        if (alice != null) {
            alice.close();
        }
        if (bob != null) {
            bob.close();
        }
    }

    /** Changes the Portal's database through a connection of its own, as the CLI does. */
    private static void throughTheCli(TestPortal portal, Consumer<Database> change) {
        try (Database other = Database.open(portal.console.dataDirectory().resolve(Database.FILE_NAME))) {
            change.accept(other);
        }
    }

    private void assertAnsweredWithin(long millis, int status, String slug) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> last;
        do {
            last = alice.get(call);
            if (last.statusCode() == status && (slug == null || slugOf(last).equals(slug))) {
                return;
            }
            Thread.sleep(25);
        } while ((System.nanoTime() - started) / 1_000_000 < millis);
        assertThat(last.statusCode()).as(last.body()).isEqualTo(status);
        assertThat(slugOf(last)).isEqualTo(slug);
    }

    private static String slugOf(HttpResponse<String> response) throws Exception {
        String type = response.body().isEmpty() ? "" : JSON.readTree(response.body()).path("type").asText();
        return type.replace("urn:portal:problem:", "");
    }

    @Test
    void sharingRevokedOnTheReceivingSide() throws Exception {
        throughTheCli(bob, db -> new AppRepository(db).setSharing("echo", Sharing.NONE));
        assertAnsweredWithin(WITHIN_MS, 403, "peer-refused-app-not-shared");
        throughTheCli(bob, db -> new AppRepository(db).setSharing("echo", Sharing.ALL));
        assertAnsweredWithin(WITHIN_MS, 200, null);
    }

    @Test
    void senderBlockedOnTheReceivingSide() throws Exception {
        throughTheCli(bob, db -> new PeerRepository(db).setState(alice.id(), PeerState.BLOCKED));
        long started = System.nanoTime();
        HttpResponse<String> refused;
        do {
            refused = alice.get(call);
        } while (refused.statusCode() == 200 && (System.nanoTime() - started) / 1_000_000 < WITHIN_MS);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(slugOf(refused)).startsWith("peer-refused");
    }

    @Test
    void sharingRevokedAndPeerBlockedOnTheCallingSide() throws Exception {
        throughTheCli(alice, db -> new AppRepository(db).setSharing("echo", Sharing.NONE));
        assertAnsweredWithin(WITHIN_MS, 403, "peer-not-shared");
        throughTheCli(alice, db -> {
            new AppRepository(db).setSharing("echo", Sharing.ALL);
            new PeerRepository(db).setState(bob.id(), PeerState.BLOCKED);
        });
        assertAnsweredWithin(WITHIN_MS, 403, "peer-blocked");
    }

    @Test
    void rotatedTokenStopsWorking() throws Exception {
        throughTheCli(alice, db -> new AppRepository(db).replaceTokenHash("echo", AppTokens.hash(AppTokens.generate())));
        assertAnsweredWithin(WITHIN_MS, 401, "unauthorized");
    }

    @Test
    void changesMadeInThisProcessTakeEffectAtOnce() throws Exception {
        bob.share("echo", Sharing.NONE);
        assertAnsweredWithin(0, 403, "peer-refused-app-not-shared");
        bob.share("echo", Sharing.ALL);
        alice.console.peers().setState(bob.id(), PeerState.BLOCKED);
        assertAnsweredWithin(0, 403, "peer-blocked");
    }
}
