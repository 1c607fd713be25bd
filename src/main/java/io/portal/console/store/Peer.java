package io.portal.console.store;

import io.portal.console.identity.PortalId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A friend's Portal as the owner keeps it.
 *
 * @param addresses where its peer service listens ({@code host:port}), tried in order
 * @param lastSeen  the last successful contact, empty if never
 * @param online    whether the last probe reached it
 */
public record Peer(PortalId id, String name, List<String> addresses, PeerState state, Instant addedAt,
        Optional<Instant> lastSeen, boolean online) {
    public Peer {
        addresses = List.copyOf(addresses);
    }

    /** Whether a peer answers, which probes and calls keep changing; not part of the setup. */
    public record Presence(Optional<Instant> lastSeen, boolean online) {
    }

    public Peer withPresence(Presence presence) {
        return new Peer(id, name, addresses, state, addedAt, presence.lastSeen(), presence.online());
    }

    public static Peer added(PortalId id, String name, List<String> addresses, Instant now) {
        return new Peer(id, name, addresses, PeerState.ACTIVE, now, Optional.empty(), false);
    }

    public boolean blocked() {
        return state == PeerState.BLOCKED;
    }

    public String shortId() {
        return id.shortId();
    }
}
