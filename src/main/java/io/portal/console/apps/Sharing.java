package io.portal.console.apps;

import io.portal.console.identity.PortalId;
import java.util.Objects;
import java.util.Set;

/**
 * Which peers an app is shared with.
 *
 * @param peers the ticked peers; always empty unless the mode is {@link SharingMode#SELECTED}
 */
public record Sharing(SharingMode mode, Set<PortalId> peers) {
    public static final Sharing NONE = new Sharing(SharingMode.NONE, Set.of());
    public static final Sharing ALL = new Sharing(SharingMode.ALL, Set.of());

    public Sharing {
        Objects.requireNonNull(mode, "mode");
        peers = mode == SharingMode.SELECTED ? Set.copyOf(peers) : Set.of();
    }

    public static Sharing selected(Set<PortalId> peers) {
        return new Sharing(SharingMode.SELECTED, peers);
    }

    /** Whether the sharing lets this peer in (blocking is checked elsewhere). */
    public boolean includes(PortalId peer) {
        return switch (mode) {
            case NONE -> false;
            case ALL -> true;
            case SELECTED -> peers.contains(peer);
        };
    }
}
