package io.portal.console.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class Ed25519KeysTest {
    private static final Random RANDOM = new Random(8032);

    @RepeatedTest(20)
    void thePublicKeyFromTheJdkIsTheOneBouncyCastleDerives() throws Exception {
        byte[] seed = new byte[32];
        RANDOM.nextBytes(seed);

        assertThat(Ed25519Keys.publicKeyOf(seed).getEncoded())
                .isEqualTo(Ed25519Keys.publicKeyWithBouncyCastle(seed).getEncoded());
    }

    @Test
    void aRestoredKeyPairSignsWhatItsPublicKeyVerifies() throws Exception {
        KeyPair generated = Ed25519Keys.generate();

        KeyPair restored = Ed25519Keys.fromPkcs8(generated.getPrivate().getEncoded());

        assertThat(restored.getPublic().getEncoded()).isEqualTo(generated.getPublic().getEncoded());
        assertThat(((EdECPrivateKey) restored.getPrivate()).getBytes())
                .contains(((EdECPrivateKey) generated.getPrivate()).getBytes().orElseThrow());
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(restored.getPrivate());
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(generated.getPublic());
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void aSecretOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> Ed25519Keys.publicKeyOf(new byte[31])).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("32");
    }
}
