package io.portal.console.ui.peers;

import static io.portal.console.peers.TestIds.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.portal.console.identity.PortalId;
import io.portal.console.store.Peer;
import io.portal.console.store.PeerState;
import io.portal.console.ui.common.BackgroundExecutor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeersViewModelTest {
    @TempDir
    Path dir;
    PeersFixture fixture;
    PeersViewModel model;

    @BeforeEach
    void setUp() {
        fixture = new PeersFixture(dir);
        fixture.book.add(id(2), "Alice", List.of("alice.example.org:7443"));
        fixture.book.add(id(3), "Bob", List.of());
        fixture.repository.recordContact(id(2), true, PeersFixture.NOW.minusSeconds(10));
        fixture.repository.recordContact(id(3), true, PeersFixture.NOW.minusSeconds(300));
        fixture.repository.recordContact(id(3), false, PeersFixture.NOW);
        fixture.book.add(id(4), "Carol", List.of());
        model = fixture.model(BackgroundExecutor.DIRECT);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    List<String> names() {
        return model.rows().stream().map(PeerRow::name).toList();
    }

    @Test
    void rowsShowStatusAddressesAndApps() {
        assertThat(names()).containsExactly("Alice", "Bob", "Carol");
        assertThat(model.rows()).extracting(PeerRow::statusText)
                .containsExactly("Online", "Offline \u00b7 last seen 5 min ago", "Never seen");
        assertThat(model.rows().get(0).addressesText()).isEqualTo("alice.example.org:7443");
        assertThat(model.totalProperty().get()).isEqualTo(3);
        fixture.book.setState(id(4), PeerState.BLOCKED);
        fixture.fireChange();
        assertThat(model.rows().get(2).statusText()).isEqualTo("Blocked \u00b7 Never seen");
    }

    @Test
    void filterMatchesNameShortIdAndAnyPartOfTheId() {
        model.filterProperty().set("ali");
        assertThat(names()).containsExactly("Alice");
        model.filterProperty().set(id(3).shortId().toLowerCase());
        assertThat(names()).contains("Bob");
        String middle = id(4).canonical().substring(20, 30);
        model.filterProperty().set(middle.substring(0, 5) + "-" + middle.substring(5).toLowerCase());
        assertThat(names()).containsExactly("Carol");
        model.filterProperty().set("nobody!");
        assertThat(names()).isEmpty();
        model.filterProperty().set(" ");
        assertThat(names()).hasSize(3);
    }

    @Test
    void rowsFollowTheTableOrderAndAFilterKeepsIt() {
        fixture.book.add(id(5), "Dan 9", List.of());
        fixture.book.add(id(6), "ann 9", List.of());
        fixture.book.add(id(7), "Cid 9", List.of());
        fixture.fireChange();
        model.filterProperty().set("9");
        assertThat(names()).containsExactly("ann 9", "Cid 9", "Dan 9");
        model.orderProperty().set(Comparator.comparing(PeerRow::name));
        assertThat(names()).containsExactly("Cid 9", "Dan 9", "ann 9");
        model.filterProperty().set("");
        assertThat(names()).containsExactly("Alice", "Bob", "Carol", "Cid 9", "Dan 9", "ann 9");
        // Equal for the table's order: by name, as when the table sorts by nothing.
        model.orderProperty().set(Comparator.comparing(PeerRow::sharedApps));
        assertThat(names()).containsExactly("Alice", "ann 9", "Bob", "Carol", "Cid 9", "Dan 9");
        model.orderProperty().set(null);
        assertThat(names()).containsExactly("Alice", "ann 9", "Bob", "Carol", "Cid 9", "Dan 9");
    }

    @Test
    void changesMadeElsewhereShowAfterANotification() {
        fixture.book.rename(id(2), "Alice W");
        fixture.book.add(id(5), "Dave", List.of());
        assertThat(names()).doesNotContain("Dave");
        fixture.fireChange();
        assertThat(names()).containsExactly("Alice W", "Bob", "Carol", "Dave");
    }

    @Test
    void aReloadKeepsTheRowsThatShowTheSameAndReportsNothingWhenNothingChanged() {
        PeerRow alice = model.find(id(2)).orElseThrow();
        PeerRow bob = model.find(id(3)).orElseThrow();
        PeerRow carol = model.find(id(4)).orElseThrow();
        List<String> changes = new ArrayList<>();
        model.rows().addListener((javafx.collections.ListChangeListener<PeerRow>) c -> changes.add(c.toString()));

        fixture.fireChange();
        assertThat(changes).isEmpty();

        fixture.book.rename(id(3), "Bobby");
        fixture.fireChange();
        assertThat(names()).containsExactly("Alice", "Bobby", "Carol");
        assertThat(model.find(id(2))).containsSame(alice);
        assertThat(model.find(id(4))).containsSame(carol);
        assertThat(model.find(id(3)).orElseThrow()).isNotSameAs(bob);
        assertThat(changes).hasSize(1);
    }

    @Test
    void manyChangesAtOnceShowAsWell() {
        List<Peer> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(Peer.added(id(100 + i), String.format("Peer %03d", i), List.of(), Instant.EPOCH));
        }
        fixture.repository.addAll(many);
        fixture.fireChange();
        assertThat(model.totalProperty().get()).isEqualTo(203);
        for (int i = 0; i < 150; i++) {
            fixture.repository.remove(id(100 + i));
        }
        fixture.book.rename(id(2), "Zoe");
        fixture.fireChange();
        List<String> expected = new ArrayList<>(List.of("Bob", "Carol"));
        for (int i = 150; i < 200; i++) {
            expected.add(String.format("Peer %03d", i));
        }
        expected.add("Zoe");
        assertThat(names()).isEqualTo(expected);
        assertThat(model.totalProperty().get()).isEqualTo(53);
    }

    /** Replaces the model with one on a {@link HeldBackExecutor}, its first read delivered. */
    private HeldBackExecutor modelOnHeldBackExecutor() throws Exception {
        model.close();
        HeldBackExecutor executor = new HeldBackExecutor();
        model = fixture.model(executor);
        executor.deliverAll();
        return executor;
    }

    /** Does the work at once, as a background thread would, but hands results over only when told. */
    static final class HeldBackExecutor implements BackgroundExecutor {
        final java.util.ArrayDeque<Runnable> results = new java.util.ArrayDeque<>();

        @Override
        public <T> void submit(java.util.concurrent.Callable<T> work, java.util.function.Consumer<? super T> onSuccess,
                java.util.function.Consumer<? super Exception> onFailure) {
            try {
                T result = work.call();
                results.add(() -> onSuccess.accept(result));
            } catch (Exception e) {
                results.add(() -> onFailure.accept(e));
            }
        }

        @Override
        public void onUiThread(Runnable action) {
            action.run();
        }

        void deliverAll() {
            while (!results.isEmpty()) {
                results.poll().run();
            }
        }
    }

    @Test
    void aReloadAskedForDuringAReadReadsOnceMoreAfterIt() throws Exception {
        HeldBackExecutor executor = modelOnHeldBackExecutor();
        fixture.book.add(id(5), "Dave", List.of());
        model.reload();
        fixture.book.add(id(6), "Erin", List.of());
        model.reload();
        model.reload();
        assertThat(executor.results).hasSize(1);
        executor.deliverAll();
        assertThat(names()).containsExactly("Alice", "Bob", "Carol", "Dave", "Erin");
    }

    @Test
    void aReadThatEndsDuringAnEditIsHeldAndReadAgainAfterIt() throws Exception {
        HeldBackExecutor executor = modelOnHeldBackExecutor();
        fixture.book.add(id(5), "Dave", List.of());
        model.reload();
        model.editingProperty().set(true); // the owner starts a rename before the read comes back
        fixture.book.add(id(6), "Erin", List.of());
        model.reload();
        executor.deliverAll();
        assertThat(names()).containsExactly("Alice", "Bob", "Carol");
        model.editingProperty().set(false);
        executor.deliverAll();
        assertThat(names()).containsExactly("Alice", "Bob", "Carol", "Dave", "Erin");
        model.editingProperty().set(true);
        model.editingProperty().set(false);
        assertThat(executor.results).as("nothing held, nothing read").isEmpty();
    }

    @Test
    void aReadOvertakenByARemovalIsReadAgain() throws Exception {
        HeldBackExecutor executor = modelOnHeldBackExecutor();
        model.remove(model.find(id(2)).orElseThrow());
        fixture.book.rename(id(3), "Bobby");
        model.reload(); // read before the removal shows, delivered after it
        executor.results.poll().run();
        assertThat(names()).containsExactly("Bob", "Carol");
        executor.results.poll().run();
        assertThat(names()).containsExactly("Bob", "Carol");
        assertThat(executor.results).hasSize(1);
        executor.deliverAll();
        assertThat(names()).containsExactly("Bobby", "Carol");
        assertThat(model.totalProperty().get()).isEqualTo(2);
    }

    @Test
    void removeThenUndoPutsThePeerBack() {
        Peer before = fixture.repository.find(id(2)).orElseThrow();
        model.remove(model.find(id(2)).orElseThrow());
        assertThat(names()).containsExactly("Bob", "Carol");
        assertThat(model.undoableProperty().get()).isNotNull();
        assertThat(model.undoMessageProperty().get()).isEqualTo("Removed \u201cAlice\u201d.");
        model.undo();
        assertThat(model.undoableProperty().get()).isNull();
        assertThat(names()).containsExactly("Alice", "Bob", "Carol");
        assertThat(fixture.repository.find(id(2))).contains(before);
        assertThat(model.statusProperty().get()).isEqualTo("\u201cAlice\u201d is back.");
    }

    @Test
    void dismissedUndoLeavesThePeerRemoved() {
        model.remove(model.find(id(2)).orElseThrow());
        model.dismissUndo();
        model.undo();
        assertThat(fixture.repository.find(id(2))).isEmpty();
    }

    @Test
    void renameBlockAddressesAndCopy() {
        PeerRow alice = model.find(id(2)).orElseThrow();
        assertThat(model.rename(alice, "")).hasValue("The peer's name cannot be empty.");
        assertThat(model.rename(alice, "Alice Martin")).isEmpty();
        assertThat(names()).contains("Alice Martin");
        model.toggleBlocked(model.find(id(2)).orElseThrow());
        assertThat(model.find(id(2)).orElseThrow().blocked()).isTrue();
        assertThat(model.setAddresses(alice, "nope")).isPresent();
        assertThat(model.setAddresses(alice, "a.example:1\nb.example:2")).isEmpty();
        assertThat(model.find(id(2)).orElseThrow().addressesText()).isEqualTo("a.example:1, b.example:2");
        model.copyId(alice);
        assertThat(fixture.copied).containsExactly(id(2).canonical());
    }

    @Test
    void tenThousandPeersLoadAndFilter() {
        List<Peer> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(new Peer(id(1000 + i), "Peer " + i, List.of("host" + i + ".example:7443"),
                    i % 10 == 0 ? PeerState.BLOCKED : PeerState.ACTIVE, Instant.EPOCH,
                    i % 3 == 0 ? Optional.of(PeersFixture.NOW.minusSeconds(i)) : Optional.empty(), i % 7 == 0));
        }
        fixture.repository.addAll(many);
        fixture.fireChange();
        assertThat(model.totalProperty().get()).isEqualTo(10_003);
        assertThat(model.rows()).hasSize(10_003);

        model.filterProperty().set("peer 999");
        assertThat(names()).containsExactlyInAnyOrder("Peer 999", "Peer 9990", "Peer 9991", "Peer 9992", "Peer 9993",
                "Peer 9994", "Peer 9995", "Peer 9996", "Peer 9997", "Peer 9998", "Peer 9999");
        PortalId target = id(1000 + 4321);
        model.filterProperty().set(target.canonical().substring(30, 42));
        assertThat(names()).contains("Peer 4321");
        model.filterProperty().set("");
        assertThat(model.rows()).hasSize(10_003);
    }
}
