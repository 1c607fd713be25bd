package io.portal.console.ui.pending;

import io.portal.console.Messages;
import io.portal.console.peering.PendingRequests;
import io.portal.console.store.Changes;
import io.portal.console.store.PendingRequest;
import io.portal.console.ui.common.BackgroundExecutor;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Portals that want to connect, and the owner's answers: Accept (becomes a peer), Ignore, Block. */
public final class PendingRequestsViewModel implements AutoCloseable {
    private final PendingRequests requests;
    private final BackgroundExecutor executor;
    private final AutoCloseable subscription;
    private final ObservableList<PendingRequest> items = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    public PendingRequestsViewModel(PendingRequests requests, Changes changes, BackgroundExecutor executor) {
        this.requests = requests;
        this.executor = executor;
        this.subscription = changes.subscribeToSetup(() -> executor.onUiThread(this::reload));
        reload();
    }

    /** Not ignored, newest first. */
    public ObservableList<PendingRequest> items() {
        return items;
    }

    /** What the last answer did, or why it failed. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public static String headline(PendingRequest request) {
        return Messages.get("pending.headline", request.shortId());
    }

    public static String details(PendingRequest request) {
        return Messages.get("pending.details", request.name().isBlank() ? "\u2014" : request.name(), request.address(),
                request.count());
    }

    public void reload() {
        executor.submit(requests::list, this::show, e -> status.set(e.getMessage()));
    }

    private void show(List<PendingRequest> list) {
        if (!list.equals(items)) {
            items.setAll(list);
        }
    }

    public void accept(PendingRequest request) {
        executor.submit(() -> requests.accept(request.id()), peer -> {
            status.set(Messages.get("pending.accepted", peer.shortId(), peer.name()));
            reload();
        }, e -> status.set(e.getMessage()));
    }

    public void ignore(PendingRequest request) {
        executor.submit(() -> requests.ignore(request.id()), done -> {
            status.set(Messages.get("pending.ignored", request.shortId()));
            reload();
        }, e -> status.set(e.getMessage()));
    }

    public void block(PendingRequest request) {
        executor.submit(() -> {
            requests.block(request.id());
            return request;
        }, done -> {
            status.set(Messages.get("pending.blocked", request.shortId()));
            reload();
        }, e -> status.set(e.getMessage()));
    }

    @Override
    public void close() throws Exception {
        subscription.close();
    }
}
