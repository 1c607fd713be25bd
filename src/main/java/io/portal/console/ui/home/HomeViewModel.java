package io.portal.console.ui.home;

import com.google.zxing.common.BitMatrix;
import io.portal.console.Messages;
import io.portal.console.identity.PortalId;
import io.portal.console.identity.PortalProfile;
import io.portal.console.identity.QrCodes;
import io.portal.console.store.Changes;
import io.portal.console.ui.common.BackgroundExecutor;
import io.portal.console.ui.common.Command;
import io.portal.console.ui.common.TextClipboard;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The home screen's state: who this Portal is, its name, and what just happened. */
public final class HomeViewModel implements AutoCloseable {
    private final PortalProfile profile;
    private final BackgroundExecutor executor;
    private final TextClipboard clipboard;
    private final AutoCloseable subscription;
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper serviceStatus = new ReadOnlyStringWrapper("");
    private final Command copyId;

    public HomeViewModel(PortalProfile profile, Changes changes, BackgroundExecutor executor, TextClipboard clipboard,
            Path keyFile) {
        this.profile = profile;
        this.executor = executor;
        this.clipboard = clipboard;
        this.copyId = new Command(this::copy);
        status.set(Messages.get("home.status.ready", keyFile));
        this.subscription = changes.subscribeToSetup(() -> executor.onUiThread(this::reload));
        reload();
    }

    public PortalId id() {
        return profile.id();
    }

    public String shortId() {
        return profile.id().shortId();
    }

    public String displayId() {
        return profile.id().display();
    }

    public String canonicalId() {
        return profile.id().canonical();
    }

    public BitMatrix qrCode() {
        return QrCodes.encode(profile.id());
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    /** Why the last rename was refused, or empty. */
    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** One line about the embedded peer service, empty while there is none. */
    public ReadOnlyStringProperty serviceStatusProperty() {
        return serviceStatus.getReadOnlyProperty();
    }

    public void setServiceStatus(String text) {
        executor.onUiThread(() -> serviceStatus.set(text));
    }

    public Command copyIdCommand() {
        return copyId;
    }

    public String suggestedQrFileName() {
        return "portal-" + shortId() + ".png";
    }

    /** Refreshes what may have been changed through another door (CLI, {@code serve}). */
    public void reload() {
        executor.submit(profile::name, name::set, e -> status.set(e.getMessage()));
    }

    /** Checks and saves a new name. Returns false, with {@link #nameErrorProperty()} set, when it is refused. */
    public boolean rename(String newName) {
        Optional<String> problem = PortalProfile.validateName(newName);
        if (problem.isPresent()) {
            nameError.set(problem.get());
            return false;
        }
        nameError.set("");
        String stripped = newName.strip();
        if (stripped.equals(name.get())) {
            return true;
        }
        String previous = name.get();
        name.set(stripped);
        executor.submit(() -> profile.rename(stripped), refused -> {
            if (refused.isPresent()) {
                name.set(previous);
                nameError.set(refused.get());
            } else {
                status.set(Messages.get("home.status.renamed"));
            }
        }, e -> {
            name.set(previous);
            status.set(e.getMessage());
        });
        return true;
    }

    public void cancelRename() {
        nameError.set("");
    }

    public void saveQr(Path file) {
        executor.submit(() -> {
            QrCodes.writePng(profile.id(), file);
            return file;
        }, saved -> status.set(Messages.get("home.status.saved", saved)),
                e -> status.set(Messages.get("home.status.saveFailed", e.getMessage())));
    }

    private void copy() {
        clipboard.putText(canonicalId());
        status.set(Messages.get("home.status.copied"));
    }

    @Override
    public void close() throws Exception {
        subscription.close();
    }
}
