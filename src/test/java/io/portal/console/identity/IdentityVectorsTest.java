package io.portal.console.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.interfaces.EdECPublicKey;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 8032 keys and the Portal IDs they must give. The expected values were computed outside this code base
 * (Python hashlib + base64.b32encode + the Luhn mod 32 of docs/identity.md).
 */
class IdentityVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest(name = "RFC 8032 test {0}")
    @CsvSource({
        "1, 9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60,"
                + " 302a300506032b6570032100d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a,"
                + " 06e3fd8fda29bb60ab59557de61edb0aecdb231134be30e75b455f8e1b792fa9,"
                + " A3R73D62FG5WBJK2ZKV66MHW3BLQWNWIYRGS7DBZ2R3IVPY4G3ZF6UQ2,"
                + " A3R73D6-2FG5WBJ-K2ZKV66-MHW3BLQ-WNWIYRG-S7DBZ2R-3IVPY4G-3ZF6UQ2, A3R73D",
        "2, 4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb,"
                + " 302a300506032b65700321003d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c,"
                + " deb2ded39dc26fce0e6085b6fc34bf6b5941913bbfe2ea614113cff9e004c170,"
                + " 32ZN5U45YJX44KDTAQW3PYNF7NNLMUDEJ3X7ROUYKOBCPH7TYAEYFYAV,"
                + " 32ZN5U4-5YJX44K-DTAQW3P-YNF7NNL-MUDEJ3X-7ROUYKO-BCPH7TY-AEYFYAV, 32ZN5U",
    })
    void rfc8032KeyGivesTheIndependentlyComputedId(int test, String secretHex, String spkiHex, String sha256Hex,
            String canonical, String display, String shortId) throws Exception {
        KeyPair keys = Ed25519Keys.fromSeed(HEX.parseHex(secretHex));
        byte[] spki = keys.getPublic().getEncoded();

        assertThat(keys.getPublic()).isInstanceOf(EdECPublicKey.class);
        assertThat(HEX.formatHex(spki)).isEqualTo(spkiHex);
        assertThat(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(spki))).isEqualTo(sha256Hex);

        PortalId id = Identity.of(keys).id();
        assertThat(id.hex()).isEqualTo(sha256Hex);
        assertThat(id.canonical()).isEqualTo(canonical);
        assertThat(id.display()).isEqualTo(display);
        assertThat(id.shortId()).isEqualTo(shortId);
        assertThat(PortalId.ofCanonical(canonical)).isEqualTo(id);
    }

    @ParameterizedTest
    @CsvSource({
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
    })
    void aKeyRestoredFromItsPkcs8EncodingHasTheSameId(String secretHex) throws Exception {
        KeyPair keys = Ed25519Keys.fromSeed(HEX.parseHex(secretHex));

        KeyPair restored = Ed25519Keys.fromPkcs8(keys.getPrivate().getEncoded());

        assertThat(Identity.of(restored).id()).isEqualTo(Identity.of(keys).id());
    }
}
