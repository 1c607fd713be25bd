package io.portal.console.peering;

import static org.assertj.core.api.Assertions.assertThat;

import io.portal.console.identity.Ed25519Keys;
import io.portal.console.identity.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerCertificateTest {
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    @TempDir
    Path dir;

    private final Identity identity = Identity.of(Ed25519Keys.generate());

    @Test
    void certificateCarriesTheIdentityKeySoItsIdIsThePortalId() throws Exception {
        X509Certificate certificate = PeerCertificate.loadOrCreate(dir, identity, NOW);
        assertThat(PeerTls.idOf(certificate)).isEqualTo(identity.id());
        assertThat(certificate.getSigAlgName()).isIn("Ed25519", "EdDSA");
        certificate.verify(identity.publicKey());
        assertThat(PeerTls.check(new X509Certificate[] {certificate})).isEqualTo(identity.id());
        assertThat(Files.readString(dir.resolve(PeerCertificate.FILE_NAME))).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void keptWhileValidRebuiltWhenExpiringForAnotherKeyOrDamaged() throws Exception {
        X509Certificate first = PeerCertificate.loadOrCreate(dir, identity, NOW);
        assertThat(PeerCertificate.loadOrCreate(dir, identity, NOW.plus(Duration.ofDays(100)))).isEqualTo(first);

        X509Certificate renewed = PeerCertificate.loadOrCreate(dir, identity, NOW.plus(Duration.ofDays(3630)));
        assertThat(renewed).isNotEqualTo(first);

        Identity other = Identity.of(Ed25519Keys.generate());
        assertThat(PeerTls.idOf(PeerCertificate.loadOrCreate(dir, other, NOW))).isEqualTo(other.id());

        Files.writeString(dir.resolve(PeerCertificate.FILE_NAME), "not a certificate");
        assertThat(PeerTls.idOf(PeerCertificate.loadOrCreate(dir, identity, NOW))).isEqualTo(identity.id());
    }

    @Test
    void pinnedTrustManagerRefusesAnyOtherPortal() {
        X509Certificate other = PeerCertificate.create(Identity.of(Ed25519Keys.generate()), Instant.now());
        PeerTls.PinnedTrustManager pinned = new PeerTls.PinnedTrustManager(identity.id());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pinned.checkServerTrusted(new X509Certificate[] {other}, "EdDSA"))
                .isInstanceOf(IdentityMismatchException.class).hasMessageContaining(identity.id().canonical());
    }
}
