package io.portal.console.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Over many random keys: every form a person may paste reads back to the same ID, and every typo is caught. */
class IdParserPropertyTest {
    private static final int KEYS = 500;
    private static final List<PortalId> IDS = new ArrayList<>();

    @BeforeAll
    static void generateKeys() {
        for (int i = 0; i < KEYS; i++) {
            IDS.add(Identity.of(Ed25519Keys.generate()).id());
        }
    }

    @Test
    void everyTextFormParsesBackToTheSameId() {
        Random random = new Random(1);
        for (PortalId id : IDS) {
            String canonical = id.canonical();
            List<String> forms = List.of(
                    canonical,
                    id.display(),
                    canonical.toLowerCase(Locale.ROOT),
                    id.display().toLowerCase(Locale.ROOT),
                    "  " + spaced(canonical, random) + "\n",
                    id.display().replace('-', '\n'),
                    "portal:" + canonical,
                    "PORTAL:" + id.display(),
                    "portal://" + canonical.toLowerCase(Locale.ROOT) + "?name=x");
            for (String form : forms) {
                assertThat(IdParser.parse(form))
                        .as("parsing %s", form)
                        .isInstanceOfSatisfying(IdParser.Valid.class, valid -> assertThat(valid.id()).isEqualTo(id));
            }
        }
    }

    @Test
    void lookAlikeDigitsAreReadAsTheirLetters() {
        int substituted = 0;
        for (PortalId id : IDS) {
            String canonical = id.canonical();
            String typed = canonical.replace('O', '0').replace('I', '1').replace('B', '8');
            substituted += typed.equals(canonical) ? 0 : 1;
            assertThat(IdParser.parse(typed)).as("parsing %s", typed)
                    .isInstanceOfSatisfying(IdParser.Valid.class, valid -> assertThat(valid.id()).isEqualTo(id));
        }
        assertThat(substituted).as("IDs that contain O, I or B").isGreaterThan(KEYS / 2);
    }

    @Test
    void everySingleCharacterSubstitutionIsDetected() {
        String replacements = Base32.ALPHABET + "0189@";
        long checked = 0;
        for (PortalId id : IDS) {
            String canonical = id.canonical();
            for (int i = 0; i < canonical.length(); i++) {
                char original = canonical.charAt(i);
                for (char replacement : replacements.toCharArray()) {
                    if (sameLetter(replacement, original)) {
                        continue;
                    }
                    String typo = canonical.substring(0, i) + replacement + canonical.substring(i + 1);
                    IdParser.Result result = IdParser.parse(typo);
                    assertThat(result).as("parsing %s", typo).isInstanceOf(IdParser.Invalid.class);
                    IdParser.Invalid invalid = (IdParser.Invalid) result;
                    if (replacement == '9' || replacement == '@') {
                        assertThat(invalid.problem()).isEqualTo(IdParser.Problem.INVALID_CHARACTER);
                        assertThat(invalid.position()).isEqualTo(i + 1);
                    } else {
                        assertThat(invalid.problem()).as("parsing %s", typo).isEqualTo(IdParser.Problem.CHECK_CHARACTER);
                        assertThat(invalid.group()).as("parsing %s", typo).isEqualTo(i / PortalId.GROUP_LENGTH + 1);
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan((long) KEYS * PortalId.LENGTH * 31);
    }

    private static boolean sameLetter(char typed, char letter) {
        return typed == letter || (typed == '0' && letter == 'O') || (typed == '1' && letter == 'I')
                || (typed == '8' && letter == 'B');
    }

    private static String spaced(String text, Random random) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c);
            switch (random.nextInt(6)) {
                case 0 -> out.append(' ');
                case 1 -> out.append("\r\n");
                case 2 -> out.append('\t');
                default -> { }
            }
        }
        return out.toString();
    }
}
