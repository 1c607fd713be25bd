package io.portal.console.peering;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The HTTP clients the service forwards with, to peers (TLS, one client for all of them, each connection pinned to
 * a peer's ID) and to local apps (plain HTTP on loopback). They share one thread pool, one scheduler and one buffer pool, and are configured
 * as forwarders: no redirects followed, no cookies kept, no decoding, no headers of their own.
 */
public final class ForwardingClients implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ForwardingClients.class.getName());
    /**
     * Jetty warns about every TLS client without host-name verification. Peers are verified by pinning the
     * certificate's key to the Portal ID (see {@link PeerTls}); host names mean nothing here, so the warning is
     * noise. Held in a field because the logging framework keeps loggers only weakly.
     */
    private static final Logger JETTY_SSL_LOG = quiet("org.eclipse.jetty.util.ssl.SslContextFactory");

    /** The size of the reads a body or an answer streams through in, on every hop. */
    public static final int IO_BUFFER = 64 * 1024;
    /**
     * The same over TLS, with room for the engine to open a whole record at the end: a 64 KiB chunk sealed on the
     * other side (five records, see {@link RecordBatching}) then arrives as one chunk.
     */
    public static final int TLS_IO_BUFFER = IO_BUFFER + 1024;

    private final QueuedThreadPool threads;
    private final Scheduler scheduler;
    private final ByteBufferPool buffers = RecordBatching.bufferPool();
    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final int maxConnectionsPerDestination;

    public ForwardingClients(Duration connectTimeout, Duration idleTimeout, int maxConnectionsPerDestination) {
        this.connectTimeout = connectTimeout;
        this.idleTimeout = idleTimeout;
        this.maxConnectionsPerDestination = maxConnectionsPerDestination;
        threads = new QueuedThreadPool(200, 2);
        threads.setName("forwarding");
        threads.setDaemon(true);
        scheduler = new ScheduledExecutorScheduler("forwarding-timer", true);
        try {
            threads.start();
            scheduler.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the forwarding threads", e);
        }
    }

    /** A started client; TLS with {@code ssl} when given, else plain HTTP. Stop it with {@link #stop}. */
    public HttpClient newClient(SslContextFactory.Client ssl) {
        ClientConnector connector = new ClientConnector() {
            @Override
            public ClientConnectionFactory newSslClientConnectionFactory(SslContextFactory.Client sslContextFactory,
                    ClientConnectionFactory factory) {
                SslContextFactory.Client tls = sslContextFactory == null ? getSslContextFactory() : sslContextFactory;
                return RecordBatching.clientFactory(tls, getByteBufferPool(), getExecutor(), factory);
            }
        };
        connector.setExecutor(threads);
        connector.setScheduler(scheduler);
        connector.setByteBufferPool(buffers);
        connector.setConnectTimeout(connectTimeout);
        connector.setIdleTimeout(idleTimeout);
        connector.setSelectors(1);
        if (ssl != null) {
            connector.setSslContextFactory(ssl);
        }
        HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP(connector);
        // The answers' listeners (Relay) never block, so the client may run them on its I/O thread, with no hand-over.
        transport.setInvocationType(Invocable.InvocationType.NON_BLOCKING);
        HttpClient client = new HttpClient(transport);
        client.setExecutor(threads);
        client.setScheduler(scheduler);
        client.setByteBufferPool(buffers);
        client.setConnectTimeout(connectTimeout.toMillis());
        client.setIdleTimeout(idleTimeout.toMillis());
        client.setResponseBufferSize(ssl == null ? IO_BUFFER : TLS_IO_BUFFER);
        // A destination (one per origin, and per peer for the peer client) is dropped once it has had no connection
        // for this long, so peers that were reached once do not stay in memory.
        client.setDestinationIdleTimeout(idleTimeout.toMillis());
        client.setFollowRedirects(false);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setUserAgentField(null);
        client.getProtocolHandlers().clear();
        client.setMaxConnectionsPerDestination(maxConnectionsPerDestination);
        client.setMaxRequestsQueuedPerDestination(4 * maxConnectionsPerDestination);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start an HTTP client", e);
        }
        // Bodies pass through as they are: no "Accept-Encoding" of the client's own, nothing decoded. Starting the
        // client installs the default decoders, so they are removed after it.
        client.getContentDecoderFactories().clear();
        return client;
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    public static void stop(HttpClient client) {
        try {
            client.stop();
        } catch (Exception e) {
            LOG.log(Level.FINE, "cannot stop an HTTP client", e);
        }
    }

    /** How many threads the forwarding pool has now (selectors included). */
    public int threadCount() {
        return threads.getThreads();
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        try {
            scheduler.stop();
            threads.stop();
        } catch (Exception e) {
            LOG.log(Level.FINE, "cannot stop the forwarding threads", e);
        }
    }
}
