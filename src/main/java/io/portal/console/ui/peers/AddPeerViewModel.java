package io.portal.console.ui.peers;

import io.portal.console.Messages;
import io.portal.console.identity.IdParser;
import io.portal.console.identity.PortalId;
import io.portal.console.peers.PeerBook;
import io.portal.console.peers.QrScanner;
import io.portal.console.store.Peer;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The add-peer dialog's state. The ID is checked as it is typed (the parser's message, then whether it is this
 * Portal's own or already a peer); a QR code from a file, the clipboard or the screen fills it in.
 */
public final class AddPeerViewModel {
    private final PeerBook book;
    private final QrScanner scanner;
    private final io.portal.console.ui.common.BackgroundExecutor executor;
    private final StringProperty idText = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty addresses = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper idError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper idInfo = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper idReady = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper namePrompt = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper addressesError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper scanMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper scanFailed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<QrScanner.Candidate> candidates = FXCollections.observableArrayList();
    private final BooleanBinding canAdd;
    private PortalId parsedId;
    private String filledName = "";
    private String filledAddresses = "";
    private int checks;

    public AddPeerViewModel(PeerBook book, QrScanner scanner, io.portal.console.ui.common.BackgroundExecutor executor) {
        this.book = book;
        this.scanner = scanner;
        this.executor = executor;
        idText.addListener((obs, old, now) -> checkId(now));
        name.addListener((obs, old, now) -> nameError.set(problemWithName(now).orElse("")));
        addresses.addListener((obs, old, now) -> addressesError.set(PeersViewModel.checkAddresses(now).orElse("")));
        canAdd = Bindings.createBooleanBinding(() -> idReady.get() && nameError.get().isEmpty()
                && addressesError.get().isEmpty() && !busy.get(), idReady, nameError, addressesError, busy);
    }

    private static Optional<String> problemWithName(String text) {
        return text == null || text.isBlank() ? Optional.empty() : PeerBook.validateName(text);
    }

    private void checkId(String text) {
        int check = ++checks;
        idReady.set(false);
        idInfo.set("");
        parsedId = null;
        IdParser.Result result = IdParser.parse(text);
        if (result instanceof IdParser.Invalid invalid) {
            idError.set(invalid.problem() == IdParser.Problem.EMPTY ? "" : invalid.message());
            namePrompt.set("");
            return;
        }
        IdParser.Valid valid = (IdParser.Valid) result;
        idError.set("");
        namePrompt.set(valid.id().shortId());
        valid.name().ifPresent(n -> {
            if (name.get().isBlank() || name.get().equals(filledName)) {
                filledName = n;
                name.set(n);
            }
        });
        if (!valid.addresses().isEmpty() && (addresses.get().isBlank() || addresses.get().equals(filledAddresses))) {
            filledAddresses = String.join("\n", valid.addresses());
            addresses.set(filledAddresses);
        }
        executor.submit(() -> book.problemAdding(valid.id()), problem -> {
            if (check != checks) {
                return;
            }
            if (problem.isPresent()) {
                idError.set(problem.get());
            } else {
                parsedId = valid.id();
                idInfo.set(Messages.get("addPeer.id.ok", valid.id().display()));
                idReady.set(true);
            }
        }, e -> idError.set(e.getMessage()));
    }

    public StringProperty idTextProperty() {
        return idText;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty addressesProperty() {
        return addresses;
    }

    /** What is wrong with the ID (the parser's message, own ID, already a peer), or empty. */
    public ReadOnlyStringProperty idErrorProperty() {
        return idError.getReadOnlyProperty();
    }

    /** A confirmation once the ID is valid and new. */
    public ReadOnlyStringProperty idInfoProperty() {
        return idInfo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty idReadyProperty() {
        return idReady.getReadOnlyProperty();
    }

    /** The name a blank name field stands for: the short ID. */
    public ReadOnlyStringProperty namePromptProperty() {
        return namePrompt.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty addressesErrorProperty() {
        return addressesError.getReadOnlyProperty();
    }

    /** The outcome of the last scan: what was found, or why nothing was. */
    public ReadOnlyStringProperty scanMessageProperty() {
        return scanMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty scanFailedProperty() {
        return scanFailed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The Portal IDs of a picture with several codes, for the owner to choose from. */
    public ObservableList<QrScanner.Candidate> candidates() {
        return candidates;
    }

    public BooleanBinding canAddProperty() {
        return canAdd;
    }

    public void scanFile(Path file) {
        scan(() -> scanner.scanFile(file));
    }

    public void scanPixels(int width, int height, int[] argb, String source) {
        scan(() -> scanner.scanPixels(width, height, argb, source));
    }

    /** Text pasted or dropped: used as the ID as it is. */
    public void useText(String text) {
        scanMessage.set("");
        idText.set(text == null ? "" : text.strip());
    }

    /** Something that holds no picture and no text was offered (an unreadable drop). */
    public void refuse(String message) {
        scanFailed.set(true);
        scanMessage.set(message);
    }

    private void scan(Callable<QrScanner.Scan> work) {
        busy.set(true);
        candidates.clear();
        scanFailed.set(false);
        scanMessage.set(Messages.get("addPeer.scan.running"));
        executor.submit(work, scan -> {
            busy.set(false);
            if (scan instanceof QrScanner.Failed failed) {
                scanFailed.set(true);
                scanMessage.set(failed.message());
                return;
            }
            var found = ((QrScanner.Found) scan).candidates();
            if (found.size() == 1) {
                choose(found.get(0));
            } else {
                candidates.setAll(found);
                scanMessage.set(Messages.get("addPeer.scan.several", found.size()));
            }
        }, e -> {
            busy.set(false);
            scanFailed.set(true);
            scanMessage.set(e.getMessage());
        });
    }

    public void choose(QrScanner.Candidate candidate) {
        candidates.clear();
        scanFailed.set(false);
        scanMessage.set(Messages.get("addPeer.scan.found", candidate.id().shortId()));
        idText.set(candidate.text());
    }

    /** Adds the peer in the background; calls back with it, or shows why it was refused. */
    public void add(Consumer<Peer> onAdded) {
        if (!canAdd.get() || parsedId == null) {
            return;
        }
        PortalId id = parsedId;
        busy.set(true);
        executor.submit(() -> book.add(id, name.get(), PeerBook.splitAddresses(addresses.get())), result -> {
            busy.set(false);
            if (result instanceof PeerBook.Added added) {
                onAdded.accept(added.peer());
            } else {
                idReady.set(false);
                idError.set(((PeerBook.Refused) result).message());
            }
        }, e -> {
            busy.set(false);
            idError.set(e.getMessage());
        });
    }
}
