package io.portal.console.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base32Test {
    /** RFC 4648 section 10, with the padding removed. */
    @ParameterizedTest
    @CsvSource(value = {
        "'', ''",
        "f, MY",
        "fo, MZXQ",
        "foo, MZXW6",
        "foob, MZXW6YQ",
        "fooba, MZXW6YTB",
        "foobar, MZXW6YTBOI",
    })
    void encodesAndDecodesTheRfc4648Vectors(String plain, String encoded) {
        byte[] bytes = plain.getBytes(StandardCharsets.US_ASCII);

        assertThat(Base32.encode(bytes)).isEqualTo(encoded);
        assertThat(Base32.decode(encoded)).isEqualTo(bytes);
    }

    @Test
    void refusesCharactersOutsideTheAlphabet() {
        assertThatIllegalArgumentException().isThrownBy(() -> Base32.decode("MZXW1")).withMessageContaining("1");
        assertThatIllegalArgumentException().isThrownBy(() -> Base32.decode("mzxw6"));
    }

    @Test
    void refusesNonZeroTrailingBits() {
        // "MZ" carries 10 bits for one byte; "Z" leaves the two unused bits set.
        assertThatIllegalArgumentException().isThrownBy(() -> Base32.decode("MZ")).withMessageContaining("trailing");
    }
}
