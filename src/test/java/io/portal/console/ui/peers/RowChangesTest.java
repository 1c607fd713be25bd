package io.portal.console.ui.peers;

import static io.portal.console.peers.TestIds.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.portal.console.peers.PeerBook;
import io.portal.console.store.Peer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RowChangesTest {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    static PeerBook.Listing listing(long seed, String name, int apps) {
        return new PeerBook.Listing(Peer.added(id(seed), name, List.of(), Instant.EPOCH), apps);
    }

    static PeerRow row(PeerBook.Listing listing) {
        return new PeerRow(listing, NOW);
    }

    @Test
    void keepsWhatShowsTheSameAndNamesPositionsForTheRest() {
        PeerRow ann = row(listing(1, "Ann", 0));
        PeerRow bob = row(listing(2, "Bob", 0));
        PeerRow cid = row(listing(3, "Cid", 0));
        PeerRow dan = row(listing(4, "Dan", 0));
        List<PeerBook.Listing> read = List.of(listing(5, "Abe", 0), listing(1, "Ann", 0), listing(2, "Bob", 1),
                listing(4, "Dan", 0));

        RowChanges changes = RowChanges.between(List.of(ann, bob, cid, dan), read, NOW);

        assertThat(changes.all()).hasSize(4);
        assertThat(changes.all().get(1)).isSameAs(ann);
        assertThat(changes.all().get(3)).isSameAs(dan);
        assertThat(changes.replacedAt()).containsExactly(1);
        assertThat(changes.replacements()).singleElement().satisfies(r -> assertThat(r.sharedApps()).isEqualTo(1));
        assertThat(changes.removedAt()).containsExactly(2);
        assertThat(changes.added()).extracting(PeerRow::name).containsExactly("Abe");
        assertThat(changes.all().get(0)).isSameAs(changes.added().get(0));
        assertThat(changes.count()).isEqualTo(3);
    }

    @Test
    void aStatusThatReadsDifferentlyNowIsAChangeAndRemovalsComeHighestFirst() {
        Peer seen = new Peer(id(1), "Ann", List.of(), io.portal.console.store.PeerState.ACTIVE, Instant.EPOCH,
                Optional.of(NOW.minusSeconds(30)), false);
        PeerBook.Listing ann = new PeerBook.Listing(seen, 0);
        List<PeerRow> held = List.of(new PeerRow(ann, NOW), row(listing(2, "Bob", 0)), row(listing(3, "Cid", 0)));

        assertThat(RowChanges.between(held, List.of(ann), NOW.plusSeconds(5)).replacedAt()).isEmpty();
        RowChanges later = RowChanges.between(held, List.of(ann), NOW.plusSeconds(600));

        assertThat(later.replacedAt()).containsExactly(0);
        assertThat(later.replacements().get(0).statusText()).isEqualTo("Offline \u00b7 last seen 10 min ago");
        assertThat(later.removedAt()).containsExactly(2, 1);
    }
}
