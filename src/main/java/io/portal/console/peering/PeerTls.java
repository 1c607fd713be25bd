package io.portal.console.peering;

import io.portal.console.identity.Identity;
import io.portal.console.identity.PortalId;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Date;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS profile of the peer protocol (docs/protocol.md): TLS 1.3 only, both sides present a self-signed
 * certificate over their Ed25519 identity key, no CA and no host names. Trust comes from the ID alone: the dialing
 * side pins the ID it meant to reach; the listening side accepts any well-formed certificate and decides per
 * request from the ID it computed.
 */
public final class PeerTls {
    public static final String PROTOCOL = "TLSv1.3";
    private static final char[] NO_PASSWORD = "portal".toCharArray();

    private final Identity identity;
    private final X509Certificate certificate;
    /** Made once: the identity never changes, and each key store costs a key derivation (milliseconds of CPU). */
    private final KeyManager[] keyManagers;
    private final SSLContext serverContext;
    private final SSLContext dialingContext;

    public PeerTls(Identity identity, X509Certificate certificate) {
        this.identity = identity;
        this.certificate = certificate;
        this.keyManagers = keyManagers(identity, certificate);
        this.serverContext = context(new AnyPeerTrustManager());
        this.dialingContext = context(new DialingTrustManager());
    }

    public Identity identity() {
        return identity;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** For the peer listener: requires a client certificate, accepts any well-formed one. */
    public SSLContext serverContext() {
        return serverContext;
    }

    /**
     * For dialing any peer, one context for all: each engine must be made with the canonical ID of the Portal it is
     * meant to reach as its peer host ({@code createSSLEngine(id.canonical(), port)}); the handshake fails with
     * {@link IdentityMismatchException} unless the server is that Portal. The ID has no dot, so no SNI is sent.
     */
    public SSLContext dialingContext() {
        return dialingContext;
    }

    /** The ID of the Portal that presented this certificate (SHA-256 over its SubjectPublicKeyInfo). */
    public static PortalId idOf(X509Certificate certificate) {
        return PortalId.ofSubjectPublicKeyInfo(certificate.getPublicKey().getEncoded());
    }

    private static KeyManager[] keyManagers(Identity identity, X509Certificate certificate) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("portal", identity.privateKey(), NO_PASSWORD, new Certificate[] {certificate});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, NO_PASSWORD);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot set up TLS for the peer service: " + e.getMessage(), e);
        }
    }

    private SSLContext context(TrustManager trustManager) {
        try {
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(keyManagers, new TrustManager[] {trustManager}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for the peer service: " + e.getMessage(), e);
        }
    }

    /** Checks what every peer certificate must be: one self-signed Ed25519 certificate, currently valid. */
    static PortalId check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no certificate presented");
        }
        X509Certificate leaf = chain[0];
        if (!"Ed25519".equals(leaf.getPublicKey().getAlgorithm()) && !"EdDSA".equals(leaf.getPublicKey().getAlgorithm())) {
            throw new CertificateException("a Portal certificate carries an Ed25519 key, not " + leaf.getPublicKey().getAlgorithm());
        }
        leaf.checkValidity(new Date());
        try {
            leaf.verify(leaf.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new CertificateException("the certificate is not signed by its own key", e);
        }
        return idOf(leaf);
    }

    private abstract static class ExtendedTrustManager extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** Listener side: who is calling is decided per request from the ID, so any well-formed certificate passes here. */
    static final class AnyPeerTrustManager extends ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the listener does not dial");
        }
    }

    /**
     * Dialing side for all peers: the Portal meant is the engine's peer host, its canonical ID. Only engines are
     * accepted (the peer client makes them so); a socket or no engine at all tells nothing of who was meant.
     */
    static final class DialingTrustManager extends ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            requireId(chain, expectedOf(engine));
        }

        static PortalId expectedOf(SSLEngine engine) throws CertificateException {
            String host = engine == null ? null : engine.getPeerHost();
            if (host == null) {
                throw new CertificateException("no Portal ID to check the server against (the engine has no peer host)");
            }
            try {
                return PortalId.ofCanonical(host);
            } catch (IllegalArgumentException e) {
                throw new CertificateException("the engine's peer host is not a Portal ID: " + host, e);
            }
        }

        /** A socket, or no engine at all, tells nothing of who was meant. */
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("peers are dialled with an SSLEngine made for the Portal ID");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the dialing side does not accept connections");
        }
    }

    /** Checks a server's certificate and that it belongs to the Portal meant. */
    static void requireId(X509Certificate[] chain, PortalId expected) throws CertificateException {
        PortalId found = check(chain);
        if (!found.equals(expected)) {
            throw new IdentityMismatchException(expected, found);
        }
    }

    /**
     * Dialing side, an {@link X509ExtendedTrustManager} on purpose: the JDK HTTP client would wrap a plain
     * X509TrustManager and check host names, which Portals do not have.
     */
    static final class PinnedTrustManager extends ExtendedTrustManager {
        private final PortalId expected;

        PinnedTrustManager(PortalId expected) {
            this.expected = expected;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the dialing side does not accept connections");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            requireId(chain, expected);
        }
    }
}
