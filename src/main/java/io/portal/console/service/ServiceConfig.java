package io.portal.console.service;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * How the peer service listens and what it allows. Every limit is documented in docs/protocol.md.
 *
 * @param apiHost        the local API's address; must be a loopback address
 * @param bind           the peer listener's address ({@code 0.0.0.0}: all interfaces)
 * @param apiPort        0: any free port
 * @param peerPort       0: any free port
 * @param maxBodyBytes   largest request body accepted, either direction (413 beyond)
 * @param connectTimeout dialing a peer's address (per address)
 * @param idleTimeout    a connection with no bytes moving for this long is closed (slow clients are cut off)
 * @param callTimeout    from sending a call until the response headers are back (504 beyond)
 * @param maxHeaderBytes largest request header block (431 beyond)
 * @param maxCallsPerPeer concurrent calls to or from one peer (429 beyond)
 * @param maxCallsPerApp  concurrent calls of or to one app (429 beyond)
 * @param maxPeerConnections open connections to the peer listener; at the limit it accepts no more until one
 *                       closes (new ones wait in the system's queue)
 * @param maxApiConnections open connections to the local API, the same way (an app that leaks connections cannot
 *                       take the service's file descriptors)
 * @param probeInterval  how often a reachable peer is asked whoareyou; unreachable ones back off up to 8×
 */
public record ServiceConfig(String apiHost, int apiPort, String bind, int peerPort, long maxBodyBytes,
        Duration connectTimeout, Duration idleTimeout, Duration callTimeout, int maxHeaderBytes, int maxCallsPerPeer,
        int maxCallsPerApp, int maxPeerConnections, int maxApiConnections, Duration probeInterval,
        Duration stopTimeout) {
    public static final int DEFAULT_API_PORT = 7460;
    public static final int DEFAULT_PEER_PORT = 7461;
    public static final long GIB = 1L << 30;
    public static final int DEFAULT_MAX_PEER_CONNECTIONS = 512;
    public static final int DEFAULT_MAX_API_CONNECTIONS = 512;

    public static ServiceConfig defaults() {
        return new ServiceConfig("127.0.0.1", DEFAULT_API_PORT, "0.0.0.0", DEFAULT_PEER_PORT, GIB, Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofSeconds(120), 16 * 1024, 16, 32, DEFAULT_MAX_PEER_CONNECTIONS,
                DEFAULT_MAX_API_CONNECTIONS, Duration.ofSeconds(60), Duration.ofSeconds(10));
    }

    /** Any free ports, for tests and for running several Portals on one machine. */
    public static ServiceConfig ephemeral() {
        return defaults().withPorts(0, 0).withBind("127.0.0.1");
    }

    public ServiceConfig withPorts(int api, int peer) {
        return with(b -> {
            b.apiPort = api;
            b.peerPort = peer;
        });
    }

    public ServiceConfig withBind(String address) {
        return with(b -> b.bind = address);
    }

    public ServiceConfig withMaxBody(long bytes) {
        return with(b -> b.maxBodyBytes = bytes);
    }

    public ServiceConfig withTimeouts(Duration connect, Duration idle, Duration call) {
        return with(b -> {
            b.connectTimeout = connect;
            b.idleTimeout = idle;
            b.callTimeout = call;
        });
    }

    public ServiceConfig withCallLimits(int perPeer, int perApp) {
        return with(b -> {
            b.maxCallsPerPeer = perPeer;
            b.maxCallsPerApp = perApp;
        });
    }

    public ServiceConfig withProbeInterval(Duration interval) {
        return with(b -> b.probeInterval = interval);
    }

    public ServiceConfig withMaxPeerConnections(int connections) {
        return with(b -> b.maxPeerConnections = connections);
    }

    public ServiceConfig withMaxApiConnections(int connections) {
        return with(b -> b.maxApiConnections = connections);
    }

    private ServiceConfig with(Consumer<Builder> change) {
        Builder builder = new Builder(this);
        change.accept(builder);
        return builder.build();
    }

    /** A copy to change a few fields of: the one place besides the record itself that lists them all. */
    private static final class Builder {
        String apiHost;
        int apiPort;
        String bind;
        int peerPort;
        long maxBodyBytes;
        Duration connectTimeout;
        Duration idleTimeout;
        Duration callTimeout;
        int maxHeaderBytes;
        int maxCallsPerPeer;
        int maxCallsPerApp;
        int maxPeerConnections;
        int maxApiConnections;
        Duration probeInterval;
        Duration stopTimeout;

        Builder(ServiceConfig c) {
            apiHost = c.apiHost;
            apiPort = c.apiPort;
            bind = c.bind;
            peerPort = c.peerPort;
            maxBodyBytes = c.maxBodyBytes;
            connectTimeout = c.connectTimeout;
            idleTimeout = c.idleTimeout;
            callTimeout = c.callTimeout;
            maxHeaderBytes = c.maxHeaderBytes;
            maxCallsPerPeer = c.maxCallsPerPeer;
            maxCallsPerApp = c.maxCallsPerApp;
            maxPeerConnections = c.maxPeerConnections;
            maxApiConnections = c.maxApiConnections;
            probeInterval = c.probeInterval;
            stopTimeout = c.stopTimeout;
        }

        ServiceConfig build() {
            return new ServiceConfig(apiHost, apiPort, bind, peerPort, maxBodyBytes, connectTimeout, idleTimeout,
                    callTimeout, maxHeaderBytes, maxCallsPerPeer, maxCallsPerApp, maxPeerConnections, maxApiConnections,
                    probeInterval, stopTimeout);
        }
    }
}
