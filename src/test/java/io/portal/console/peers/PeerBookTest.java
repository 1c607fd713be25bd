package io.portal.console.peers;

import static io.portal.console.peers.TestIds.id;
import static io.portal.console.peers.TestIds.idStartingWith;
import static org.assertj.core.api.Assertions.assertThat;

import io.portal.console.identity.PortalId;
import io.portal.console.store.Database;
import io.portal.console.store.Peer;
import io.portal.console.store.PeerRepository;
import io.portal.console.store.PeerState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerBookTest {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    final PortalId own = id(1);
    Database database;
    PeerRepository repository;
    PeerBook book;

    @BeforeEach
    void open(@TempDir Path dir) {
        database = Database.open(dir.resolve("portal.db"));
        repository = new PeerRepository(database);
        book = new PeerBook(repository, own, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void addsWithTheShortIdAsDefaultNameAndNormalisedAddresses() {
        PortalId friend = id(2);
        PeerBook.AddResult result = book.add(friend, "  ", List.of("Box.Example.org:7443", " ", "[::1]:80"));
        assertThat(result).isInstanceOf(PeerBook.Added.class);
        Peer peer = repository.find(friend).orElseThrow();
        assertThat(peer.name()).isEqualTo(friend.shortId());
        assertThat(peer.addresses()).containsExactly("box.example.org:7443", "[::1]:80");
        assertThat(peer.addedAt()).isEqualTo(NOW);
        assertThat(peer.state()).isEqualTo(PeerState.ACTIVE);
    }

    @Test
    void refusesOwnIdDuplicatesBadNamesAndBadAddressesWithoutChangingAnything() {
        book.add(id(2), "Alice", List.of());
        assertThat(book.add(own, "Me", List.of())).isEqualTo(new PeerBook.Refused(
                "This is your own Portal's ID. Add a friend's Portal instead."));
        assertThat(book.add(id(2), "Again", List.of())).isEqualTo(new PeerBook.Refused(
                "This Portal is already a peer, named \u201cAlice\u201d."));
        assertThat(book.add(id(3), "x".repeat(65), List.of())).isInstanceOfSatisfying(PeerBook.Refused.class,
                r -> assertThat(r.message()).contains("too long"));
        assertThat(book.add(id(3), "Bob\nSmith", List.of())).isInstanceOf(PeerBook.Refused.class);
        assertThat(book.add(id(3), "Bob", List.of("ok.example:1", "nope"))).isInstanceOfSatisfying(
                PeerBook.Refused.class, r -> assertThat(r.message()).startsWith("Address 2: ").contains("no port"));
        assertThat(repository.count()).isEqualTo(1);
    }

    @Test
    void resolvesFullIdsAnyFormAndUniquePrefixes() {
        PortalId alice = idStartingWith("AB", 10);
        PortalId bob = idStartingWith("AB", alice.hashCode() == 0 ? 11 : seedAfter(alice));
        PortalId carol = idStartingWith("Q", 10);
        book.add(alice, "Alice", List.of());
        book.add(bob, "Bob", List.of());
        book.add(carol, "Carol", List.of());

        assertThat(book.resolve(alice.display().toLowerCase())).isInstanceOfSatisfying(PeerBook.Found.class,
                f -> assertThat(f.peer().name()).isEqualTo("Alice"));
        assertThat(book.resolve("q")).isInstanceOfSatisfying(PeerBook.Found.class,
                f -> assertThat(f.peer().name()).isEqualTo("Carol"));
        assertThat(book.resolve(alice.canonical().substring(0, 10))).isInstanceOf(PeerBook.Found.class);
        assertThat(book.resolve("ab")).isInstanceOfSatisfying(PeerBook.Ambiguous.class, a -> {
            assertThat(a.matches()).hasSize(2);
            assertThat(a.message()).contains("matches 2 peers").contains(alice.shortId() + " Alice")
                    .contains(bob.shortId() + " Bob");
        });
        assertThat(book.resolve("ZZZZ")).isInstanceOfSatisfying(PeerBook.NotFound.class,
                n -> assertThat(n.message()).isEqualTo("No peer's ID starts with \u2018ZZZZ\u2019."));
        assertThat(book.resolve(id(99).canonical())).isInstanceOfSatisfying(PeerBook.NotFound.class,
                n -> assertThat(n.message()).isEqualTo("No peer has the ID " + id(99).shortId() + "."));
        assertThat(book.resolve("hello!")).isInstanceOfSatisfying(PeerBook.NotFound.class,
                n -> assertThat(n.message()).contains("neither a Portal ID nor the start of one"));
        assertThat(book.resolve("")).isInstanceOf(PeerBook.NotFound.class);
    }

    private static long seedAfter(PortalId first) {
        for (long seed = 10; ; seed++) {
            if (id(seed).equals(first)) {
                return seed + 1;
            }
        }
    }

    @Test
    void prefixForgivesCaseSeparatorsAndLookAlikes() {
        assertThat(PeerBook.prefix("ab-c0 18")).hasValue("ABCOIB");
        assertThat(PeerBook.prefix("ab!")).isEmpty();
    }

    @Test
    void renameBlockAndAddresses() {
        PortalId friend = id(2);
        book.add(friend, "Alice", List.of());
        assertThat(book.rename(friend, " Alice W ")).isEmpty();
        assertThat(book.rename(friend, "")).hasValue("The peer's name cannot be empty.");
        assertThat(book.setState(friend, PeerState.BLOCKED)).isEmpty();
        assertThat(book.setAddresses(friend, List.of("a.example:1", "b.example:2"))).isEmpty();
        assertThat(book.setAddresses(friend, List.of("bad"))).isPresent();
        Peer peer = repository.find(friend).orElseThrow();
        assertThat(peer.name()).isEqualTo("Alice W");
        assertThat(peer.blocked()).isTrue();
        assertThat(peer.addresses()).containsExactly("a.example:1", "b.example:2");
        assertThat(book.rename(id(77), "Nobody")).isPresent();
    }

    @Test
    void removeThenRestorePutsEverythingBack() {
        PortalId friend = id(2);
        book.add(friend, "Alice", List.of("a.example:1", "b.example:2"));
        repository.recordContact(friend, true, NOW.plusSeconds(60));
        book.setState(friend, PeerState.BLOCKED);
        shareApp("photos", "selected", friend);
        shareApp("wiki", "all", null);
        Peer before = repository.find(friend).orElseThrow();
        assertThat(book.listings()).singleElement().satisfies(l -> assertThat(l.sharedApps()).isEqualTo(2));

        var removed = book.remove(friend).orElseThrow();
        assertThat(repository.find(friend)).isEmpty();
        assertThat(removed.sharedByApps()).containsExactly("photos");

        assertThat(book.restore(removed)).isEmpty();
        assertThat(repository.find(friend)).contains(before);
        assertThat(book.listings()).singleElement().satisfies(l -> assertThat(l.sharedApps()).isEqualTo(2));
        assertThat(book.restore(removed)).hasValueSatisfying(m -> assertThat(m).contains("already a peer"));
    }

    private void shareApp(String app, String sharing, PortalId peer) {
        database.write(c -> {
            try (var s = c.prepareStatement("INSERT INTO apps (name, url, manifest, token_hash, sharing, added_at) "
                    + "VALUES (?, 'http://127.0.0.1:1', '{}', ?, ?, 0)")) {
                s.setString(1, app);
                s.setString(2, "hash-" + app);
                s.setString(3, sharing);
                s.executeUpdate();
            }
            if (peer != null) {
                try (var s = c.prepareStatement("INSERT INTO app_shares (app, peer_id) VALUES (?, ?)")) {
                    s.setString(1, app);
                    s.setString(2, peer.canonical());
                    s.executeUpdate();
                }
            }
            return null;
        });
    }
}
