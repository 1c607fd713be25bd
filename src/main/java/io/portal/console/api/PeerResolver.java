package io.portal.console.api;

import io.portal.console.BoundedMemo;
import io.portal.console.apps.AccessCache;
import io.portal.console.identity.IdParser;
import io.portal.console.identity.PortalId;
import io.portal.console.store.Peer;
import io.portal.console.store.PeerRepository;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Finds the peer an app means by {@code {peer}} in {@code /v1/call/{peer}/…}: a canonical ID, a display form, or a
 * prefix of at least {@link #MIN_PREFIX} characters that is unique among the peers the app may see.
 */
final class PeerResolver {
    static final int MIN_PREFIX = 6;

    /** Texts that parsed as whole IDs, so a call does not decode and check the same ID again. Bounded. */
    private final BoundedMemo<String, PortalId> parsed = new BoundedMemo<>(20_000);
    private final AccessCache cache;
    private final PeerRepository peers;

    PeerResolver(AccessCache cache, PeerRepository peers) {
        this.cache = cache;
        this.peers = peers;
    }

    sealed interface Resolution permits Found, Refused {
    }

    record Found(Peer peer) implements Resolution {
    }

    record Refused(Problem problem) implements Resolution {
    }

    /** {@code visible} is asked for only when {@code text} is a prefix rather than a whole ID. */
    Resolution resolve(String text, Supplier<List<Peer>> visiblePeers) {
        PortalId id = wholeId(text);
        if (id != null) {
            return cache.peer(id).<Resolution>map(Found::new).orElseGet(() -> unknown(text,
                    "No peer has the ID " + id.canonical() + "."));
        }
        String prefix = text.replace("-", "").strip().toUpperCase(Locale.ROOT);
        if (prefix.length() < MIN_PREFIX) {
            return unknown(text, "Give the peer's ID, or at least " + MIN_PREFIX + " of its first characters.");
        }
        List<Peer> matches = visiblePeers.get().stream().filter(p -> p.id().canonical().startsWith(prefix)).toList();
        if (matches.size() == 1) {
            return new Found(matches.get(0));
        }
        if (matches.size() > 1) {
            return new Refused(new Problem(409, "ambiguous-peer", "Ambiguous peer",
                    "'" + text + "' matches " + matches.size() + " peers ("
                            + matches.stream().map(p -> p.id().shortId()).collect(Collectors.joining(", "))
                            + "); give more characters of the ID."));
        }
        if (prefix.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) {
            // Not visible to this app, but maybe a peer all the same: the access decision then says why (blocked, not shared).
            AccessCache.mayWait();
            List<Peer> all = peers.findByPrefix(prefix);
            if (all.size() == 1) {
                return new Found(all.get(0));
            }
        }
        return unknown(text, "No peer this app may see has an ID starting with '" + prefix + "'. GET /v1/peers lists them.");
    }

    private PortalId wholeId(String text) {
        return parsed.get(text, t -> IdParser.parse(t) instanceof IdParser.Valid valid ? valid.id() : null);
    }

    private static Resolution unknown(String text, String detail) {
        return new Refused(new Problem(404, "unknown-peer", "Unknown peer", detail));
    }

}
