package io.portal.console.peering;

import io.portal.console.identity.PortalId;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.io.ssl.SslClientConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * TLS for dialing peers, one for all of them: the Portal a connection is meant to reach is the tag of its destination
 * (every peer request is tagged with the peer's {@link PortalId}), and the engine is made with that ID's canonical
 * form as its peer host, which {@link PeerTls#dialingContext()} checks the server's certificate against. So a
 * connection to any other Portal fails in the handshake, before a request byte is sent.
 *
 * <p>The ID has no dot, so the JDK sends no SNI; the server names are also cleared explicitly. The JDK's session
 * cache is keyed by peer host and port, so by peer ID: resuming a session needs the key only the verified Portal
 * holds.
 */
final class PeerSslContextFactory extends SslContextFactory.Client implements SslClientConnectionFactory.SslEngineFactory {
    PeerSslContextFactory(PeerTls tls) {
        setSslContext(tls.dialingContext());
        setIncludeProtocols(PeerTls.PROTOCOL);
        // The peer is identified by its key (checked in the trust manager), not by a host name.
        setEndpointIdentificationAlgorithm(null);
    }

    @Override
    public SSLEngine newSslEngine(String host, int port, Map<String, Object> context) {
        Object destination = context.get(Destination.CONTEXT_KEY);
        Object tag = destination instanceof Destination d ? d.getOrigin().getTag() : null;
        if (!(tag instanceof PortalId expected)) {
            throw new IllegalStateException("a connection to " + host + ":" + port
                    + " is not tagged with the Portal ID it is meant to reach");
        }
        SSLEngine engine = getSslContext().createSSLEngine(expected.canonical(), port);
        customize(engine);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setServerNames(List.of());
        engine.setSSLParameters(parameters);
        return engine;
    }
}
