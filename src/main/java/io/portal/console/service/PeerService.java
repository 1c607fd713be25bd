package io.portal.console.service;

import io.portal.console.api.ApiHandler;
import io.portal.console.apps.AccessCache;
import io.portal.console.apps.AppRegistry;
import io.portal.console.identity.Identity;
import io.portal.console.identity.PortalProfile;
import io.portal.console.peering.ActivityRecorder;
import io.portal.console.peering.CallLimits;
import io.portal.console.peering.ForwardingClients;
import io.portal.console.peering.PeerCertificate;
import io.portal.console.peering.PeerClient;
import io.portal.console.peering.PeerProtocolHandler;
import io.portal.console.peering.PeerTls;
import io.portal.console.peering.PendingRequests;
import io.portal.console.peering.Prober;
import io.portal.console.peering.RecordBatching;
import io.portal.console.store.ActivityRepository;
import io.portal.console.store.AppRepository;
import io.portal.console.store.Changes;
import io.portal.console.store.PeerRepository;
import io.portal.console.store.PendingRepository;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The peer service: the local API for apps (loopback only) and the peer listener for other Portals (TLS 1.3,
 * mutual authentication). Started by the GUI and by {@code serve}; {@link #close()} stops accepting, lets calls in
 * flight finish for at most {@link ServiceConfig#stopTimeout()} and removes {@code service.json}.
 */
public final class PeerService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PeerService.class.getName());

    /** What the service needs from the console; nothing else. */
    public record Parts(Path dataDirectory, Identity identity, PortalProfile profile, PeerRepository peers,
            AppRepository apps, AppRegistry registry, PendingRepository pending, ActivityRepository activity,
            Changes changes) {
    }

    private final Parts parts;
    private final ServiceConfig config;
    private final Clock clock;
    private Server apiServer;
    private Server peerServer;
    private ServerConnector apiConnector;
    private ServerConnector peerConnector;
    private NetworkConnectionLimit peerConnectionLimit;
    private NetworkConnectionLimit apiConnectionLimit;
    private PeerClient client;
    private ForwardingClients forwarding;
    private Prober prober;
    private ActivityRecorder recorder;
    private PendingRequests pendingRequests;
    private AccessCache access;
    private Instant startedAt;
    private volatile boolean running;

    public PeerService(Parts parts, ServiceConfig config, Clock clock) {
        this.parts = parts;
        this.config = config;
        this.clock = clock;
    }

    public synchronized PeerService start() {
        requireLoopback(config.apiHost());
        PeerTls tls = new PeerTls(parts.identity(), PeerCertificate.loadOrCreate(parts.dataDirectory(), parts.identity(),
                clock.instant()));
        recorder = new ActivityRecorder(parts.activity(), clock, ActivityRepository.DEFAULT_MAX_ROWS,
                ActivityRepository.DEFAULT_MAX_AGE);
        pendingRequests = new PendingRequests(parts.pending(), parts.peers(), clock);
        access = new AccessCache(parts.apps(), parts.peers(), parts.registry(), parts.profile()::name,
                parts.changes());
        CallLimits limits = new CallLimits(config.maxCallsPerPeer(), config.maxCallsPerApp());
        forwarding = new ForwardingClients(config.connectTimeout(), config.idleTimeout(),
                Math.max(config.maxCallsPerPeer(), config.maxCallsPerApp()));
        client = new PeerClient(tls, forwarding, config.connectTimeout(), config.callTimeout(), config.idleTimeout(),
                access::portalName, this::peerPort);

        // Each listener's own threads also take the work its handler cannot do on an I/O thread, so strangers'
        // requests cannot take the threads outgoing calls need.
        QueuedThreadPool peerThreads = threads("peer-listener");
        peerServer = new Server(peerThreads, null, RecordBatching.bufferPool());
        peerConnector = peerConnector(peerServer, tls);
        peerServer.addConnector(peerConnector);
        // Anyone may connect to the peer listener, and every connection holds buffers: at the limit it stops
        // accepting (new connections wait in the system's queue, bounded by its backlog) until one closes. Idle
        // connections still close after the idle timeout; a shorter one while full would cut slow calls as well.
        peerConnectionLimit = new NetworkConnectionLimit(config.maxPeerConnections(), peerConnector);
        peerServer.addBean(peerConnectionLimit);
        peerServer.setHandler(new GracefulHandler(new PeerProtocolHandler(parts.profile(), parts.peers(), access,
                pendingRequests, limits, recorder, config.maxBodyBytes(), forwarding, config.callTimeout(),
                config.idleTimeout(), clock, peerThreads)));
        peerServer.setStopTimeout(config.stopTimeout().toMillis());

        QueuedThreadPool apiThreads = threads("local-api");
        apiServer = new Server(apiThreads);
        apiConnector = new ServerConnector(apiServer, http(httpConfiguration(), ForwardingClients.IO_BUFFER));
        apiConnector.setHost(config.apiHost());
        apiConnector.setPort(config.apiPort());
        apiConnector.setIdleTimeout(config.idleTimeout().toMillis());
        apiServer.addConnector(apiConnector);
        // Only local apps connect here, but one that leaks connections must not take the service's file descriptors.
        apiConnectionLimit = new NetworkConnectionLimit(config.maxApiConnections(), apiConnector);
        apiServer.addBean(apiConnectionLimit);
        apiServer.setHandler(new GracefulHandler(new ApiHandler(parts.profile(), access, parts.peers(), client,
                forwarding, limits, recorder, config.maxBodyBytes(), clock, apiThreads)));
        apiServer.setStopTimeout(config.stopTimeout().toMillis());

        try {
            startServer(apiServer, "local API", config.apiHost(), config.apiPort(), "--api-port");
            startServer(peerServer, "peer listener", config.bind(), config.peerPort(), "--peer-port");
            startedAt = clock.instant();
            new ServiceFile(config.apiHost(), apiPort(), config.bind(), peerPort(), ProcessHandle.current().pid(), startedAt)
                    .write(parts.dataDirectory());
        } catch (RuntimeException | IOException e) {
            close();
            throw e instanceof ServiceException se ? se
                    : new ServiceException("cannot start the peer service: " + e.getMessage(), e);
        }
        prober = new Prober(parts.peers(), parts.changes(), client, config.probeInterval(), clock);
        prober.start();
        running = true;
        LOG.info("peer service running: apps on " + config.apiHost() + ":" + apiPort() + ", peers on " + config.bind() + ":"
                + peerPort());
        return this;
    }

    private static void startServer(Server server, String what, String host, int port, String option) {
        try {
            server.start();
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            if (e instanceof IOException && (e instanceof BindException || root instanceof BindException
                    || String.valueOf(e.getMessage()).contains("Failed to bind"))) {
                throw new ServiceException("cannot start the " + what + ": " + host + ":" + port
                        + " is in use (another Portal Console?). Choose another port with " + option + ".", e);
            }
            throw new ServiceException("cannot start the " + what + " on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private static void requireLoopback(String host) {
        try {
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                throw new ServiceException("the local API listens on loopback only; " + host + " is not a loopback address",
                        null);
            }
        } catch (UnknownHostException e) {
            throw new ServiceException("unknown local API address " + host, e);
        }
    }

    private ServerConnector peerConnector(Server server, PeerTls tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(tls.serverContext());
        ssl.setNeedClientAuth(true);
        ssl.setIncludeProtocols(PeerTls.PROTOCOL);
        ssl.setEndpointIdentificationAlgorithm(null);
        ssl.setSniRequired(false);
        HttpConfiguration http = httpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, RecordBatching.serverFactory(ssl, "http/1.1"),
                http(http, ForwardingClients.TLS_IO_BUFFER));
        connector.setHost(config.bind());
        connector.setPort(config.peerPort());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        return connector;
    }

    /** Bodies stream through in reads of up to {@code bufferSize} bytes (Jetty reads 8 KiB by default). */
    private static HttpConnectionFactory http(HttpConfiguration configuration, int bufferSize) {
        HttpConnectionFactory factory = new HttpConnectionFactory(configuration);
        factory.setInputBufferSize(bufferSize);
        return factory;
    }

    private HttpConfiguration httpConfiguration() {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        http.setRequestHeaderSize(config.maxHeaderBytes());
        http.setIdleTimeout(config.idleTimeout().toMillis());
        return http;
    }

    private static QueuedThreadPool threads(String name) {
        QueuedThreadPool pool = new QueuedThreadPool(200, 4);
        pool.setName(name);
        pool.setDaemon(true);
        return pool;
    }

    public boolean running() {
        return running;
    }

    public ServiceConfig config() {
        return config;
    }

    public int apiPort() {
        return apiConnector == null ? -1 : apiConnector.getLocalPort();
    }

    public int peerPort() {
        return peerConnector == null ? -1 : peerConnector.getLocalPort();
    }

    /** Connections the peer listener holds now (those it accepted and has not closed). */
    public int peerConnections() {
        return peerConnectionLimit == null ? 0 : peerConnectionLimit.getNetworkConnectionCount();
    }

    /** Connections the local API holds now. */
    public int apiConnections() {
        return apiConnectionLimit == null ? 0 : apiConnectionLimit.getNetworkConnectionCount();
    }

    public String apiHost() {
        return config.apiHost();
    }

    public Instant startedAt() {
        return startedAt;
    }

    public PendingRequests pendingRequests() {
        return pendingRequests;
    }

    /** Stops accepting, lets calls in flight finish (bounded by the stop timeout), then releases everything. */
    @Override
    public synchronized void close() {
        running = false;
        ServiceFile.removeOwn(parts.dataDirectory());
        if (prober != null) {
            prober.close();
        }
        CompletableFuture<Void> api = stopAsync(apiServer);
        CompletableFuture<Void> peer = stopAsync(peerServer);
        CompletableFuture.allOf(api, peer).join();
        if (client != null) {
            client.close();
        }
        if (forwarding != null) {
            forwarding.close();
        }
        if (recorder != null) {
            recorder.close();
        }
        if (access != null) {
            try {
                access.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "cannot unsubscribe the access cache", e);
            }
        }
    }

    private static CompletableFuture<Void> stopAsync(Server server) {
        if (server == null || !(server.isStarted() || server.isStarting())) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "stopping " + server + " failed", e);
            }
        });
    }
}
