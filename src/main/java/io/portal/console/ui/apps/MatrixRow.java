package io.portal.console.ui.apps;

import io.portal.console.store.Peer;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** One peer's row in the sharing matrix: a tick per app. */
public final class MatrixRow {
    private final Peer peer;
    private final Map<String, BooleanProperty> cells = new LinkedHashMap<>();

    MatrixRow(Peer peer) {
        this.peer = peer;
    }

    public Peer peer() {
        return peer;
    }

    public String label() {
        return AppsViewModel.peerLabel(peer);
    }

    /** The tick for one app; a column that does not (yet) exist reads as unticked. */
    public BooleanProperty cell(String app) {
        return cells.computeIfAbsent(app, k -> new SimpleBooleanProperty(this, k));
    }

    Map<String, BooleanProperty> cells() {
        return cells;
    }

    boolean matches(String query) {
        return AppsViewModel.peerMatches(peer, query);
    }
}
