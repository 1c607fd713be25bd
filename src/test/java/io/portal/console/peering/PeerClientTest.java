package io.portal.console.peering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portal.console.identity.Ed25519Keys;
import io.portal.console.identity.Identity;
import io.portal.console.identity.PortalId;
import io.portal.console.store.Peer;
import java.net.ServerSocket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PeerClientTest {
    private final Identity identity = Identity.of(Ed25519Keys.generate());
    private final PeerTls tls = new PeerTls(identity, PeerCertificate.create(identity, Instant.now()));

    @Test
    @Timeout(120)
    void manyPeersShareOneClientAndItsThreads() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (ForwardingClients forwarding = new ForwardingClients(Duration.ofSeconds(1), Duration.ofSeconds(30), 16);
                PeerClient client = new PeerClient(tls, forwarding, Duration.ofSeconds(1), Duration.ofSeconds(5),
                        Duration.ofSeconds(30), () -> "Me", () -> PeerClient.DEFAULT_PORT)) {
            int before = forwarding.threadCount();
            // More peers than the forwarding pool has threads: a client (and a selector thread) per peer would not do.
            for (int i = 0; i < 300; i++) {
                Peer peer = Peer.added(Identity.of(Ed25519Keys.generate()).id(), "Peer " + i,
                        List.of("127.0.0.1:" + closedPort), Instant.now());
                assertThat(client.whoAreYou(peer)).isEmpty();
            }
            assertThat(forwarding.threadCount()).as("threads before: %d", before).isLessThanOrEqualTo(before + 16);
        }
    }

    @Test
    void theDialingTrustManagerChecksTheServerAgainstTheEnginesPeerHost() throws Exception {
        X509Certificate mine = tls.certificate();
        PeerTls.DialingTrustManager trust = new PeerTls.DialingTrustManager();
        SSLContext plain = SSLContext.getInstance(PeerTls.PROTOCOL);
        plain.init(null, null, null);

        trust.checkServerTrusted(new X509Certificate[] {mine}, "EdDSA",
                plain.createSSLEngine(identity.id().canonical(), 7461));

        PortalId other = Identity.of(Ed25519Keys.generate()).id();
        SSLEngine forOther = plain.createSSLEngine(other.canonical(), 7461);
        assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[] {mine}, "EdDSA", forOther))
                .isInstanceOf(IdentityMismatchException.class).hasMessageContaining(other.canonical());

        assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[] {mine}, "EdDSA",
                plain.createSSLEngine("example.org", 7461))).isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[] {mine}, "EdDSA", plain.createSSLEngine()))
                .isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[] {mine}, "EdDSA"))
                .isInstanceOf(CertificateException.class);
    }
}
