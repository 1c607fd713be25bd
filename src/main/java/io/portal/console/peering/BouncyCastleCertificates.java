package io.portal.console.peering;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The peer certificate made with BouncyCastle (no provider registered: the JDK signs). Uses nothing of the console
 * but the public {@link CertificateBuilder}, as it may be defined by a class loader of its own.
 */
public final class BouncyCastleCertificates implements CertificateBuilder {
    @Override
    public X509Certificate selfSigned(String subject, BigInteger serial, Instant notBefore, Instant notAfter,
            KeyPair keys) throws GeneralSecurityException {
        X500Name name = new X500Name(subject);
        try {
            var builder = new JcaX509v3CertificateBuilder(name, serial, Date.from(notBefore), Date.from(notAfter), name,
                    keys.getPublic());
            var signer = new JcaContentSignerBuilder("Ed25519").build(keys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }

    @Override
    public String pem(X509Certificate certificate) throws IOException {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(certificate);
        }
        return pem.toString();
    }
}
