package io.portal.console.store;

import static io.portal.console.peers.TestIds.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerRepositoryTest {
    Database database;
    PeerRepository repository;

    @BeforeEach
    void open(@TempDir Path dir) {
        database = Database.open(dir.resolve("portal.db"));
        repository = new PeerRepository(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void listingAgainReusesTheIdsItReadAndSeesWhatChanged() {
        repository.add(Peer.added(id(2), "Alice", List.of("a.example:1"), Instant.EPOCH));
        repository.add(Peer.added(id(3), "Bob", List.of(), Instant.EPOCH));
        List<Peer> first = repository.list();

        repository.remove(id(2));
        repository.add(Peer.added(id(4), "Carol", List.of(), Instant.EPOCH));
        repository.rename(id(3), "Bobby");
        List<Peer> second = repository.list();

        assertThat(second).extracting(Peer::name).containsExactly("Bobby", "Carol");
        assertThat(second).extracting(Peer::id).containsExactly(id(3), id(4));
        assertThat(second.get(0).id()).isSameAs(first.get(1).id());
        assertThat(repository.find(id(4)).orElseThrow().id()).isSameAs(second.get(1).id());
        assertThat(repository.find(id(2))).isEmpty();
    }
}
