package io.portal.console.ui.apps;

import io.portal.console.store.Peer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/** One peer's row in the sharing matrix: a tick per app. */
public final class MatrixRow {
    private final Peer peer;
    private final String lowerName;
    private final Map<String, BooleanProperty> cells = new LinkedHashMap<>();
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision");
    private final InvalidationListener onTick = this::ticked;

    MatrixRow(Peer peer) {
        this.peer = peer;
        this.lowerName = peer.name().toLowerCase(Locale.ROOT);
    }

    public Peer peer() {
        return peer;
    }

    public String label() {
        return AppsViewModel.peerLabel(peer);
    }

    /** The tick for one app; a column that does not (yet) exist reads as unticked. */
    public BooleanProperty cell(String app) {
        return cells.computeIfAbsent(app, k -> {
            BooleanProperty tick = new SimpleBooleanProperty(this, k);
            tick.addListener(onTick);
            return tick;
        });
    }

    /** Ticks the app for this peer, or unticks it. */
    public void toggle(String app) {
        BooleanProperty tick = cell(app);
        tick.set(!tick.get());
    }

    /** Whether the peer is ticked for an app, without creating a tick for an app the row does not know. */
    public boolean isTicked(String app) {
        BooleanProperty tick = cells.get(app);
        return tick != null && tick.get();
    }

    /** Goes up by one whenever any tick of the row changes: one thing to watch instead of one per app. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    Map<String, BooleanProperty> cells() {
        return cells;
    }

    boolean matches(AppsViewModel.PeerQuery query) {
        return query.matches(peer, lowerName);
    }

    private void ticked(Observable tick) {
        revision.set(revision.get() + 1);
    }
}
