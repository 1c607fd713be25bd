package io.portal.console.peering;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/** Caps concurrent calls per peer and per app, so one busy peer or app cannot take every thread. */
public final class CallLimits {
    private final int perPeer;
    private final int perApp;
    private final Map<String, Semaphore> peers = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> apps = new ConcurrentHashMap<>();

    public CallLimits(int perPeer, int perApp) {
        this.perPeer = perPeer;
        this.perApp = perApp;
    }

    /** One call's place under the caps; closing it (which cannot fail) gives the place back. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** A slot for one call, or empty when the peer or the app is at its cap. Close the slot when the call ends. */
    public Optional<Slot> tryEnter(String peerId, String app) {
        Semaphore peer = peers.computeIfAbsent(peerId, k -> new Semaphore(perPeer));
        if (!peer.tryAcquire()) {
            return Optional.empty();
        }
        Semaphore forApp = apps.computeIfAbsent(app, k -> new Semaphore(perApp));
        if (!forApp.tryAcquire()) {
            peer.release();
            return Optional.empty();
        }
        return Optional.of(() -> {
            forApp.release();
            peer.release();
        });
    }
}
