package io.portal.console.identity;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Ed25519 keys as the JDK holds them. The JDK has no call that derives the public key from a stored private one,
 * but its key pair generator does exactly that with the 32 bytes its random source gives it (RFC 8032, 5.1.5):
 * handing it the stored secret spares loading BouncyCastle at every start.
 */
public final class Ed25519Keys {
    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the 32-byte raw key follows. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final int SEED_LENGTH = 32;

    private Ed25519Keys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no Ed25519", e);
        }
    }

    /** Rebuilds the key pair from a PKCS#8 encoded private key. */
    public static KeyPair fromPkcs8(byte[] pkcs8) throws GeneralSecurityException {
        PrivateKey privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        byte[] seed = ((EdECPrivateKey) privateKey).getBytes()
                .orElseThrow(() -> new GeneralSecurityException("the private key carries no key bytes"));
        return new KeyPair(publicKeyOf(seed), privateKey);
    }

    /** Builds the key pair from a raw 32-byte Ed25519 secret key (RFC 8032). */
    public static KeyPair fromSeed(byte[] seed) throws GeneralSecurityException {
        byte[] pkcs8 = new byte[16 + 32];
        System.arraycopy(HexFormat.of().parseHex("302e020100300506032b657004220420"), 0, pkcs8, 0, 16);
        System.arraycopy(seed, 0, pkcs8, 16, 32);
        return fromPkcs8(pkcs8);
    }

    static PublicKey publicKeyOf(byte[] seed) throws GeneralSecurityException {
        if (seed.length != SEED_LENGTH) {
            throw new GeneralSecurityException("an Ed25519 private key has 32 bytes, not " + seed.length);
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
        try {
            KeyPair derived = generator.generateKeyPair();
            byte[] drawn = ((EdECPrivateKey) derived.getPrivate()).getBytes().orElse(null);
            if (Arrays.equals(drawn, seed)) {
                return derived.getPublic();
            }
        } catch (IllegalStateException drewDifferently) {
            // Falls through to the long way below.
        }
        // A provider that draws its secret differently gives another key: compute this one the long way.
        return publicKeyWithBouncyCastle(seed);
    }

    static PublicKey publicKeyWithBouncyCastle(byte[] seed) throws GeneralSecurityException {
        byte[] raw = new org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters(seed, 0).generatePublicKey()
                .getEncoded();
        byte[] spki = new byte[SPKI_PREFIX.length + raw.length];
        System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, raw.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }

    /** A "random" source that gives back the one secret it holds, once. */
    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;

        FixedRandom(byte[] secret) {
            super(new Spi(secret), null);
        }

        private static final class Spi extends SecureRandomSpi {
            private static final long serialVersionUID = 1L;
            private final byte[] secret;
            private boolean used;

            Spi(byte[] secret) {
                this.secret = secret.clone();
            }

            @Override
            protected void engineSetSeed(byte[] seed) {
                // The secret is given; nothing to mix in.
            }

            @Override
            protected synchronized void engineNextBytes(byte[] bytes) {
                if (used || bytes.length != secret.length) {
                    // Asked for something else than the one secret: refuse rather than give predictable bytes.
                    throw new IllegalStateException("a fixed Ed25519 secret can only be drawn once, whole");
                }
                used = true;
                System.arraycopy(secret, 0, bytes, 0, bytes.length);
            }

            @Override
            protected byte[] engineGenerateSeed(int numBytes) {
                throw new UnsupportedOperationException("a fixed secret generates no seed");
            }
        }
    }
}
