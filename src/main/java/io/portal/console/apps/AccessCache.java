package io.portal.console.apps;

import io.portal.console.identity.PortalId;
import io.portal.console.store.AppRepository;
import io.portal.console.store.Changes;
import io.portal.console.store.Peer;
import io.portal.console.store.PeerRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the peer service looks up on every call — the app behind a token, an app by name (with its parsed
 * manifest), a peer by ID, the peers an app may see — kept in memory instead of read from SQLite per call.
 * Everything is forgotten at once on any change to the setup, by any process (the {@link Changes} watcher fires
 * within its poll interval), so a revoked sharing or a blocked peer takes effect as quickly as before for the GUI,
 * the CLI and {@code serve}; the activity the service writes while calls flow does not count as a change, nor does
 * peers' presence (online, last seen), which probes and calls move all the time: it is kept apart and read again
 * after it changed, only when asked for ({@link #withPresence}).
 *
 * <p>Only what was found is remembered: unknown tokens, app names and senders still go to the database, so
 * nobody can fill the memory by guessing.
 *
 * <p>The listeners answer calls on their I/O threads while everything a call needs is here; {@link #withoutWaiting}
 * marks such work, and a look-up that would have to read the database then throws {@link WouldWait} instead, so the
 * caller can hand the request to a thread that may wait.
 */
public final class AccessCache implements AutoCloseable {
    private final AppRepository apps;
    private final PeerRepository peers;
    private final AppRegistry registry;
    private final Supplier<String> portalName;
    private final AutoCloseable setupSubscription;
    private final AutoCloseable presenceSubscription;
    /**
     * Replaced, never cleared, on a change: a look-up that read the database before the change can only fill the
     * generation that the change has already discarded.
     */
    private volatile Generation current = new Generation();

    /** Peers' presence, read when first asked for after a change to it; replaced like {@link #current}. */
    private volatile PresenceGeneration presence = new PresenceGeneration();

    private static final class PresenceGeneration {
        volatile Map<String, Peer.Presence> byId;
    }

    private static final class Generation {
        final Map<String, RegisteredApp> appsByTokenHash = new ConcurrentHashMap<>();
        final Map<String, RegisteredApp> appsByName = new ConcurrentHashMap<>();
        final Map<PortalId, Peer> peersById = new ConcurrentHashMap<>();
        final Map<String, Visible> visibleByApp = new ConcurrentHashMap<>();
        volatile String portalName;
    }

    private static final ThreadLocal<Boolean> IO_THREAD = new ThreadLocal<>();
    private static final WouldWait WOULD_WAIT = new WouldWait();

    /** Work inside {@link #withoutWaiting} needed the database (or something else that waits). */
    public static final class WouldWait extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private WouldWait() {
            super("this needs a thread that may wait", null, false, false);
        }
    }

    /** Remembered with the app as it was asked about: an app read before a change must not fill the cache after it. */
    private record Visible(RegisteredApp app, List<Peer> peers) {
        boolean isFor(RegisteredApp other) {
            return app == other || app.equals(other);
        }
    }

    public AccessCache(AppRepository apps, PeerRepository peers, AppRegistry registry, Supplier<String> portalName,
            Changes changes) {
        this.apps = apps;
        this.peers = peers;
        this.registry = registry;
        this.portalName = portalName;
        this.setupSubscription = changes.subscribeToSetup(this::invalidate);
        // Probes and calls change presence all the time; it is kept apart so that they do not empty the rest.
        this.presenceSubscription = changes.subscribeToPresence(() -> presence = new PresenceGeneration());
    }

    /**
     * Runs {@code action} on a thread that must not wait (an I/O thread): any look-up below that is not cached throws
     * {@link WouldWait} before it reads anything, and so does {@link #mayWait}; the caller catches it and does the
     * work on another thread.
     */
    public static <T> T withoutWaiting(Supplier<T> action) {
        Boolean outer = IO_THREAD.get();
        IO_THREAD.set(Boolean.TRUE);
        try {
            return action.get();
        } finally {
            if (outer == null) {
                IO_THREAD.remove();
            }
        }
    }

    /** Throws {@link WouldWait} inside {@link #withoutWaiting}: call it before anything that may block. */
    public static void mayWait() {
        if (IO_THREAD.get() != null) {
            throw WOULD_WAIT;
        }
    }

    /** The owner's name for this Portal, as sent to peers. */
    public String portalName() {
        Generation g = current;
        String name = g.portalName;
        if (name == null) {
            mayWait();
            name = portalName.get();
            g.portalName = name;
        }
        return name;
    }

    /** Forgets everything; the next look-ups read the database again. */
    public void invalidate() {
        current = new Generation();
    }

    /** The app a token belongs to; empty for an unknown, rotated or blank token. */
    public Optional<RegisteredApp> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return cached(current.appsByTokenHash, AppTokens.hash(token.strip()), apps::findByTokenHash);
    }

    public Optional<RegisteredApp> app(String name) {
        return cached(current.appsByName, name, apps::find);
    }

    public Optional<Peer> peer(PortalId id) {
        return cached(current.peersById, id, peers::find);
    }

    /** From one generation's map, else read (unless the thread may not wait) and remembered when found. */
    private static <K, V> Optional<V> cached(Map<K, V> cache, K key, Function<K, Optional<V>> read) {
        V value = cache.get(key);
        if (value != null) {
            return Optional.of(value);
        }
        mayWait();
        Optional<V> found = read.apply(key);
        found.ifPresent(v -> cache.put(key, v));
        return found;
    }

    /** {@link AppRegistry#visiblePeers}, remembered per app. */
    public List<Peer> visiblePeers(RegisteredApp app) {
        Generation g = current;
        Visible visible = g.visibleByApp.get(app.name());
        if (visible != null && visible.isFor(app)) {
            return visible.peers();
        }
        mayWait();
        List<Peer> read = List.copyOf(registry.visiblePeers(app));
        g.visibleByApp.put(app.name(), new Visible(app, read));
        return read;
    }

    /**
     * The peers with their presence (online, last seen) as it is now: the peers this cache keeps carry it as it was
     * when they were read.
     */
    public List<Peer> withPresence(List<Peer> peers) {
        PresenceGeneration g = presence;
        Map<String, Peer.Presence> byId = g.byId;
        if (byId == null) {
            mayWait();
            byId = this.peers.presence();
            g.byId = byId;
        }
        List<Peer> current = new ArrayList<>(peers.size());
        for (Peer peer : peers) {
            Peer.Presence now = byId.get(peer.id().canonical());
            current.add(now == null ? peer : peer.withPresence(now));
        }
        return current;
    }

    @Override
    public void close() throws Exception {
        presenceSubscription.close();
        setupSubscription.close();
    }
}
