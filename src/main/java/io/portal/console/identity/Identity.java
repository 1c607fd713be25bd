package io.portal.console.identity;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;

/** This Portal's key pair and the ID derived from it. */
public record Identity(PortalId id, KeyPair keyPair) {
    public static Identity of(KeyPair keyPair) {
        return new Identity(PortalId.ofPublicKey(keyPair.getPublic()), keyPair);
    }

    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }
}
