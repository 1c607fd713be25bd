package io.portal.console.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each way an ID can be refused, and what the refusal tells the person who typed it. */
class IdParserTest {
    /** RFC 8032 test 1 (see IdentityVectorsTest). */
    private static final String ID = "A3R73D62FG5WBJK2ZKV66MHW3BLQWNWIYRGS7DBZ2R3IVPY4G3ZF6UQ2";
    private static final String DISPLAY = "A3R73D6-2FG5WBJ-K2ZKV66-MHW3BLQ-WNWIYRG-S7DBZ2R-3IVPY4G-3ZF6UQ2";

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\n\t", "portal:", "portal:?name=Alice", " - - "})
    void emptyInput(String input) {
        IdParser.Invalid invalid = invalid(IdParser.parse(input));

        assertThat(invalid.problem()).isEqualTo(IdParser.Problem.EMPTY);
        assertThat(invalid.message()).isEqualTo("No Portal ID entered.");
    }

    @Test
    void invalidCharacterSaysWhichAndWhere() {
        // The 10th ID character (dashes do not count) becomes '@'.
        String typo = DISPLAY.substring(0, 9) + "@" + DISPLAY.substring(10);

        IdParser.Invalid invalid = invalid(IdParser.parse(typo));

        assertThat(invalid.problem()).isEqualTo(IdParser.Problem.INVALID_CHARACTER);
        assertThat(invalid.position()).isEqualTo(9);
        assertThat(invalid.found()).isEqualTo(56);
        assertThat(invalid.message()).isEqualTo(
                "Invalid character '@' at position 9: Portal IDs use only the letters A to Z and the digits 2 to 7.");
    }

    @Test
    void invisibleInvalidCharactersAreNamedByCodePoint() {
        IdParser.Invalid invalid = invalid(IdParser.parse(ID.substring(0, 20) + "\u0000" + ID.substring(20)));

        assertThat(invalid.position()).isEqualTo(21);
        assertThat(invalid.message()).contains("'U+0000'");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 55, 57, 112})
    void wrongLengthSaysHowManyWereFound(int length) {
        String input = (ID + ID).substring(0, length);

        IdParser.Invalid invalid = invalid(IdParser.parse(input));

        assertThat(invalid.problem()).isEqualTo(IdParser.Problem.WRONG_LENGTH);
        assertThat(invalid.found()).isEqualTo(length);
        assertThat(invalid.message()).isEqualTo("Wrong length: found " + length + " characters, a Portal ID has 56.");
    }

    @Test
    void wrongCheckCharacterNamesTheGroupAndItsCharacters() {
        // Character 20 (in group 2), a '6', becomes 'N'.
        String typo = ID.substring(0, 19) + "N" + ID.substring(20);

        IdParser.Invalid invalid = invalid(IdParser.parse(typo));

        assertThat(invalid.problem()).isEqualTo(IdParser.Problem.CHECK_CHARACTER);
        assertThat(invalid.group()).isEqualTo(2);
        assertThat(invalid.message())
                .isEqualTo("Check character wrong in group 2: the typo is in characters 15 to 28.");
    }

    @Test
    void swappedNeighboursInTheLastGroupAreCaught() {
        String typo = ID.substring(0, 50) + ID.charAt(51) + ID.charAt(50) + ID.substring(52);

        IdParser.Invalid invalid = invalid(IdParser.parse(typo));

        assertThat(invalid.group()).isEqualTo(4);
        assertThat(invalid.message()).contains("characters 43 to 56");
    }

    @Test
    void nonZeroTrailingBitsAreNotACanonicalId() {
        // The last data character carries 1 bit of the hash and 4 zero bits; 'R' sets one of those.
        String group4 = ID.substring(42, 54).concat("R");
        String forged = ID.substring(0, 42) + group4 + CheckCharacter.of(group4);

        IdParser.Invalid invalid = invalid(IdParser.parse(forged));

        assertThat(invalid.problem()).isEqualTo(IdParser.Problem.NOT_CANONICAL);
        assertThat(invalid.message())
                .isEqualTo("This is not a Portal ID: its last group does not encode a valid key hash.");
    }

    @Test
    void uriKeepsTheNameAndEveryAddress() {
        IdParser.Result result = IdParser.parse("portal:" + ID + "?name=Alice%20B&addr=host:7461&addr=h2:1");

        assertThat(result).isInstanceOfSatisfying(IdParser.Valid.class, valid -> {
            assertThat(valid.id().canonical()).isEqualTo(ID);
            assertThat(valid.name()).contains("Alice B");
            assertThat(valid.addresses()).containsExactly("host:7461", "h2:1");
        });
    }

    @Test
    void plainIdHasNoNameAndNoAddresses() {
        IdParser.Valid valid = (IdParser.Valid) IdParser.parse(DISPLAY);

        assertThat(valid.name()).isEqualTo(Optional.empty());
        assertThat(valid.addresses()).isEmpty();
    }

    private static IdParser.Invalid invalid(IdParser.Result result) {
        assertThat(result).isInstanceOf(IdParser.Invalid.class);
        return (IdParser.Invalid) result;
    }
}
