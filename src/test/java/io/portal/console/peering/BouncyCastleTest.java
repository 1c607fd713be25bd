package io.portal.console.peering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portal.console.identity.Ed25519Keys;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BouncyCastleTest {
    private static final Instant NOW = Instant.parse("2026-11-29T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void withoutBouncyCastleOnTheClassPathItComesFromItsJars() throws Exception {
        ClassLoader app = new WithoutBouncyCastle(BouncyCastleTest.class.getClassLoader());
        assertThat(app.getResource("org/bouncycastle/cert/X509v3CertificateBuilder.class")).isNull();

        CertificateBuilder builder = BouncyCastle.load(app, bouncyCastleJars());

        ClassLoader own = builder.getClass().getClassLoader();
        assertThat(own).isNotSameAs(app).isNotSameAs(BouncyCastleTest.class.getClassLoader());
        assertThat(own.loadClass("org.bouncycastle.asn1.x500.X500Name").getClassLoader()).isSameAs(own);
        assertSignsAndWritesPem(builder);
    }

    @Test
    void withBouncyCastleOnTheClassPathThatOneIsUsed() throws Exception {
        CertificateBuilder builder = BouncyCastle.load(BouncyCastleTest.class.getClassLoader(), List.of());

        assertThat(builder.getClass()).isSameAs(BouncyCastleCertificates.class);
        assertSignsAndWritesPem(builder);
    }

    @Test
    void withoutItsJarsTheErrorSaysWhereItLooked() {
        ClassLoader app = new WithoutBouncyCastle(BouncyCastleTest.class.getClassLoader());

        assertThatThrownBy(() -> BouncyCastle.load(app, List.of(dir.resolve("lib/bcprov-x.jar"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("BouncyCastle is not available")
                .hasMessageContaining("bcprov-x.jar");
    }

    @Test
    void theJarsAreFoundInLibBesideTheConsolesJar() throws Exception {
        Path jar = Files.writeString(dir.resolve("portal-console.jar"), "");
        Path lib = Files.createDirectories(dir.resolve("lib"));
        for (String name : new String[] {"bcprov-jdk18on-1.83.jar", "bcpkix-jdk18on-1.83.jar",
                "bcutil-jdk18on-1.83.jar", "picocli-4.7.7.jar", "abc-1.jar"}) {
            Files.writeString(lib.resolve(name), "");
        }

        assertThat(BouncyCastle.jarsBeside(jar)).containsExactly(lib.resolve("bcpkix-jdk18on-1.83.jar"),
                lib.resolve("bcprov-jdk18on-1.83.jar"), lib.resolve("bcutil-jdk18on-1.83.jar"));
        assertThat(BouncyCastle.jarsBeside(dir.resolve("classes"))).isEmpty();
    }

    private static void assertSignsAndWritesPem(CertificateBuilder builder) throws Exception {
        KeyPair keys = Ed25519Keys.generate();

        X509Certificate certificate = builder.selfSigned("CN=Portal test", BigInteger.TEN, NOW, NOW.plusSeconds(60),
                keys);

        certificate.verify(keys.getPublic());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=Portal test");
        assertThat(certificate.getSerialNumber()).isEqualTo(BigInteger.TEN);
        assertThat(certificate.getPublicKey().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        assertThat(PeerCertificate.parse(builder.pem(certificate))).isEqualTo(certificate);
    }

    /** The jars the test class path has BouncyCastle from: bcprov, bcpkix, bcutil. */
    private static List<Path> bouncyCastleJars() throws URISyntaxException {
        return Stream.of(org.bouncycastle.asn1.x500.X500Name.class, org.bouncycastle.cert.X509v3CertificateBuilder.class,
                        org.bouncycastle.asn1.cms.ContentInfo.class)
                .map(type -> location(type)).distinct().toList();
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test class path, as the console's jar sees it: everything but BouncyCastle. */
    private static final class WithoutBouncyCastle extends ClassLoader {
        WithoutBouncyCastle(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.bouncycastle.")) {
                throw new ClassNotFoundException(name);
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            return name.startsWith("org/bouncycastle/") ? null : super.getResource(name);
        }
    }
}
