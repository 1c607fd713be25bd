package io.portal.console.ui.apps;

import io.portal.console.store.Peer;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** One peer in the selected app's check list: ticking it shares the app with that peer. */
public final class PeerChoice {
    private final Peer peer;
    private final BooleanProperty shared = new SimpleBooleanProperty(this, "shared");
    private final String lowerName;

    PeerChoice(Peer peer, boolean initiallyShared) {
        this.peer = peer;
        this.lowerName = peer.name().toLowerCase(Locale.ROOT);
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

    boolean matches(AppsViewModel.PeerQuery query) {
        return query.matches(peer, lowerName);
    }

    @Override
    public String toString() {
        return label();
    }
}
