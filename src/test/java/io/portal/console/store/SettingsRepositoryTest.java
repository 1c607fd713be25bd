package io.portal.console.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsRepositoryTest {
    @TempDir
    Path dir;

    @Test
    void storesReplacesAndReadsValuesAcrossReopening() {
        Path file = dir.resolve("portal.db");
        try (Database database = Database.open(file)) {
            SettingsRepository settings = new SettingsRepository(database);
            assertThat(settings.get(SettingsRepository.PORTAL_NAME)).isEmpty();

            settings.put(SettingsRepository.PORTAL_NAME, "First");
            settings.put(SettingsRepository.PORTAL_NAME, "Zoë's Portal \uD83D\uDE80");
            settings.put("other", "");

            assertThat(settings.get(SettingsRepository.PORTAL_NAME)).contains("Zoë's Portal \uD83D\uDE80");
        }
        try (Database database = Database.open(file)) {
            SettingsRepository settings = new SettingsRepository(database);
            assertThat(settings.get(SettingsRepository.PORTAL_NAME)).contains("Zoë's Portal \uD83D\uDE80");
            assertThat(settings.get("other")).contains("");
            assertThat(settings.get("missing")).isEmpty();
        }
    }
}
