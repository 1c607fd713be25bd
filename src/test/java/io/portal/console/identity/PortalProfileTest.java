package io.portal.console.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.portal.console.store.Database;
import io.portal.console.store.SettingsRepository;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PortalProfileTest {
    @TempDir
    Path dir;
    private Database database;
    private SettingsRepository settings;
    private PortalProfile profile;

    @BeforeEach
    void open() {
        database = Database.open(dir.resolve("portal.db"));
        settings = new SettingsRepository(database);
        profile = new PortalProfile(Identity.of(Ed25519Keys.generate()), settings);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theDefaultNameShowsTheShortId() {
        assertThat(profile.name()).isEqualTo("Portal " + profile.id().canonical().substring(0, 6));
    }

    @Test
    void aValidNameIsStrippedAndStored() {
        assertThat(profile.rename("  Alice's Portal ")).isEmpty();

        assertThat(profile.name()).isEqualTo("Alice's Portal");
        assertThat(settings.get(SettingsRepository.PORTAL_NAME)).contains("Alice's Portal");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n"})
    void anEmptyNameIsRefused(String name) {
        assertThat(profile.rename(name)).contains("The Portal's name cannot be empty.");
        assertThat(settings.get(SettingsRepository.PORTAL_NAME)).isEmpty();
    }

    @Test
    void aNullNameIsRefused() {
        assertThat(PortalProfile.validateName(null)).contains("The Portal's name cannot be empty.");
    }

    @Test
    void sixtyFourCharactersAreAllowedAndSixtyFiveAreNot() {
        assertThat(PortalProfile.validateName("a".repeat(64))).isEmpty();
        // Counted in characters a person sees, not in UTF-16 units.
        assertThat(PortalProfile.validateName("\uD83D\uDE80".repeat(64))).isEmpty();

        assertThat(PortalProfile.validateName("a".repeat(65)))
                .contains("The Portal's name is too long (65 characters; at most 64).");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Alice\nBob", "Alice\tBob", "Alice\u0007"})
    void controlCharactersInsideTheNameAreRefused(String name) {
        assertThat(profile.rename(name)).contains("The Portal's name cannot contain line breaks or control characters.");
        assertThat(profile.name()).isEqualTo(profile.defaultName());
    }
}
