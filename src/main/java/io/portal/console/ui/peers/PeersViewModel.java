package io.portal.console.ui.peers;

import io.portal.console.Messages;
import io.portal.console.identity.PortalId;
import io.portal.console.peers.PeerBook;
import io.portal.console.peers.QrScanner;
import io.portal.console.store.Changes;
import io.portal.console.store.PeerRepository;
import io.portal.console.store.PeerState;
import io.portal.console.ui.common.BackgroundExecutor;
import io.portal.console.ui.common.StableFilteredList;
import io.portal.console.ui.common.TextClipboard;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;

/** The peers screen's state: the peers as the table shows them, the filter, and what can be undone. */
public final class PeersViewModel implements AutoCloseable {
    /** The order rows are read in: what the table shows when it sorts by nothing, and how it breaks ties. */
    static final Comparator<PeerRow> BY_NAME = Comparator.comparing(PeerRow::name, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(PeerRow::canonicalId);

    private final PeerBook book;
    private final QrScanner scanner;
    private final BackgroundExecutor executor;
    private final TextClipboard clipboard;
    private final Clock clock;
    private final AutoCloseable setupSubscription;
    private final AutoCloseable presenceSubscription;
    private final ObservableList<PeerRow> rows = FXCollections.observableArrayList();
    // Sorted first, then filtered: a keystroke in the filter only drops and brings back rows, it never sorts.
    private final SortedList<PeerRow> sorted = new SortedList<>(rows);
    private final StableFilteredList<PeerRow> shown = new StableFilteredList<>(sorted);
    private final ObjectProperty<Comparator<PeerRow>> order = new SimpleObjectProperty<>(this, "order");
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<PeerRepository.Removed> undoable = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper undoMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper updating = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper(0);
    private final BooleanProperty editing = new SimpleBooleanProperty(this, "editing", false);
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(false);
    // UI thread only: a read of the peers is under way / is owed (asked for during a read or an edit); rows changed
    // this many times.
    private boolean reading;
    private boolean readAgain;
    private int rowsVersion;

    public PeersViewModel(PeerBook book, QrScanner scanner, Changes changes, BackgroundExecutor executor,
            TextClipboard clipboard, Clock clock) {
        this.book = book;
        this.scanner = scanner;
        this.executor = executor;
        this.clipboard = clipboard;
        this.clock = clock;
        sorted.comparatorProperty().bind(Bindings.createObjectBinding(
                () -> order.get() == null ? BY_NAME : order.get().thenComparing(BY_NAME), order));
        filter.addListener((obs, old, now) -> {
            updating.set(true);
            try {
                shown.setPredicate(predicate(now));
            } finally {
                updating.set(false);
            }
        });
        // The rows show each peer's presence (online, last seen) as well as its setup.
        this.setupSubscription = changes.subscribeToSetup(() -> executor.onUiThread(this::reload));
        this.presenceSubscription = changes.subscribeToPresence(() -> executor.onUiThread(this::reload));
        editing.addListener((obs, was, now) -> {
            if (!now) {
                readAgainIfAsked();
            }
        });
        reload();
    }

    static Predicate<PeerRow> predicate(String query) {
        String text = query == null ? "" : query.strip();
        if (text.isEmpty()) {
            return null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        String id = PeerBook.prefix(text).orElse(null);
        return row -> row.matches(lower, id);
    }

    /** The rows as sorted by {@link #orderProperty()} and filtered by {@link #filterProperty()}. */
    public ObservableList<PeerRow> rows() {
        return shown;
    }

    /** The order the table asks for (bind it to the table's comparator); null sorts by name. */
    public ObjectProperty<Comparator<PeerRow>> orderProperty() {
        return order;
    }

    /** Every peer, unfiltered. */
    public ObservableList<PeerRow> allRows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PeerRepository.Removed> undoableProperty() {
        return undoable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty undoMessageProperty() {
        return undoMessage.getReadOnlyProperty();
    }

    /** True while the shown rows change (a reload, a new filter): selection changes then are not the owner's. */
    public ReadOnlyBooleanProperty updatingProperty() {
        return updating.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    /**
     * True while the owner edits a row in place (bind it to the table's editing cell). Changing the rows would end
     * the edit and lose what was typed, so changes from elsewhere are held until it ends, then shown.
     */
    public BooleanProperty editingProperty() {
        return editing;
    }

    /**
     * Reads the peers again (after a change through any door) and replaces only the rows that changed. Asked while
     * a read is under way, it reads once more when that one is done; asked while a row is edited, once the edit ends.
     */
    public void reload() {
        if (reading || editing.get()) {
            readAgain = true;
            return;
        }
        reading = true;
        List<PeerRow> held = List.copyOf(rows);
        int heldVersion = rowsVersion;
        executor.submit(() -> RowChanges.between(held, book.listings(), clock.instant()), changes -> {
            reading = false;
            if (editing.get() || heldVersion != rowsVersion) {
                // An edit began while reading (read again when it ends), or the rows changed meanwhile (the positions
                // no longer fit).
                readAgain = true;
            } else {
                apply(changes);
            }
            readAgainIfAsked();
        }, e -> {
            reading = false;
            status.set(e.getMessage());
            readAgainIfAsked();
        });
    }

    private void readAgainIfAsked() {
        if (readAgain) {
            readAgain = false;
            reload();
        }
    }

    private void apply(RowChanges changes) {
        if (changes.count() > 0) {
            updating.set(true);
            try {
                // Each single change costs the sorted list and the table a pass; past a point one swap is cheaper.
                if (changes.count() > Math.max(16, rows.size() / 8)) {
                    rows.setAll(changes.all());
                } else {
                    for (int i = 0; i < changes.replacedAt().length; i++) {
                        rows.set(changes.replacedAt()[i], changes.replacements().get(i));
                    }
                    for (int at : changes.removedAt()) {
                        rows.remove(at);
                    }
                    rows.addAll(changes.added());
                }
            } finally {
                updating.set(false);
            }
            rowsVersion++;
        }
        total.set(rows.size());
        loaded.set(true);
    }

    public Optional<PeerRow> find(PortalId id) {
        return rows.stream().filter(r -> r.peer().id().equals(id)).findFirst();
    }

    /** Renames in the background; returns the reason at once when the name is refused. */
    public Optional<String> rename(PeerRow row, String name) {
        Optional<String> problem = PeerBook.validateName(name);
        if (problem.isPresent()) {
            status.set(problem.get());
            return problem;
        }
        if (name.strip().equals(row.name())) {
            return Optional.empty();
        }
        run(() -> book.rename(row.peer().id(), name), Messages.get("peers.done.renamed", row.name(), name.strip()));
        return Optional.empty();
    }

    /** Checks addresses typed one per line; the problem, or empty when they can be saved. */
    public static Optional<String> checkAddresses(String text) {
        return PeerBook.checkAddresses(PeerBook.splitAddresses(text)).problem();
    }

    public Optional<String> setAddresses(PeerRow row, String text) {
        Optional<String> problem = checkAddresses(text);
        if (problem.isPresent()) {
            return problem;
        }
        run(() -> book.setAddresses(row.peer().id(), PeerBook.splitAddresses(text)),
                Messages.get("peers.done.addresses", row.name()));
        return Optional.empty();
    }

    public void toggleBlocked(PeerRow row) {
        PeerState target = row.blocked() ? PeerState.ACTIVE : PeerState.BLOCKED;
        run(() -> book.setState(row.peer().id(), target),
                Messages.get(target == PeerState.BLOCKED ? "peers.done.blocked" : "peers.done.unblocked", row.name()));
    }

    public void copyId(PeerRow row) {
        clipboard.putText(row.canonicalId());
        status.set(Messages.get("peers.done.copied", row.name()));
    }

    /** Removes a peer; it can be put back with {@link #undo()} until {@link #dismissUndo()}. */
    public void remove(PeerRow row) {
        executor.submit(() -> book.remove(row.peer().id()), removed -> {
            if (removed.isPresent()) {
                if (rows.remove(row)) {
                    rowsVersion++;
                }
                total.set(rows.size());
                undoable.set(removed.get());
                undoMessage.set(Messages.get("peers.done.removed", row.name()));
                status.set("");
            } else {
                status.set(Messages.get("peer.error.noSuchId", row.shortId()));
            }
            reload();
        }, e -> status.set(e.getMessage()));
    }

    public void undo() {
        PeerRepository.Removed removed = undoable.get();
        if (removed == null) {
            return;
        }
        dismissUndo();
        executor.submit(() -> book.restore(removed), problem -> {
            status.set(problem.orElse(Messages.get("peers.done.restored", removed.peer().name())));
            reload();
        }, e -> status.set(e.getMessage()));
    }

    public void dismissUndo() {
        undoable.set(null);
        undoMessage.set("");
    }

    /** A fresh model for the add-peer dialog. */
    public AddPeerViewModel newAddPeer() {
        return new AddPeerViewModel(book, scanner, executor);
    }

    /** Called when the add dialog added a peer. */
    public void added(io.portal.console.store.Peer peer) {
        status.set(Messages.get("peers.done.added", peer.name()));
        reload();
    }

    private void run(java.util.concurrent.Callable<Optional<String>> work, String done) {
        executor.submit(work, problem -> {
            status.set(problem.orElse(done));
            reload();
        }, e -> status.set(e.getMessage()));
    }

    @Override
    public void close() throws Exception {
        setupSubscription.close();
        presenceSubscription.close();
    }
}
