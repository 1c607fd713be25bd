package io.portal.console.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values computed by hand and with the Python reference in docs/identity.md. */
class CheckCharacterTest {
    @ParameterizedTest
    @CsvSource({
        "AAAAAAAAAAAAA, A",
        "BAAAAAAAAAAAA, 7",
        "ABAAAAAAAAAAA, 6",
        "A7AAAAAAAAAAA, B",
        "7777777777777, N",
        "ABCDEFGHIJKLM, O",
        "A3R73D62FG5WB, J",
        "K2ZKV66MHW3BL, Q",
        "WNWIYRGS7DBZ2, R",
        "3IVPY4G3ZF6UQ, 2",
    })
    void knownValues(String group, char expected) {
        assertThat(CheckCharacter.of(group)).isEqualTo(expected);
    }

    @Test
    void refusesCharactersOutsideTheAlphabet() {
        assertThatIllegalArgumentException().isThrownBy(() -> CheckCharacter.of("AAAA0AAAAAAAA"));
    }
}
