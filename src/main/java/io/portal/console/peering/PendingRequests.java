package io.portal.console.peering;

import io.portal.console.identity.PortalId;
import io.portal.console.identity.PortalProfile;
import io.portal.console.store.Peer;
import io.portal.console.store.PeerRepository;
import io.portal.console.store.PeerState;
import io.portal.console.store.PendingRepository;
import io.portal.console.store.PendingRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Strangers who called, and the owner's answers to them. Recording is rate-limited in memory (one write per
 * Portal per {@link #PER_ID_INTERVAL}; at most {@link #NEW_PER_ADDRESS} new Portals per source address per hour)
 * and capped in the database, so a stranger cannot flood the list or the disk.
 */
public final class PendingRequests {
    static final Duration PER_ID_INTERVAL = Duration.ofSeconds(10);
    static final int NEW_PER_ADDRESS = 10;
    private static final int TRACKED = 10_000;

    private final PendingRepository pending;
    private final PeerRepository peers;
    private final Clock clock;
    private final Map<PortalId, Instant> lastWrite = new HashMap<>();
    private final Map<String, Deque<Instant>> newByAddress = new HashMap<>();

    public PendingRequests(PendingRepository pending, PeerRepository peers, Clock clock) {
        this.pending = pending;
        this.peers = peers;
        this.clock = clock;
    }

    /**
     * Records a call from a Portal that is not a peer.
     *
     * @param remoteHost the address the connection came from
     * @param announcedPort the peer port the caller announced, or -1
     * @return whether it was written (false when rate-limited or the list is full)
     */
    public boolean attempt(PortalId id, String announcedName, String remoteHost, int announcedPort) {
        Instant now = clock.instant();
        synchronized (this) {
            Instant last = lastWrite.get(id);
            if (last != null && last.plus(PER_ID_INTERVAL).isAfter(now)) {
                return false;
            }
            if (last == null) {
                Deque<Instant> recent = newByAddress.computeIfAbsent(remoteHost, k -> new ArrayDeque<>());
                while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(Duration.ofHours(1)))) {
                    recent.pollFirst();
                }
                if (recent.size() >= NEW_PER_ADDRESS && pending.find(id).isEmpty()) {
                    return false;
                }
                recent.addLast(now);
            }
            if (lastWrite.size() > TRACKED) {
                lastWrite.clear();
                newByAddress.clear();
            }
            lastWrite.put(id, now);
        }
        String host = remoteHost.contains(":") && !remoteHost.startsWith("[") ? "[" + remoteHost + "]" : remoteHost;
        String address = announcedPort > 0 && announcedPort < 65536 ? host + ":" + announcedPort : host;
        return pending.record(id, cleanName(announcedName), address, now);
    }

    /** A name a stranger announced, made safe to show: no control characters, at most the profile's length. */
    static String cleanName(String name) {
        if (name == null) {
            return "";
        }
        String clean = name.replaceAll("\\p{Cntrl}", "").strip();
        return clean.length() > PortalProfile.MAX_NAME_LENGTH ? clean.substring(0, PortalProfile.MAX_NAME_LENGTH) : clean;
    }

    public List<PendingRequest> list() {
        return pending.list();
    }

    /** Makes the stranger a peer (with the name it announced and the address it came from). */
    public Peer accept(PortalId id) {
        PendingRequest request = pending.find(id).orElseThrow(() -> new IllegalArgumentException("no pending request from " + id));
        String name = request.name().isBlank() ? "Portal " + id.shortId() : request.name();
        List<String> addresses = request.address().contains(":") ? List.of(request.address()) : List.of();
        Peer peer = Peer.added(id, name, addresses, clock.instant());
        if (!peers.add(peer)) {
            peers.setState(id, PeerState.ACTIVE);
        }
        pending.remove(id);
        return peers.find(id).orElse(peer);
    }

    public boolean ignore(PortalId id) {
        return pending.ignore(id);
    }

    /** Blocks the stranger: kept as a blocked peer, so it is never served and never listed as pending again. */
    public void block(PortalId id) {
        Optional<PendingRequest> request = pending.find(id);
        String name = request.map(PendingRequest::name).filter(n -> !n.isBlank()).orElse("Portal " + id.shortId());
        Peer blocked = new Peer(id, name, List.of(), PeerState.BLOCKED, clock.instant(), Optional.empty(), false);
        if (!peers.add(blocked)) {
            peers.setState(id, PeerState.BLOCKED);
        }
        pending.remove(id);
    }
}
