package io.portal.console.ui.apps;

import io.portal.console.Messages;
import io.portal.console.apps.AppRegistry;
import io.portal.console.apps.RegisteredApp;
import io.portal.console.apps.Registration;
import io.portal.console.apps.Sharing;
import io.portal.console.apps.SharingMode;
import io.portal.console.identity.PortalId;
import io.portal.console.store.Changes;
import io.portal.console.store.Peer;
import io.portal.console.store.PeerRepository;
import io.portal.console.ui.common.BackgroundExecutor;
import io.portal.console.ui.common.TextClipboard;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Apps & sharing screen's state: the registered apps, the selected app's sharing with its peer check list,
 * and the peers × apps matrix. Every write goes through the registry off the UI thread, one after another in the
 * order the owner made them; changes made elsewhere (CLI, {@code serve}) arrive through {@link Changes}.
 */
public final class AppsViewModel implements AutoCloseable {
    private final AppRegistry registry;
    private final PeerRepository peerRepository;
    private final BackgroundExecutor executor;
    private final TextClipboard clipboard;
    private final AutoCloseable subscription;
    private final SerialWrites writes = new SerialWrites();

    private final ObservableList<RegisteredApp> apps = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<RegisteredApp> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<SharingMode> mode = new ReadOnlyObjectWrapper<>(SharingMode.NONE);
    private final ObservableList<PeerChoice> peerChoices = FXCollections.observableArrayList();
    private final FilteredList<PeerChoice> filteredPeerChoices = new FilteredList<>(peerChoices);
    private final StringProperty peerFilter = new SimpleStringProperty("");
    private final ObservableList<MatrixRow> matrixRows = FXCollections.observableArrayList();
    private final FilteredList<MatrixRow> filteredMatrixRows = new FilteredList<>(matrixRows);
    private final StringProperty matrixFilter = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper statusIsError = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<IssuedToken> issuedToken = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> urlNeededFor = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(false);

    /** The selection of peers last seen per app in Selected mode, so switching modes back and forth keeps it. */
    private final Map<String, Set<PortalId>> rememberedSelection = new HashMap<>();
    private List<Peer> peers = List.of();
    private String selectedName;
    /** True while the model itself updates ticks from the database, so those updates are not written back. */
    private boolean applying;
    /** False from the owner's first change until a reload after the writes shows what the database then holds. */
    private boolean showsStore;

    public AppsViewModel(AppRegistry registry, PeerRepository peerRepository, Changes changes,
            BackgroundExecutor executor, TextClipboard clipboard) {
        this.registry = registry;
        this.peerRepository = peerRepository;
        this.executor = executor;
        this.clipboard = clipboard;
        peerFilter.addListener((obs, was, now) -> {
            PeerQuery query = PeerQuery.of(now);
            filteredPeerChoices.setPredicate(c -> c.matches(query));
        });
        matrixFilter.addListener((obs, was, now) -> {
            PeerQuery query = PeerQuery.of(now);
            filteredMatrixRows.setPredicate(r -> r.matches(query));
        });
        this.subscription = changes.subscribeToSetup(() -> executor.onUiThread(this::reload));
        reload();
    }

    // ---- state

    public ObservableList<RegisteredApp> apps() {
        return apps;
    }

    public ReadOnlyObjectProperty<RegisteredApp> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public Optional<RegisteredApp> selected() {
        return Optional.ofNullable(selected.get());
    }

    public ReadOnlyObjectProperty<SharingMode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    /** The selected app's peers to tick (Selected mode), filtered by {@link #peerFilterProperty()}. */
    public ObservableList<PeerChoice> peerChoices() {
        return filteredPeerChoices;
    }

    public StringProperty peerFilterProperty() {
        return peerFilter;
    }

    /** One row per peer, filtered by {@link #matrixFilterProperty()}; columns are {@link #apps()}. */
    public ObservableList<MatrixRow> matrixRows() {
        return filteredMatrixRows;
    }

    public StringProperty matrixFilterProperty() {
        return matrixFilter;
    }

    public int peerCount() {
        return peers.size();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty statusIsErrorProperty() {
        return statusIsError.getReadOnlyProperty();
    }

    /** A token to show the owner once; cleared by {@link #tokenShown()}. */
    public ReadOnlyObjectProperty<IssuedToken> issuedTokenProperty() {
        return issuedToken.getReadOnlyProperty();
    }

    /** An app.json that has no port: the owner must give the app's URL ({@link #addApp(Path, String)}). */
    public ReadOnlyObjectProperty<Path> urlNeededForProperty() {
        return urlNeededFor.getReadOnlyProperty();
    }

    /** Whether the first load has arrived. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public static String sharingLabel(Sharing sharing) {
        return switch (sharing.mode()) {
            case NONE -> Messages.get("apps.sharing.none");
            case ALL -> Messages.get("apps.sharing.all");
            case SELECTED -> Messages.get("apps.sharing.selected", sharing.peers().size());
        };
    }

    static String peerLabel(Peer peer) {
        return peer.blocked() ? Messages.get("apps.peer.blocked", peer.name(), peer.shortId())
                : Messages.get("apps.peer", peer.name(), peer.shortId());
    }

    /**
     * A peer search as typed: a part of the name (any case), or the start of the ID with or without separators.
     * Made once per keystroke, then tried against every row.
     */
    record PeerQuery(String lowerName, String idPrefix) {
        static PeerQuery of(String query) {
            String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
            return new PeerQuery(q, q.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT));
        }

        /** Whether a peer matches, given its name already in lower case. */
        boolean matches(Peer peer, String peerLowerName) {
            return lowerName.isEmpty() || peerLowerName.contains(lowerName)
                    || (!idPrefix.isEmpty() && peer.id().canonical().startsWith(idPrefix));
        }
    }

    // ---- actions

    public void select(String name) {
        selectedName = name;
        RegisteredApp app = name == null ? null
                : apps.stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
        showDetails(app);
    }

    /** Registers an app from its app.json; the token comes back through {@link #issuedTokenProperty()}. */
    public void addApp(Path file) {
        register(file, Optional.empty());
    }

    /** Registers an app.json that has no port, at the URL the owner typed. */
    public void addApp(Path file, String url) {
        URI uri;
        try {
            uri = AppRegistry.parseUrl(url == null ? "" : url);
        } catch (IllegalArgumentException e) {
            error(e.getMessage());
            urlNeededFor.set(null);
            return;
        }
        register(file, Optional.of(uri));
    }

    private void register(Path file, Optional<URI> url) {
        urlNeededFor.set(null);
        writes.submit(() -> registry.register(file, url), registration -> {
            if (registration instanceof Registration.Registered registered) {
                selectedName = registered.app().name();
                info(Messages.get("apps.status.added", registered.app().name()));
                issuedToken.set(new IssuedToken(registered.app().name(), registered.token(), false));
            } else {
                Registration.Refused refused = (Registration.Refused) registration;
                if (refused.problem() == Registration.Problem.URL_NEEDED) {
                    info(Messages.get("apps.status.urlNeeded", file.getFileName()));
                    urlNeededFor.set(file);
                } else {
                    error(Messages.get("apps.status.refused", file.getFileName(), refused.message()));
                }
            }
        });
    }

    /** The owner gave up on an app.json without a port. */
    public void cancelUrl() {
        urlNeededFor.set(null);
    }

    public void removeSelected() {
        selected().ifPresent(app -> writes.submit(() -> registry.remove(app.name()), removed -> {
            rememberedSelection.remove(app.name());
            info(Messages.get("apps.status.removed", app.name()));
        }));
    }

    public void rotateSelectedToken() {
        selected().ifPresent(app -> writes.submit(() -> registry.rotateToken(app.name()),
                token -> issuedToken.set(new IssuedToken(app.name(), token, true))));
    }

    public void copyToken(IssuedToken token) {
        clipboard.putText(token.token());
        info(Messages.get("apps.status.tokenCopied", token.appName()));
    }

    public void tokenShown() {
        issuedToken.set(null);
    }

    /** None, All peers or Selected peers for the selected app. Selected starts from the last selection made. */
    public void setMode(SharingMode newMode) {
        RegisteredApp app = selected.get();
        if (app == null || newMode == mode.get()) {
            return;
        }
        Sharing sharing = switch (newMode) {
            case NONE -> Sharing.NONE;
            case ALL -> Sharing.ALL;
            case SELECTED -> Sharing.selected(rememberedSelection.getOrDefault(app.name(), Set.of()));
        };
        mode.set(newMode);
        applyTicks(sharing);
        writes.submit(() -> {
            registry.share(app.name(), sharing);
            return sharing;
        }, done -> info(Messages.get("apps.status.shared", app.name(), sharingLabel(done))));
    }

    /** Ticks or unticks everyone the check list shows now (Selected mode). */
    public void tickShown(boolean shared) {
        if (mode.get() != SharingMode.SELECTED) {
            return;
        }
        List<PeerChoice> shown = List.copyOf(filteredPeerChoices);
        for (PeerChoice choice : shown) {
            applying = true;
            try {
                choice.sharedProperty().set(shared);
            } finally {
                applying = false;
            }
        }
        RegisteredApp app = selected.get();
        Set<PortalId> ids = peerChoices.stream().filter(PeerChoice::isShared).map(c -> c.peer().id())
                .collect(Collectors.toSet());
        Sharing sharing = Sharing.selected(ids);
        rememberedSelection.put(app.name(), ids);
        writes.submit(() -> {
            registry.share(app.name(), sharing);
            return sharing;
        }, done -> info(Messages.get("apps.status.shared", app.name(), sharingLabel(done))));
    }

    private void tickedInDetails(PeerChoice choice, boolean shared) {
        RegisteredApp app = selected.get();
        if (app == null) {
            return;
        }
        Set<PortalId> ids = peerChoices.stream().filter(PeerChoice::isShared).map(c -> c.peer().id())
                .collect(Collectors.toSet());
        rememberedSelection.put(app.name(), ids);
        setShared(app.name(), choice.peer(), shared);
    }

    private void tickedInMatrix(String app, Peer peer, boolean shared) {
        setShared(app, peer, shared);
    }

    private void setShared(String app, Peer peer, boolean shared) {
        writes.submit(() -> {
            registry.setShared(app, peer.id(), shared);
            return shared;
        }, done -> info(Messages.get(done ? "apps.status.ticked" : "apps.status.unticked", app, peer.name())));
    }

    // ---- loading

    private record Snapshot(List<RegisteredApp> apps, List<Peer> peers) {
    }

    /** Reads apps and peers again; changes are applied once no write of this screen is waiting. */
    public void reload() {
        executor.submit(() -> new Snapshot(registry.list(), peerRepository.list()), this::apply,
                e -> error(Messages.get("apps.status.loadFailed", e.getMessage())));
    }

    private void apply(Snapshot snapshot) {
        if (writes.busy()) {
            return; // the last write reloads when it is done
        }
        // Contact times change often; only what the lists show (ID, name, blocked) rebuilds them.
        boolean peersChanged = !sameShown(snapshot.peers(), peers);
        boolean appsChanged = !snapshot.apps().equals(apps);
        peers = snapshot.peers();
        if (showsStore && !peersChanged && !appsChanged) {
            // Setting every tick of 10,000 peers × 50 apps again costs the UI thread tens of milliseconds, and the
            // prober changes the database every few seconds.
            return;
        }
        if (appsChanged) {
            apps.setAll(snapshot.apps());
        }
        for (RegisteredApp app : snapshot.apps()) {
            if (app.sharing().mode() == SharingMode.SELECTED) {
                rememberedSelection.put(app.name(), app.sharing().peers());
            }
        }
        RegisteredApp current = selectedName == null ? null
                : apps.stream().filter(a -> a.name().equals(selectedName)).findFirst().orElse(null);
        if (peersChanged) {
            peerChoices.clear();
        }
        showDetails(current);
        updateMatrix(peersChanged);
        loaded.set(true);
        showsStore = true;
    }

    private static boolean sameShown(List<Peer> read, List<Peer> held) {
        if (read.size() != held.size()) {
            return false;
        }
        for (int i = 0; i < read.size(); i++) {
            Peer a = read.get(i);
            Peer b = held.get(i);
            if (!a.id().equals(b.id()) || !a.name().equals(b.name()) || a.state() != b.state()) {
                return false;
            }
        }
        return true;
    }

    private void showDetails(RegisteredApp app) {
        selected.set(app);
        if (app == null) {
            mode.set(SharingMode.NONE);
            applying = true;
            try {
                peerChoices.forEach(c -> c.sharedProperty().set(false));
            } finally {
                applying = false;
            }
            return;
        }
        mode.set(app.sharing().mode());
        if (peerChoices.size() != peers.size()) {
            List<PeerChoice> choices = peers.stream().map(peer -> {
                PeerChoice choice = new PeerChoice(peer, false);
                choice.sharedProperty().addListener((obs, was, now) -> {
                    if (!applying) {
                        tickedInDetails(choice, now);
                    }
                });
                return choice;
            }).toList();
            peerChoices.setAll(choices);
        }
        applyTicks(app.sharing());
    }

    private void applyTicks(Sharing sharing) {
        applying = true;
        try {
            for (PeerChoice choice : peerChoices) {
                choice.sharedProperty().set(sharing.includes(choice.peer().id()));
            }
        } finally {
            applying = false;
        }
    }

    private void updateMatrix(boolean peersChanged) {
        List<String> names = apps.stream().map(RegisteredApp::name).toList();
        boolean columnsChanged = matrixRows.isEmpty()
                || !List.copyOf(matrixRows.get(0).cells().keySet()).equals(names);
        if (peersChanged || columnsChanged || matrixRows.size() != peers.size()) {
            Map<PortalId, MatrixRow> rows = new LinkedHashMap<>();
            for (Peer peer : peers) {
                MatrixRow row = new MatrixRow(peer);
                for (String name : names) {
                    row.cell(name).addListener((obs, was, now) -> {
                        if (!applying) {
                            tickedInMatrix(name, peer, now);
                        }
                    });
                }
                rows.put(peer.id(), row);
            }
            matrixRows.setAll(rows.values());
        }
        applying = true;
        try {
            for (MatrixRow row : matrixRows) {
                for (RegisteredApp app : apps) {
                    row.cell(app.name()).set(app.sharing().includes(row.peer().id()));
                }
            }
        } finally {
            applying = false;
        }
    }

    private void info(String message) {
        status.set(message);
        statusIsError.set(false);
    }

    private void error(String message) {
        status.set(message);
        statusIsError.set(true);
    }

    /**
     * Runs this screen's writes one at a time, in order, so two quick ticks cannot overtake each other; when the
     * last one is done the screen reloads, which also undoes an optimistic tick whose write failed.
     */
    private final class SerialWrites {
        private final Queue<Runnable> queue = new ArrayDeque<>();
        private boolean running;

        <T> void submit(Callable<T> work, Consumer<? super T> onSuccess) {
            showsStore = false;
            queue.add(() -> executor.submit(work, result -> {
                onSuccess.accept(result);
                next();
            }, e -> {
                error(e.getMessage());
                next();
            }));
            if (!running) {
                next();
            }
        }

        boolean busy() {
            return running;
        }

        private void next() {
            Runnable write = queue.poll();
            if (write == null) {
                running = false;
                reload();
                return;
            }
            running = true;
            write.run();
        }
    }

    @Override
    public void close() throws Exception {
        subscription.close();
    }
}
