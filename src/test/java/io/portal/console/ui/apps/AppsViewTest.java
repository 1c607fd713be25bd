package io.portal.console.ui.apps;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import io.portal.console.app.ConsoleApplication;
import io.portal.console.app.DataDirectory;
import io.portal.console.app.PortalConsole;
import io.portal.console.apps.Registration;
import io.portal.console.apps.Sharing;
import io.portal.console.apps.SharingMode;
import io.portal.console.cli.Cli;
import io.portal.console.identity.PortalId;
import io.portal.console.store.Peer;
import io.portal.console.ui.common.FileDialogs;
import io.portal.console.ui.common.FxBackgroundExecutor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The flows an owner clicks through on the Apps & sharing screen, against a real database. */
@ExtendWith(ApplicationExtension.class)
class AppsViewTest {
    @TempDir
    static Path sharedDir;
    private static int run;

    private Path dir;
    private PortalConsole console;
    private FxBackgroundExecutor executor;
    private AppsView view;
    private Stage stage;
    private final List<Path> opens = new ArrayList<>();
    private final List<String> clipboard = new ArrayList<>();

    static PortalId id(int n) {
        return AppsViewModelTest.id(n);
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        dir = sharedDir.resolve("run-" + (++run));
        console = PortalConsole.open(new DataDirectory(dir)).startWatching(Duration.ofMillis(100));
        console.peers().add(Peer.added(id(1), "Alice", List.of(), Instant.EPOCH));
        console.peers().add(Peer.added(id(2), "Bob", List.of(), Instant.EPOCH));
        console.peers().add(Peer.added(id(3), "Carol", List.of(), Instant.EPOCH));
        executor = new FxBackgroundExecutor();
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        view = newView(console);
        Scene scene = new Scene(view.root(), 1100, 760);
        scene.getStylesheets().add(ConsoleApplication.stylesheet());
        stage.setScene(scene);
        stage.show();
    }

    private AppsView newView(PortalConsole on) {
        return new AppsView(new AppsViewModel(on.appRegistry(), on.peers(), on.watcher(), executor, clipboard::add),
                FileDialogs.answering(new ArrayList<>(), opens));
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            view.close();
            stage.hide();
        }).get();
        executor.close();
        console.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, condition);
    }

    private Sharing sharing(String app) {
        return console.appRegistry().find(app).orElseThrow().sharing();
    }

    private void register(String fixture) {
        assertThat(console.appRegistry().register(AppsViewModelTest.fixture(fixture), Optional.empty()))
                .isInstanceOf(Registration.Registered.class);
    }

    private void selectApp(FxRobot robot, String name) throws TimeoutException {
        waitUntil(() -> robot.lookup(".app-cell-name").queryAll().stream()
                .anyMatch(n -> ((Label) n).getText().equals(name)));
        // The list may be refreshed by the database watcher between finding a cell and clicking it: retry.
        for (int attempt = 0; ; attempt++) {
            WaitForAsyncUtils.waitForFxEvents();
            try {
                robot.clickOn((Node) robot.lookup(".app-cell-name").queryAll().stream()
                        .filter(n -> ((Label) n).getText().equals(name) && n.getScene() != null)
                        .findFirst().orElseThrow());
                waitUntil(() -> robot.lookup("#appName").queryAs(Label.class).getText().equals(name));
                return;
            } catch (RuntimeException | TimeoutException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private CheckBox peerCheckBox(FxRobot robot, String peerName) {
        return robot.lookup("#peerCheckList .check-box").queryAll().stream().map(CheckBox.class::cast)
                .filter(c -> c.getText().startsWith(peerName + " ")).findFirst().orElseThrow();
    }

    /** One app's tick in one peer's row of the matrix, as it is on screen. */
    private record Tick(SharingMatrixView.TickStrip strip, String app) {
        /** Whether the tick is drawn ticked (what the owner sees), and the row's model agrees. */
        boolean isTicked() throws Exception {
            return WaitForAsyncUtils.asyncFx(() -> {
                boolean drawn = strip.drawsTicked(app);
                assertThat(strip.isTicked(app)).as("model of the drawn tick " + app).isEqualTo(drawn);
                return drawn;
            }).get();
        }

        Point2D onScreen() {
            return strip.tickOnScreen(app);
        }
    }

    private Tick matrixCheckBox(FxRobot robot, String app, String peerName) {
        return robot.lookup(".tick-strip-cell").queryAll().stream()
                .map(n -> (TableCell<?, ?>) n)
                .filter(c -> !c.isEmpty() && c.getItem() instanceof MatrixRow row
                        && row.peer().name().equals(peerName))
                .map(c -> new Tick((SharingMatrixView.TickStrip) c.getGraphic(), app))
                .findFirst().orElseThrow();
    }

    @Test
    void addAppFromTheFileChooserShowsItsTokenOnce(FxRobot robot) throws Exception {
        opens.add(AppsViewModelTest.fixture("v1-paths.json"));
        robot.clickOn("#addApp");
        waitUntil(() -> robot.lookup("#tokenField").tryQuery().isPresent());
        String token = robot.lookup("#tokenField").queryAs(TextField.class).getText();
        assertThat(token).startsWith("ptk_");
        assertThat(robot.lookup("#tokenField").queryAs(TextField.class).isEditable()).isFalse();
        assertThat(console.appRegistry().authenticate(token)).isPresent();
        robot.clickOn("#copyToken");
        assertThat(clipboard).containsExactly(token);
        robot.clickOn("Done");
        waitUntil(() -> robot.lookup("#tokenField").tryQuery().isEmpty());
        assertThat(robot.lookup("#appName").queryAs(Label.class).getText()).isEqualTo("notes");
        assertThat(robot.lookup("#mode-none").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isTrue();
        assertThat(sharing("notes")).isEqualTo(Sharing.NONE);
        assertThat(robot.lookup("#noPeerPathWarning").queryAs(Label.class).isVisible()).isFalse();
    }

    @Test
    void anAppJsonWithoutPortAsksForTheUrl(FxRobot robot) throws Exception {
        opens.add(AppsViewModelTest.fixture("v3-entrypoints-no-port.json"));
        robot.clickOn("#addApp");
        waitUntil(() -> robot.lookup("#urlField").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#urlField").queryAs(TextField.class).setText("http://127.0.0.1:8000"));
        robot.clickOn("OK");
        waitUntil(() -> robot.lookup("#tokenField").tryQuery().isPresent());
        assertThat(console.appRegistry().find("wiki").orElseThrow().url()).hasToString("http://127.0.0.1:8000");
        robot.clickOn("Done");
        waitUntil(() -> robot.lookup("#noPeerPathWarning").queryAs(Label.class).isVisible());
        assertThat(robot.lookup("#noPeerPathWarning").queryAs(Label.class).getText())
                .contains("peers cannot reach this app, even if shared");
    }

    @Test
    void anInvalidManifestIsRefusedWithTheField(FxRobot robot) throws Exception {
        opens.add(AppsViewModelTest.fixture("invalid-header.json"));
        robot.clickOn("#addApp");
        waitUntil(() -> robot.lookup("#appsStatus").queryAs(Label.class).getText().contains("paths./x/.headers.X-User"));
        assertThat(console.appRegistry().list()).isEmpty();
    }

    @Test
    void switchModesAndTickPeers(FxRobot robot) throws Exception {
        register("v1-paths.json");
        register("v0-minimal.json");
        selectApp(robot, "notes");
        assertThat(robot.lookup("#selectedPeers").query().isVisible()).isFalse();
        assertThat(robot.lookup("#pathsTable").queryAs(TableView.class).getItems()).hasSize(3);

        robot.clickOn("#mode-all");
        waitUntil(() -> sharing("notes").equals(Sharing.ALL));

        robot.clickOn("#mode-selected");
        waitUntil(() -> sharing("notes").mode() == SharingMode.SELECTED);
        assertThat(robot.lookup("#selectedPeers").query().isVisible()).isTrue();
        robot.clickOn(peerCheckBox(robot, "Bob"));
        waitUntil(() -> sharing("notes").equals(Sharing.selected(Set.of(id(2)))));

        robot.clickOn("#peerSearch").write("car");
        waitUntil(() -> robot.lookup("#peerCheckList").queryAs(ListView.class).getItems().size() == 1);
        robot.clickOn(peerCheckBox(robot, "Carol"));
        waitUntil(() -> sharing("notes").equals(Sharing.selected(Set.of(id(2), id(3)))));

        robot.clickOn("#mode-none");
        waitUntil(() -> sharing("notes").equals(Sharing.NONE));

        selectApp(robot, "hello-world");
        assertThat(robot.lookup("#noPeerPathWarning").queryAs(Label.class).isVisible()).isTrue();
    }

    @Test
    void matrixTicksAndShowsCliChangesWithinTwoSeconds(FxRobot robot) throws Exception {
        register("v1-paths.json");
        register("v2-services.json");
        robot.clickOn("#showMatrix");
        waitUntil(() -> robot.lookup("#matrixTable").queryAs(TableView.class).getItems().size() == 3);
        robot.clickOn(matrixCheckBox(robot, "notes", "Bob").onScreen());
        waitUntil(() -> sharing("notes").equals(Sharing.selected(Set.of(id(2)))));

        StringWriter out = new StringWriter();
        assertThat(Cli.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "--data-dir", dir.toString(),
                "share", "chat", "--all")).isZero();
        long start = System.nanoTime();
        WaitForAsyncUtils.waitFor(2, TimeUnit.SECONDS, () -> matrixCheckBox(robot, "chat", "Alice").isTicked()
                && matrixCheckBox(robot, "chat", "Carol").isTicked());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

        robot.clickOn(matrixCheckBox(robot, "chat", "Alice").onScreen());
        waitUntil(() -> sharing("chat").equals(Sharing.selected(Set.of(id(2), id(3)))));

        // From the keyboard: Right from the peer name walks along the apps, Space toggles the tick there.
        @SuppressWarnings("unchecked")
        TableView<MatrixRow> table = robot.lookup("#matrixTable").queryAs(TableView.class);
        Node notesHeader = robot.lookup("#matrix-app-notes").query();
        int notesIndex = notesHeader.getParent().getChildrenUnmodifiable().indexOf(notesHeader);
        robot.interact(() -> {
            int carol = 0;
            while (!table.getItems().get(carol).peer().name().equals("Carol")) {
                carol++;
            }
            table.requestFocus();
            table.getFocusModel().focus(carol, table.getColumns().get(0));
        });
        for (int i = 0; i <= notesIndex; i++) {
            robot.type(KeyCode.RIGHT);
        }
        robot.type(KeyCode.SPACE);
        waitUntil(() -> sharing("notes").equals(Sharing.selected(Set.of(id(2), id(3)))));
        waitUntil(() -> matrixCheckBox(robot, "notes", "Carol").isTicked());

        // Home goes to the first app, End to the last; Left from the first app goes back to the peer name.
        List<String> apps = notesHeader.getParent().getChildrenUnmodifiable().stream()
                .map(n -> (String) n.getUserData()).toList();
        String last = apps.get(apps.size() - 1);
        boolean lastWasShared = sharing(last).includes(id(3));
        robot.type(KeyCode.END);
        robot.type(KeyCode.SPACE);
        waitUntil(() -> sharing(last).includes(id(3)) != lastWasShared);
        String first = apps.get(0);
        boolean firstWasShared = sharing(first).includes(id(3));
        robot.type(KeyCode.HOME);
        robot.type(KeyCode.SPACE);
        waitUntil(() -> sharing(first).includes(id(3)) != firstWasShared);
        robot.type(KeyCode.LEFT);
        assertThat(WaitForAsyncUtils.asyncFx(() -> table.getFocusModel().getFocusedCell().getTableColumn()).get())
                .isSameAs(table.getColumns().get(0));
    }

    @Test
    void removeAfterConfirmingAndRotateToken(FxRobot robot) throws Exception {
        register("v1-paths.json");
        selectApp(robot, "notes");
        robot.clickOn("#rotateToken");
        waitUntil(() -> robot.lookup("#tokenField").tryQuery().isPresent());
        String token = robot.lookup("#tokenField").queryAs(TextField.class).getText();
        assertThat(console.appRegistry().authenticate(token)).isPresent();
        robot.clickOn("Done");

        robot.clickOn("#removeApp");
        waitUntil(() -> robot.lookup("#removeDialog").tryQuery().isPresent());
        robot.clickOn("Cancel");
        assertThat(console.appRegistry().find("notes")).isPresent();
        robot.clickOn("#removeApp");
        waitUntil(() -> robot.lookup("#removeDialog").tryQuery().isPresent());
        robot.clickOn("Remove");
        waitUntil(() -> console.appRegistry().find("notes").isEmpty());
        waitUntil(() -> robot.lookup("#noSelection").tryQuery().map(Node::isVisible).orElse(false));
    }

    @Test
    void sharingPersistsAcrossRestarts(FxRobot robot) throws Exception {
        register("v1-paths.json");
        selectApp(robot, "notes");
        robot.clickOn("#mode-selected");
        robot.clickOn(peerCheckBox(robot, "Alice"));
        waitUntil(() -> sharing("notes").equals(Sharing.selected(Set.of(id(1)))));

        // A second console on the same data folder stands for the next start of the application.
        try (PortalConsole reopened = PortalConsole.open(new DataDirectory(dir)).startWatching(Duration.ofMillis(100))) {
            AppsView second = newView(reopened);
            robot.interact(() -> stage.getScene().setRoot(second.root()));
            selectApp(robot, "notes");
            waitUntil(() -> peerCheckBox(robot, "Alice").isSelected());
            assertThat(peerCheckBox(robot, "Bob").isSelected()).isFalse();
            assertThat(robot.lookup("#mode-selected").queryAs(javafx.scene.control.ToggleButton.class).isSelected())
                    .isTrue();
            robot.interact(second::close);
        }
    }
}
