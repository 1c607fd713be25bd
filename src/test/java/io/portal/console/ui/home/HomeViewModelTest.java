package io.portal.console.ui.home;

import static org.assertj.core.api.Assertions.assertThat;

import io.portal.console.identity.Ed25519Keys;
import io.portal.console.identity.Identity;
import io.portal.console.identity.PortalProfile;
import io.portal.console.store.Changes;
import io.portal.console.store.Database;
import io.portal.console.store.SettingsRepository;
import io.portal.console.testing.QrDecoding;
import io.portal.console.ui.common.BackgroundExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeViewModelTest {
    @TempDir
    Path dir;
    private Database database;
    private SettingsRepository settings;
    private PortalProfile profile;
    private final FakeChanges changes = new FakeChanges();
    private final List<String> clipboard = new ArrayList<>();
    private HomeViewModel model;

    @BeforeEach
    void setUp() {
        database = Database.open(dir.resolve("portal.db"));
        settings = new SettingsRepository(database);
        profile = new PortalProfile(Identity.of(Ed25519Keys.generate()), settings);
        model = new HomeViewModel(profile, changes, BackgroundExecutor.DIRECT, clipboard::add, dir.resolve("identity.pem"));
    }

    @AfterEach
    void tearDown() throws Exception {
        model.close();
        database.close();
    }

    @Test
    void showsTheIdAndTheDefaultName() {
        assertThat(model.shortId()).isEqualTo(profile.id().canonical().substring(0, 6));
        assertThat(model.displayId()).hasSize(63).isEqualTo(profile.id().display());
        assertThat(model.nameProperty().get()).isEqualTo("Portal " + model.shortId());
        assertThat(model.statusProperty().get()).contains(dir.resolve("identity.pem").toString());
        assertThat(model.suggestedQrFileName()).isEqualTo("portal-" + model.shortId() + ".png");
    }

    @Test
    void copyPutsTheCanonicalIdOnTheClipboard() {
        model.copyIdCommand().execute();

        assertThat(clipboard).containsExactly(profile.id().canonical());
        assertThat(model.statusProperty().get()).isEqualTo("Full ID copied to the clipboard.");
    }

    @Test
    void aValidNameIsSaved() {
        assertThat(model.rename("  Alice's Portal ")).isTrue();

        assertThat(model.nameProperty().get()).isEqualTo("Alice's Portal");
        assertThat(model.nameErrorProperty().get()).isEmpty();
        assertThat(settings.get(SettingsRepository.PORTAL_NAME)).contains("Alice's Portal");
        assertThat(model.statusProperty().get()).isEqualTo("Name saved.");
    }

    @Test
    void anInvalidNameIsRefusedAndNothingChanges() {
        model.rename("Before");

        assertThat(model.rename("   ")).isFalse();

        assertThat(model.nameErrorProperty().get()).isEqualTo("The Portal's name cannot be empty.");
        assertThat(model.nameProperty().get()).isEqualTo("Before");
        assertThat(settings.get(SettingsRepository.PORTAL_NAME)).contains("Before");

        model.cancelRename();
        assertThat(model.nameErrorProperty().get()).isEmpty();
    }

    @Test
    void anUnchangedNameIsNotWritten() {
        String before = model.statusProperty().get();

        assertThat(model.rename(" " + model.nameProperty().get() + " ")).isTrue();

        assertThat(settings.get(SettingsRepository.PORTAL_NAME)).as("the default name stays a default").isEmpty();
        assertThat(model.statusProperty().get()).isEqualTo(before);
    }

    @Test
    void saveQrWritesAPngThatDecodesToTheCanonicalId() throws Exception {
        Path png = dir.resolve("qr.png");

        model.saveQr(png);

        assertThat(QrDecoding.decode(png)).isEqualTo(profile.id().canonical());
        assertThat(model.statusProperty().get()).isEqualTo("QR code saved to " + png);
    }

    @Test
    void aFailedSaveIsReported() throws Exception {
        Path notAFolder = Files.createFile(dir.resolve("file"));

        model.saveQr(notAFolder.resolve("qr.png"));

        assertThat(model.statusProperty().get()).startsWith("Could not save the QR code:");
    }

    @Test
    void aChangeNotificationReloadsTheName() {
        settings.put(SettingsRepository.PORTAL_NAME, "Renamed elsewhere");
        assertThat(model.nameProperty().get()).isNotEqualTo("Renamed elsewhere");

        changes.fire();

        assertThat(model.nameProperty().get()).isEqualTo("Renamed elsewhere");
    }

    @Test
    void closingUnsubscribes() throws Exception {
        assertThat(changes.listeners).hasSize(1);

        model.close();

        assertThat(changes.listeners).isEmpty();
    }

    /** Changes that fire when the test says so. */
    private static final class FakeChanges implements Changes {
        final List<Runnable> listeners = new ArrayList<>();

        @Override
        public AutoCloseable subscribe(Runnable listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        void fire() {
            List.copyOf(listeners).forEach(Runnable::run);
        }
    }
}
