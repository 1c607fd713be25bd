package io.portal.console.ui.home;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import io.portal.console.app.ConsoleApplication;
import io.portal.console.app.DataDirectory;
import io.portal.console.app.PortalConsole;
import io.portal.console.identity.IdentityStore;
import io.portal.console.store.Changes;
import io.portal.console.store.SettingsRepository;
import io.portal.console.testing.QrDecoding;
import io.portal.console.ui.common.BackgroundExecutor;
import io.portal.console.ui.common.FileDialogs;
import io.portal.console.ui.common.FxBackgroundExecutor;
import io.portal.console.ui.common.FxClipboard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Callable;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The home screen as its owner uses it: a real console on a temporary data folder, clicked through headless. */
@ExtendWith(ApplicationExtension.class)
class HomeViewTest {
    private Path dataDir;
    private PortalConsole console;
    private FxBackgroundExecutor executor;
    private HomeView view;
    private final List<Path> saveAnswers = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        dataDir = Files.createTempDirectory("home-view-test");
        console = PortalConsole.open(new DataDirectory(dataDir)).startWatching(Duration.ofMillis(100));
        executor = new FxBackgroundExecutor();
        HomeViewModel model = new HomeViewModel(console.profile(), console.watcher(), executor, new FxClipboard(),
                new IdentityStore(dataDir).file());
        view = new HomeView(model, FileDialogs.answering(saveAnswers, new ArrayList<>()));
        Scene scene = new Scene(view.root(), ConsoleApplication.WIDTH, ConsoleApplication.HEIGHT);
        scene.getStylesheets().add(ConsoleApplication.stylesheet());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> view.close()).get(5, TimeUnit.SECONDS);
        executor.close();
        console.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void showsTheShortId(FxRobot robot) {
        String canonical = console.identity().id().canonical();

        assertThat(robot.lookup("#shortId").queryAs(Label.class).getText()).isEqualTo(canonical.substring(0, 6));
        assertThat(robot.lookup("#fullId").queryAs(TextField.class).getText()).isEqualTo(console.identity().id().display());
    }

    @Test
    void theQrCodeOnScreenDecodesToTheCanonicalId(FxRobot robot) throws Exception {
        ImageView qr = robot.lookup("#qrImage").queryAs(ImageView.class);

        String fromSnapshot = QrDecoding.decode(onFx(() -> qr.snapshot(null, null)));

        assertThat(fromSnapshot).isEqualTo(console.identity().id().canonical());
        assertThat(QrDecoding.decode(qr.getImage())).isEqualTo(console.identity().id().canonical());
    }

    @Test
    void copyPutsTheCanonicalIdOnTheSystemClipboard(FxRobot robot) throws Exception {
        robot.clickOn("#copyId");

        assertThat(onFx(() -> Clipboard.getSystemClipboard().getString()))
                .isEqualTo(console.identity().id().canonical());
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).isEqualTo("Full ID copied to the clipboard.");
    }

    @Test
    void aNameGivenInTheUiSurvivesARestart(FxRobot robot) throws Exception {
        robot.clickOn("#renamePortal");
        robot.write("Home server");
        robot.type(KeyCode.ENTER);

        waitUntil(() -> console.settings().get(SettingsRepository.PORTAL_NAME).equals(Optional.of("Home server")));
        waitUntil(() -> robot.lookup("#status").queryAs(Label.class).getText().equals("Name saved."));
        assertThat(robot.lookup("#portalName").queryAs(Label.class).getText()).isEqualTo("Home server");
        assertThat(robot.lookup("#nameField").tryQuery()).isEmpty();

        WaitForAsyncUtils.asyncFx(() -> view.close()).get(5, TimeUnit.SECONDS);
        console.close();
        console = PortalConsole.open(new DataDirectory(dataDir)).startWatching(Duration.ofMillis(100));
        try (HomeViewModel reopened = new HomeViewModel(console.profile(), Changes.NONE, BackgroundExecutor.DIRECT,
                text -> { }, new IdentityStore(dataDir).file())) {
            assertThat(reopened.nameProperty().get()).isEqualTo("Home server");
        }
    }

    @Test
    void anEmptyNameShowsAnErrorAndKeepsTheOldName(FxRobot robot) throws Exception {
        String before = robot.lookup("#portalName").queryAs(Label.class).getText();

        robot.clickOn("#renamePortal");
        robot.type(KeyCode.BACK_SPACE);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        Label error = robot.lookup("#nameError").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).isEqualTo("The Portal's name cannot be empty.");
        assertThat(robot.lookup("#nameField").queryAs(TextField.class).isVisible()).isTrue();
        assertThat(console.profile().name()).isEqualTo(before);
        assertThat(console.settings().get(SettingsRepository.PORTAL_NAME)).isEmpty();

        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#portalName").queryAs(Label.class).getText()).isEqualTo(before);
        assertThat(error.isVisible()).isFalse();
    }

    @Test
    void hoveringTheNameOrItsEditButtonShowsHowToRename(FxRobot robot) throws Exception {
        for (String id : new String[] {"#renamePortal", "#portalName"}) {
            javafx.scene.control.Control control = robot.lookup(id).queryAs(javafx.scene.control.Control.class);
            assertThat(control.getAccessibleHelp()).isEqualTo("Rename");

            robot.moveTo(control);
            robot.moveBy(2, 1);

            waitUntil(() -> control.getTooltip() != null && control.getTooltip().isShowing());
            assertThat(control.getTooltip().getText()).isEqualTo(control.getAccessibleHelp());
            robot.moveTo("#shortId");
            waitUntil(() -> !control.getTooltip().isShowing());
        }
    }

    @Test
    void saveQrWritesADecodablePng(FxRobot robot) throws Exception {
        Path png = dataDir.resolve("saved-qr.png");
        saveAnswers.add(png);

        robot.clickOn("#saveQr");

        waitUntil(() -> robot.lookup("#status").queryAs(Label.class).getText().equals("QR code saved to " + png));
        assertThat(QrDecoding.decode(png)).isEqualTo(console.identity().id().canonical());
    }

    @Test
    void aNameChangedThroughAnotherDoorShowsWithoutARestart(FxRobot robot) throws Exception {
        try (PortalConsole cli = PortalConsole.open(new DataDirectory(dataDir))) {
            cli.profile().rename("Renamed from the CLI");
        }

        waitUntil(() -> robot.lookup("#portalName").queryAs(Label.class).getText().equals("Renamed from the CLI"));
    }

    @Test
    void atTheSmallestWindowSizeNothingIsCutOff(FxRobot robot) throws Exception {
        // The home screen's share of a minimum-size window (the navigation takes about 220 px).
        onFx(() -> {
            Stage stage = (Stage) view.root().getScene().getWindow();
            stage.setWidth(ConsoleApplication.MIN_WIDTH - 230);
            stage.setHeight(ConsoleApplication.MIN_HEIGHT);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#renamePortal");
        robot.write("A rather long name for a small server in the hall");
        WaitForAsyncUtils.waitForFxEvents();

        javafx.geometry.Bounds window = view.root().getLayoutBounds();
        for (String id : new String[] {"#fullId", "#qrImage", "#copyId", "#saveQr", "#nameField", "#shortId"}) {
            javafx.scene.Node node = robot.lookup(id).query();
            javafx.geometry.Bounds bounds = onFx(() -> view.root().sceneToLocal(node.localToScene(node.getLayoutBounds())));
            assertThat(window.contains(bounds)).as("%s at %s inside %s", id, bounds, window).isTrue();
        }
        TextField fullId = robot.lookup("#fullId").queryAs(TextField.class);
        assertThat(fullId.getWidth()).as("room for all 63 characters").isGreaterThanOrEqualTo(fullId.prefWidth(-1));

        robot.type(KeyCode.ENTER);
        javafx.scene.Node name = robot.lookup("#portalName").query();
        waitUntil(() -> window.contains(view.root().sceneToLocal(name.localToScene(name.getLayoutBounds()))));
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(5, TimeUnit.SECONDS);
    }

    private static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, condition);
    }
}
