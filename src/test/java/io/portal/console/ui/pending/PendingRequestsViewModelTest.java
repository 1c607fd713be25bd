package io.portal.console.ui.pending;

import static org.assertj.core.api.Assertions.assertThat;

import io.portal.console.identity.Ed25519Keys;
import io.portal.console.identity.PortalId;
import io.portal.console.peering.PendingRequests;
import io.portal.console.store.Changes;
import io.portal.console.store.Database;
import io.portal.console.store.PeerRepository;
import io.portal.console.store.PendingRepository;
import io.portal.console.ui.common.BackgroundExecutor;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingRequestsViewModelTest {
    @TempDir
    Path dir;

    @Test
    void showsRequestsAndAcceptMakesAPeer() throws Exception {
        try (Database database = Database.open(dir.resolve("portal.db"))) {
            PeerRepository peers = new PeerRepository(database);
            PendingRepository repository = new PendingRepository(database);
            PendingRequests requests = new PendingRequests(repository, peers, Clock.systemUTC());
            PortalId carol = PortalId.ofPublicKey(Ed25519Keys.generate().getPublic());
            PortalId dave = PortalId.ofPublicKey(Ed25519Keys.generate().getPublic());
            requests.attempt(carol, "Carol", "127.0.0.1", 7481);
            requests.attempt(dave, "Dave", "127.0.0.2", 7461);

            PendingRequestsViewModel model = new PendingRequestsViewModel(requests, Changes.NONE, BackgroundExecutor.DIRECT);
            assertThat(model.items()).hasSize(2);
            var first = model.items().stream().filter(r -> r.id().equals(carol)).findFirst().orElseThrow();
            assertThat(PendingRequestsViewModel.headline(first)).isEqualTo("Portal " + carol.shortId() + " wants to connect");
            assertThat(PendingRequestsViewModel.details(first)).contains("Carol", "127.0.0.1:7481");

            model.accept(first);
            assertThat(peers.find(carol)).isPresent();
            assertThat(model.items()).extracting(r -> r.id()).containsExactly(dave);
            assertThat(model.statusProperty().get()).contains("is now a peer");

            model.block(model.items().get(0));
            assertThat(model.items()).isEmpty();
            assertThat(peers.find(dave).orElseThrow().blocked()).isTrue();
            model.close();
        }
    }
}
