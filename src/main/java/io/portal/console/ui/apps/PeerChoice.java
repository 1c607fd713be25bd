package io.portal.console.ui.apps;

import io.portal.console.store.Peer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** One peer in the selected app's check list: ticking it shares the app with that peer. */
public final class PeerChoice {
    private final Peer peer;
    private final BooleanProperty shared = new SimpleBooleanProperty(this, "shared");

    PeerChoice(Peer peer, boolean initiallyShared) {
        this.peer = peer;
        shared.set(initiallyShared);
    }

    public Peer peer() {
        return peer;
    }

    public BooleanProperty sharedProperty() {
        return shared;
    }

    public boolean isShared() {
        return shared.get();
    }

    /** What the check list shows: name, short ID, and whether the peer is blocked. */
    public String label() {
        return AppsViewModel.peerLabel(peer);
    }

    boolean matches(String query) {
        return AppsViewModel.peerMatches(peer, query);
    }

    @Override
    public String toString() {
        return label();
    }
}
