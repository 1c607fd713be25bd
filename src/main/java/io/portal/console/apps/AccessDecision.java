package io.portal.console.apps;

import io.portal.console.Messages;
import io.portal.console.store.Peer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Whether a request between a local app and a peer may pass. One pure function, used by the peer service on both
 * sides: before it sends (OUTGOING) and before it delivers (INCOMING).
 */
public final class AccessDecision {
    private AccessDecision() {
    }

    public enum Direction {
        /** A local app calls a peer. */
        OUTGOING,
        /** A peer calls a local app. */
        INCOMING
    }

    public enum Reason {
        /** OUTGOING: the target is not one of this Portal's peers. */
        UNKNOWN_PEER,
        /** INCOMING: the sender is not one of this Portal's peers. */
        NOT_A_PEER,
        /** The peer is blocked. */
        PEER_BLOCKED,
        /** The app is not shared with the peer. */
        NOT_SHARED,
        /** No app of that name is registered here. */
        APP_NOT_INSTALLED,
        /** INCOMING: the path is not declared {@code peer} in the app's {@code app.json}. */
        NOT_PEER_PATH
    }

    public sealed interface Decision permits Allowed, Denied {
        default boolean allowed() {
            return this instanceof Allowed;
        }
    }

    public record Allowed() implements Decision {
    }

    /** @param detail one line for logs and the activity view */
    public record Denied(Reason reason, String detail) implements Decision {
    }

    private static final Allowed ALLOWED = new Allowed();

    /**
     * @param app  the local app: the caller (OUTGOING) or the target (INCOMING); empty when none is registered
     * @param peer the peer as this Portal knows it; empty when it is not a peer
     * @param path the request path (INCOMING only; a query string is ignored)
     */
    public static Decision decide(Direction direction, Optional<RegisteredApp> app, Optional<Peer> peer, String path) {
        if (peer.isEmpty()) {
            return direction == Direction.OUTGOING
                    ? denied(Reason.UNKNOWN_PEER, "access.denied.unknownPeer")
                    : denied(Reason.NOT_A_PEER, "access.denied.notAPeer");
        }
        Peer known = peer.get();
        if (known.blocked()) {
            return denied(Reason.PEER_BLOCKED, "access.denied.blocked", label(known));
        }
        if (app.isEmpty()) {
            return denied(Reason.APP_NOT_INSTALLED, "access.denied.notInstalled");
        }
        RegisteredApp local = app.get();
        if (!local.sharing().includes(known.id())) {
            return denied(Reason.NOT_SHARED, "access.denied.notShared", local.name(), label(known));
        }
        if (direction == Direction.INCOMING) {
            Optional<String> target = normalizedPath(path);
            if (target.isEmpty() || local.manifest().accessFor(target.get()) != Access.PEER) {
                return denied(Reason.NOT_PEER_PATH, "access.denied.notPeerPath", local.name(),
                        path == null ? "" : path);
            }
        }
        return ALLOWED;
    }

    /**
     * The path part that rules are matched against, or empty when it cannot be matched safely: it must start with
     * {@code /} and have no {@code .} or {@code ..} segment, even percent-encoded, since the app would resolve those
     * and land outside the prefix that was checked.
     */
    static Optional<String> normalizedPath(String path) {
        if (path == null || !path.startsWith("/")) {
            return Optional.empty();
        }
        int end = path.length();
        for (char stop : new char[] {'?', '#'}) {
            int at = path.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String target = path.substring(0, end);
        String decoded;
        try {
            decoded = URLDecoder.decode(target.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (String segment : decoded.replace('\\', '/').split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
        }
        return Optional.of(target);
    }

    private static String label(Peer peer) {
        return peer.name() + " (" + peer.shortId() + ")";
    }

    private static Denied denied(Reason reason, String key, Object... arguments) {
        return new Denied(reason, Messages.get(key, arguments));
    }
}
