package io.portal.console.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AppTokensTest {
    @Test
    void tokensAreUrlSafeAndCarryAtLeast256Bits() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String token = AppTokens.generate();
            assertThat(token).startsWith("ptk_").matches("ptk_[A-Za-z0-9_-]+");
            assertThat(Base64.getUrlDecoder().decode(token.substring(4))).hasSizeGreaterThanOrEqualTo(32);
            assertThat(seen.add(token)).isTrue();
        }
    }

    @Test
    void hashIsSha256Hex() {
        assertThat(AppTokens.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        String token = AppTokens.generate();
        assertThat(AppTokens.hash(token)).hasSize(64).isEqualTo(AppTokens.hash(token)).doesNotContain(token);
    }
}
