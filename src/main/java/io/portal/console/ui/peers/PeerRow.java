package io.portal.console.ui.peers;

import io.portal.console.Messages;
import io.portal.console.peers.PeerBook;
import io.portal.console.store.Peer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** One line of the peers table: the peer and what the table shows of it, computed once per load. */
public final class PeerRow {
    /** Status, in the order the status column sorts. */
    public enum Status { ONLINE, OFFLINE, NEVER_SEEN }

    private final Peer peer;
    private final int sharedApps;
    private final Status status;
    private final String statusText;
    private final String addressesText;
    private final String lowerName;

    public PeerRow(PeerBook.Listing listing, Instant now) {
        this.peer = listing.peer();
        this.sharedApps = listing.sharedApps();
        this.status = status(peer);
        this.statusText = statusText(peer, now);
        this.addressesText = String.join(", ", peer.addresses());
        this.lowerName = peer.name().toLowerCase(Locale.ROOT);
    }

    private static Status status(Peer peer) {
        return peer.online() ? Status.ONLINE : peer.lastSeen().isPresent() ? Status.OFFLINE : Status.NEVER_SEEN;
    }

    private static String statusText(Peer peer, Instant now) {
        String base = switch (status(peer)) {
            case ONLINE -> Messages.get("peers.status.online");
            case OFFLINE -> Messages.get("peers.status.offline", ago(peer.lastSeen().get(), now));
            case NEVER_SEEN -> Messages.get("peers.status.never");
        };
        return peer.blocked() ? Messages.get("peers.status.blocked", base) : base;
    }

    /** Whether this row, made earlier, shows exactly what a row made now from the listing would. */
    boolean shows(PeerBook.Listing listing, Instant now) {
        return peer.equals(listing.peer()) && sharedApps == listing.sharedApps()
                && statusText.equals(statusText(peer, now));
    }

    static String ago(Instant then, Instant now) {
        long seconds = Math.max(0, Duration.between(then, now).getSeconds());
        if (seconds < 60) {
            return Messages.get("peers.ago.now");
        }
        if (seconds < 3600) {
            return Messages.get("peers.ago.minutes", seconds / 60);
        }
        if (seconds < 86_400) {
            return Messages.get("peers.ago.hours", seconds / 3600);
        }
        long days = seconds / 86_400;
        return days == 1 ? Messages.get("peers.ago.day") : Messages.get("peers.ago.days", days);
    }

    public Peer peer() {
        return peer;
    }

    public String name() {
        return peer.name();
    }

    public String shortId() {
        return peer.shortId();
    }

    public String canonicalId() {
        return peer.id().canonical();
    }

    public String displayId() {
        return peer.id().display();
    }

    public boolean blocked() {
        return peer.blocked();
    }

    public Status status() {
        return status;
    }

    public String statusText() {
        return statusText;
    }

    /** Sorts online first, then by most recently seen, never seen last. */
    public long statusRank() {
        return switch (status) {
            case ONLINE -> Long.MIN_VALUE;
            case OFFLINE -> -peer.lastSeen().get().toEpochMilli();
            case NEVER_SEEN -> Long.MAX_VALUE;
        };
    }

    public String addressesText() {
        return addressesText;
    }

    public int sharedApps() {
        return sharedApps;
    }

    /**
     * Whether the filter matches: the name (any case), or any part of the ID once separators are dropped.
     *
     * @param lowerQuery the query in lower case
     * @param idQuery    the query as ID characters (upper case, no separators), or null when it cannot be part of one
     */
    boolean matches(String lowerQuery, String idQuery) {
        return lowerName.contains(lowerQuery) || (idQuery != null && peer.id().canonical().contains(idQuery));
    }
}
