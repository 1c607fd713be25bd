package io.portal.console.peering;

import static org.assertj.core.api.Assertions.assertThat;

import io.portal.console.identity.Ed25519Keys;
import io.portal.console.identity.PortalId;
import io.portal.console.store.Database;
import io.portal.console.store.PeerRepository;
import io.portal.console.store.PeerState;
import io.portal.console.store.PendingRepository;
import io.portal.console.testing.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingRequestsTest {
    @TempDir
    Path dir;
    private Database database;
    private PeerRepository peers;
    private PendingRepository repository;
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private PendingRequests pending;

    @BeforeEach
    void open() {
        database = Database.open(dir.resolve("portal.db"));
        peers = new PeerRepository(database);
        repository = new PendingRepository(database, 5);
        pending = new PendingRequests(repository, peers, clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static PortalId newId() {
        return PortalId.ofPublicKey(Ed25519Keys.generate().getPublic());
    }

    @Test
    void repeatedCallsCountButAreRateLimited() {
        PortalId stranger = newId();
        assertThat(pending.attempt(stranger, "Mallory\u0007", "10.0.0.5", 7461)).isTrue();
        assertThat(pending.attempt(stranger, "Mallory", "10.0.0.5", 7461)).isFalse();
        clock.advance(Duration.ofSeconds(11));
        assertThat(pending.attempt(stranger, "Mallory", "10.0.0.5", 7461)).isTrue();
        var request = repository.find(stranger).orElseThrow();
        assertThat(request.count()).isEqualTo(2);
        assertThat(request.name()).isEqualTo("Mallory");
        assertThat(request.address()).isEqualTo("10.0.0.5:7461");
    }

    @Test
    void oneAddressCannotFloodWithNewIdsAndTheTableIsCapped() {
        for (int i = 0; i < PendingRequests.NEW_PER_ADDRESS + 3; i++) {
            pending.attempt(newId(), "x", "10.0.0.9", -1);
        }
        assertThat(repository.list()).hasSize(5);
        clock.advance(Duration.ofHours(2));
        assertThat(pending.attempt(newId(), "y", "10.0.0.10", -1)).isFalse();
        assertThat(repository.list()).hasSize(5);
    }

    @Test
    void acceptIgnoreAndBlock() {
        PortalId a = newId();
        PortalId b = newId();
        PortalId c = newId();
        pending.attempt(a, "Ann", "10.0.0.1", 7461);
        pending.attempt(b, "", "10.0.0.2", -1);
        pending.attempt(c, "Cy", "10.0.0.3", 7461);

        var peer = pending.accept(a);
        assertThat(peer.name()).isEqualTo("Ann");
        assertThat(peer.addresses()).containsExactly("10.0.0.1:7461");
        assertThat(peers.find(a)).isPresent();

        pending.ignore(b);
        assertThat(repository.list()).extracting(r -> r.id()).containsExactly(c);
        clock.advance(Duration.ofMinutes(1));
        pending.attempt(b, "", "10.0.0.2", -1);
        assertThat(repository.list()).extracting(r -> r.id()).containsExactly(c);

        pending.block(c);
        assertThat(peers.find(c).orElseThrow().state()).isEqualTo(PeerState.BLOCKED);
        assertThat(repository.find(c)).isEmpty();
    }
}
