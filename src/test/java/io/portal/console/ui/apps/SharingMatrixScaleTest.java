package io.portal.console.ui.apps;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import io.portal.console.app.ConsoleApplication;
import io.portal.console.app.DataDirectory;
import io.portal.console.app.PortalConsole;
import io.portal.console.apps.Registration;
import io.portal.console.apps.Sharing;
import io.portal.console.apps.SharingMode;
import io.portal.console.identity.PortalId;
import io.portal.console.ui.common.FileDialogs;
import io.portal.console.ui.common.FxBackgroundExecutor;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The matrix stays usable with 1,000 peers and 50 apps: it loads, draws only the rows in view, scrolls to the end,
 * and a tick clicked there is written.
 */
@ExtendWith(ApplicationExtension.class)
class SharingMatrixScaleTest {
    static final int PEERS = 1000;
    static final int APPS = 50;

    @TempDir
    Path dir;
    private PortalConsole console;
    private FxBackgroundExecutor executor;
    private AppsView view;
    private Stage stage;

    static PortalId peerId(int n) {
        byte[] bytes = new byte[PortalId.BYTES];
        ByteBuffer.wrap(bytes).putInt(n).putInt(0x5eed);
        return PortalId.ofBytes(bytes);
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        console = PortalConsole.open(new DataDirectory(dir)).startWatching(Duration.ofMillis(200));
        console.database().write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO peers (id, name, added_at) VALUES (?, ?, 0)")) {
                for (int i = 0; i < PEERS; i++) {
                    s.setString(1, peerId(i).canonical());
                    s.setString(2, String.format("Peer %04d", i));
                    s.addBatch();
                }
                return s.executeBatch();
            }
        });
        for (int a = 0; a < APPS; a++) {
            String json = String.format("{\"v\": \"1.0\", \"name\": \"app-%02d\", \"port\": %d, "
                    + "\"paths\": {\"/peer/\": {\"access\": \"peer\"}}}", a, 9000 + a);
            assertThat(console.appRegistry().register(json, Optional.empty())).isInstanceOf(Registration.Registered.class);
            if (a % 3 == 0) {
                console.appRegistry().share(String.format("app-%02d", a), Sharing.ALL);
            }
        }
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        executor = new FxBackgroundExecutor();
        view = new AppsView(new AppsViewModel(console.appRegistry(), console.peers(), console.watcher(), executor,
                text -> { }), FileDialogs.answering(new ArrayList<>(), new ArrayList<>()));
        Scene scene = new Scene(view.root(), 1280, 800);
        scene.getStylesheets().add(ConsoleApplication.stylesheet());
        stage.setScene(scene);
        stage.show();
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

    /** The ticks of the lowest row on screen, once the table has scrolled near its end. */
    private static Optional<TableCell<?, ?>> lastRowCell(FxRobot robot) {
        return robot.lookup(".tick-strip-cell").queryAll().stream()
                .<TableCell<?, ?>>map(n -> (TableCell<?, ?>) n)
                .filter(c -> !c.isEmpty() && c.getItem() instanceof MatrixRow && c.getTableRow() != null
                        && c.getTableRow().getIndex() > PEERS - 30
                        && c.getTableRow().localToScene(0, 0).getY() < c.getScene().getHeight() - 60)
                .max(java.util.Comparator.comparingInt(c -> c.getTableRow().getIndex()));
    }

    @Test
    void thousandPeersByFiftyApps(FxRobot robot) throws Exception {
        robot.clickOn("#showMatrix");
        TableView<?> table = robot.lookup("#matrixTable").queryAs(TableView.class);
        // Generous waits guard against a hang; how fast it is, is the benchmarks' business (docs/benchmarks.md).
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> table.getItems().size() == PEERS);
        assertThat(robot.lookup(".matrix-app-header").queryAll()).hasSize(APPS);

        // Virtualized: only the rows on screen have their ticks drawn, not 1,000 rows of them.
        assertThat(robot.lookup(".tick-strip").queryAll().size()).isBetween(10, 60);

        robot.interact(() -> table.scrollTo(PEERS - 1));
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lastRowCell(robot).isPresent());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("rows with ticks: " + robot.lookup(".tick-strip-cell").queryAll().stream()
                    .map(n -> (TableCell<?, ?>) n)
                    .map(c -> c.getItem() instanceof MatrixRow r ? r.peer().name() : "empty")
                    .distinct().limit(40).toList(), e);
        }
        TableCell<?, ?> lastCell = lastRowCell(robot).orElseThrow();
        PortalId lastPeer = ((MatrixRow) lastCell.getItem()).peer().id();
        robot.clickOn(((SharingMatrixView.TickStrip) lastCell.getGraphic()).tickOnScreen("app-01"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () ->
                console.appRegistry().find("app-01").orElseThrow().sharing().mode() == SharingMode.SELECTED);
        assertThat(console.appRegistry().find("app-01").orElseThrow().sharing().peers()).containsExactly(lastPeer);
    }
}
