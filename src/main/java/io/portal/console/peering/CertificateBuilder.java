package io.portal.console.peering;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * What the peer certificate needs from BouncyCastle, in the JDK's own types only, so that its implementation
 * ({@link BouncyCastleCertificates}) may come from another class loader (see {@link BouncyCastle}).
 */
public interface CertificateBuilder {
    /** A certificate for the key pair's public key, signed with its private key, subject and issuer alike. */
    X509Certificate selfSigned(String subject, BigInteger serial, Instant notBefore, Instant notAfter, KeyPair keys)
            throws GeneralSecurityException;

    /** The certificate as PEM text. */
    String pem(X509Certificate certificate) throws IOException;
}
