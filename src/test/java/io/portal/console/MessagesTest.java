package io.portal.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import org.junit.jupiter.api.Test;

class MessagesTest {
    @Test
    void everyMessageFormatsWithoutLeftoverPlaceholdersOrLostQuotes() {
        for (String key : Collections.list(Messages.bundle().getKeys())) {
            String pattern = Messages.bundle().getString(key);
            for (Object[] arguments : new Object[][] {{}, {"A", "B", "C", "D"}}) {
                String text = Messages.get(key, arguments);
                if (arguments.length > 0) {
                    assertThat(text).as("%s formatted", key).doesNotContain("{");
                }
                assertThat(text).as("%s", key).doesNotContain("''");
                if (pattern.contains("'")) {
                    assertThat(text).as("%s keeps its apostrophes", key).contains("'");
                }
            }
        }
    }

    @Test
    void numbersArePrintedWithoutGrouping() {
        assertThat(Messages.get("id.error.length", 12345, 56)).isEqualTo(
                "Wrong length: found 12345 characters, a Portal ID has 56.");
    }
}
