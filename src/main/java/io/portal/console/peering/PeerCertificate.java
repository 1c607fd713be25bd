package io.portal.console.peering;

import io.portal.console.identity.Identity;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.logging.Logger;

/**
 * The self-signed certificate this Portal presents on the peer protocol. It only carries the identity key: peers
 * derive the ID from its SubjectPublicKeyInfo, nothing else in it is trusted. Kept as {@code peer-cert.pem} in the
 * data folder and rebuilt when it is missing, unreadable, expiring, or made for another key.
 */
public final class PeerCertificate {
    public static final String FILE_NAME = "peer-cert.pem";
    static final Duration VALIDITY = Duration.ofDays(3650);
    /** Rebuilt this long before it expires, so a running service never presents an expired one. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final Logger LOG = Logger.getLogger(PeerCertificate.class.getName());

    private PeerCertificate() {
    }

    public static X509Certificate loadOrCreate(Path dataDirectory, Identity identity, Instant now) {
        Path file = dataDirectory.resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            try {
                X509Certificate existing = read(file);
                if (usable(existing, identity, now)) {
                    return existing;
                }
                LOG.info("peer certificate " + file + " is expiring or made for another key; building a new one");
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                LOG.warning("peer certificate " + file + " is unreadable (" + e.getMessage() + "); building a new one");
            }
        }
        X509Certificate created = create(identity, now);
        write(file, created);
        return created;
    }

    static boolean usable(X509Certificate certificate, Identity identity, Instant now) {
        return Arrays.equals(certificate.getPublicKey().getEncoded(), identity.publicKey().getEncoded())
                && certificate.getNotBefore().toInstant().isBefore(now.plusSeconds(1))
                && certificate.getNotAfter().toInstant().isAfter(now.plus(RENEW_BEFORE));
    }

    public static X509Certificate create(Identity identity, Instant now) {
        BigInteger serial = new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE);
        try {
            // Back-dated a day so a peer whose clock is a little behind still accepts it.
            return BouncyCastle.certificates().selfSigned("CN=Portal " + identity.id().canonical(), serial,
                    now.minus(Duration.ofDays(1)), now.plus(VALIDITY), identity.keyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the peer certificate: " + e.getMessage(), e);
        }
    }

    private static X509Certificate read(Path file) throws IOException, GeneralSecurityException {
        try (var in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static void write(Path file, X509Certificate certificate) {
        String pem;
        try {
            pem = BouncyCastle.certificates().pem(certificate);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            Path temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
            Files.writeString(temporary, pem, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // The certificate is public and rebuilt on every start if need be; not being able to keep it is no reason to stop.
            LOG.warning("cannot write " + file + ": " + e.getMessage());
        }
    }

    static X509Certificate parse(String pem) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
