package io.portal.console.app;

import atlantafx.base.theme.PrimerLight;
import io.portal.console.Messages;
import io.portal.console.cli.ExitCodes;
import io.portal.console.identity.QrCodes;
import io.portal.console.peering.PendingRequests;
import io.portal.console.service.PeerService;
import io.portal.console.service.ServiceConfig;
import io.portal.console.service.ServiceFile;
import io.portal.console.ui.activity.ActivityView;
import io.portal.console.ui.activity.ActivityViewModel;
import io.portal.console.peers.QrScanner;
import io.portal.console.ui.common.FxBackgroundExecutor;
import io.portal.console.ui.common.ScreenView;
import io.portal.console.ui.pending.PendingRequestsView;
import io.portal.console.ui.pending.PendingRequestsViewModel;
import io.portal.console.ui.common.FxClipboard;
import io.portal.console.ui.common.NativeFileDialogs;
import io.portal.console.ui.apps.AppsView;
import io.portal.console.ui.apps.AppsViewModel;
import io.portal.console.ui.home.HomeView;
import io.portal.console.ui.home.HomeViewModel;
import io.portal.console.ui.main.MainView;
import io.portal.console.ui.main.Screen;
import io.portal.console.ui.peers.PasteSource;
import io.portal.console.ui.peers.PeersView;
import io.portal.console.ui.peers.PeersViewModel;
import io.portal.console.ui.peers.ScreenCapture;
import java.net.URL;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.kordamp.ikonli.feather.Feather;

/** The console window. Builds the UI around a {@link PortalConsole} and closes both in reverse order. */
public final class ConsoleApplication extends Application {
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 800;
    public static final int MIN_WIDTH = 960;
    public static final int MIN_HEIGHT = 640;
    private static final String DATA_DIR_PARAMETER = "data-dir";

    /** Opened while the JavaFX toolkit starts, so the two overlap; taken over by {@link #init()}. */
    private static volatile CompletableFuture<PortalConsole> opening;

    private PortalConsole console;
    private RuntimeException startupError;
    private FxBackgroundExecutor executor;
    private MainView mainView;
    private Image logo;
    /** Set once init() has built the window's content; read by the FX thread's warm-up. */
    private volatile boolean built;
    private HomeViewModel home;

    /** Opens the window on this data folder and returns when it is closed. */
    public static void launchWith(DataDirectory dataDirectory) {
        opening = CompletableFuture.supplyAsync(() -> open(dataDirectory), runnable -> {
            Thread thread = new Thread(runnable, "console-open");
            thread.setDaemon(true);
            thread.start();
        });
        Application.launch(ConsoleApplication.class, "--" + DATA_DIR_PARAMETER + "=" + dataDirectory.path());
    }

    private static PortalConsole open(DataDirectory dataDirectory) {
        PortalConsole console = PortalConsole.open(dataDirectory)
                .startWatching(io.portal.console.store.DatabaseWatcher.DEFAULT_INTERVAL);
        // A first encoding loads the QR encoder here, beside the toolkit's start, rather than while the home screen
        // is built; the home screen encodes the ID again in a moment.
        QrCodes.encode(console.identity().id());
        return console;
    }

    /**
     * Runs on the launcher thread while the FX thread is idle: the theme, handed to the FX thread from here, loads
     * while this thread reads the texts, waits for the data folder to open and builds the window's content (JavaFX
     * lets nodes be built on any thread until they are shown).
     */
    @Override
    public void init() {
        // The FX thread takes these in order while this thread builds: the icons this thread needs first, the theme,
        // then skins for as long as the building lasts.
        Platform.runLater(IdleWarmUp::icons);
        // The binary form of the theme, shipped beside its CSS, spares parsing 170 KB of CSS before the first frame.
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheetBSS());
        Platform.runLater(() -> IdleWarmUp.skins(() -> !built));
        Messages.bundle();
        try {
            console = opened();
        } catch (RuntimeException e) {
            startupError = e;
            built = true;
            return;
        }
        // Closed again (a no-op) if the window closes normally; on SIGTERM this stops the service gracefully.
        PortalConsole opened = console;
        Runtime.getRuntime().addShutdownHook(new Thread(opened::close, "console-shutdown"));
        // Held until start(): the FX thread must not deliver results to view-models whose views this thread binds.
        executor = FxBackgroundExecutor.holding();
        logo = icon(64);
        mainView = new MainView(Messages.get("app.title"), logo, screens());
        built = true;
    }

    private PortalConsole opened() {
        CompletableFuture<PortalConsole> started = opening;
        opening = null;
        if (started == null) {
            String dir = getParameters().getNamed().get(DATA_DIR_PARAMETER);
            return open(DataDirectory.choose(dir == null ? null : Path.of(dir)));
        }
        try {
            return started.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * The peer service starts once the window has been painted: binding two listeners and loading the TLS and
     * server code take about half a second the owner should not wait for.
     */
    private void startServiceInBackground() {
        home.setServiceStatus(Messages.get("service.status.starting"));
        Thread starter = new Thread(() -> home.setServiceStatus(startService(console)), "peer-service-start");
        starter.setDaemon(true);
        starter.start();
    }

    /**
     * Starts the peer service with the default ports, unless {@code serve} already runs on this data folder. A
     * failure (port taken, …) is shown on the home screen; the console works without the service.
     */
    static String startService(PortalConsole console) {
        Optional<ServiceFile> external = ServiceFile.live(console.dataDirectory().path());
        if (external.isPresent()) {
            ServiceFile f = external.get();
            return Messages.get("service.status.external", f.pid(), f.apiHost(), f.apiPort(), f.peerPort());
        }
        try {
            PeerService service = console.startService(ServiceConfig.defaults());
            return Messages.get("service.status.running", service.apiHost(), service.apiPort(),
                    "0.0.0.0".equals(service.config().bind()) ? "" : service.config().bind(), service.peerPort());
        } catch (RuntimeException e) {
            log().log(Level.WARNING, "peer service not started", e);
            return Messages.get("service.status.failed", e.getMessage());
        }
    }

    @Override
    public void start(Stage stage) {
        if (startupError != null) {
            showStartupError(startupError);
            return;
        }
        executor.release();
        // On a screen smaller than the usual size, open as large as the screen allows (never below the minimum).
        Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(mainView.root(), Math.max(MIN_WIDTH, Math.min(WIDTH, screen.getWidth())),
                Math.max(MIN_HEIGHT, Math.min(HEIGHT, screen.getHeight())));
        scene.getStylesheets().add(stylesheet());
        stage.setScene(scene);
        stage.setTitle(Messages.get("app.title") + " \u2014 " + console.identity().id().shortId());
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        stage.show();
        StartupReport.afterFirstFrames(scene, console.identity().id(), () -> {
            loadWindowIcons(stage);
            startServiceInBackground();
        });
    }

    /**
     * The window and taskbar icons come after the first frame: decoding five more PNGs (up to 256 pixels) delayed
     * it, and the window manager shows them as soon as they are set.
     */
    private void loadWindowIcons(Stage stage) {
        Thread loader = new Thread(() -> {
            List<Image> icons = List.of(icon(16), icon(32), icon(48), logo, icon(128), icon(256));
            Platform.runLater(() -> stage.getIcons().setAll(icons));
        }, "window-icons");
        loader.setDaemon(true);
        loader.start();
    }

    private List<Screen> screens() {
        home = new HomeViewModel(console.profile(), console.watcher(), executor, new FxClipboard(),
                new io.portal.console.identity.IdentityStore(console.dataDirectory().path()).file());
        PendingRequestsViewModel pending = new PendingRequestsViewModel(
                new PendingRequests(console.pending(), console.peers(), Clock.systemUTC()), console.watcher(), executor);
        return List.of(new Screen("home", Messages.get("nav.home"), Feather.HOME,
                        () -> withBanner(new PendingRequestsView(pending), new HomeView(home, new NativeFileDialogs()), pending)),
                new Screen("peers", Messages.get("nav.peers"), Feather.USERS, () -> new PeersView(
                        new PeersViewModel(console.peerBook(), new QrScanner(), console.watcher(), executor,
                                new FxClipboard(), Clock.systemUTC()),
                        new NativeFileDialogs(), ScreenCapture.ROBOT, PasteSource.SYSTEM, stylesheet())),
                new Screen("apps", Messages.get("nav.apps"), Feather.PACKAGE,
                        () -> new AppsView(new AppsViewModel(console.appRegistry(), console.peers(), console.watcher(),
                                executor, new FxClipboard()), new NativeFileDialogs())),
                new Screen("activity", Messages.get("nav.activity"), Feather.ACTIVITY,
                        () -> new ActivityView(new ActivityViewModel(console.activity(), console.peers(), console.watcher(),
                                executor, Clock.systemUTC()))));
    }

    /** The home screen with the pending connection requests above it. */
    private static ScreenView withBanner(PendingRequestsView banner, ScreenView screen, AutoCloseable bannerModel) {
        javafx.scene.layout.BorderPane root = new javafx.scene.layout.BorderPane(screen.root());
        root.setTop(banner.root());
        return new ScreenView() {
            @Override
            public javafx.scene.Parent root() {
                return root;
            }

            @Override
            public void close() {
                screen.close();
                try {
                    bannerModel.close();
                } catch (Exception ignored) {
                    // Unsubscribing cannot fail in a way the owner could act on.
                }
            }
        };
    }

    /**
     * The console's stylesheet: the binary form the build makes of console.css (loading it spares parsing CSS
     * before the first frame), or the CSS itself where there is none, e.g. when run from an IDE's own build.
     */
    public static String stylesheet() {
        URL binary = ConsoleApplication.class.getResource("/io/portal/console/ui/console.bss");
        return (binary != null ? binary : Objects.requireNonNull(
                ConsoleApplication.class.getResource("/io/portal/console/ui/console.css"))).toExternalForm();
    }

    public static Image icon(int size) {
        return new Image(Objects.requireNonNull(
                ConsoleApplication.class.getResourceAsStream("/io/portal/console/ui/icons/icon-" + size + ".png")));
    }

    private void showStartupError(RuntimeException error) {
        log().log(Level.FINE, "start-up failed", error);
        System.err.println("portal-console: " + error.getMessage());
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.setTitle(Messages.get("startup.error.title"));
        alert.setHeaderText(Messages.get("startup.error.title"));
        TextArea details = new TextArea(error.getMessage());
        details.setWrapText(true);
        details.setEditable(false);
        details.setPrefRowCount(5);
        alert.getDialogPane().setContent(details);
        alert.showAndWait();
        Platform.exit();
        System.exit(ExitCodes.DATA);
    }

    /** Looked up when needed: setting up logging before the window is launched would delay the launch. */
    private static Logger log() {
        return Logger.getLogger(ConsoleApplication.class.getName());
    }

    @Override
    public void stop() throws Exception {
        if (mainView != null) {
            mainView.close();
        }
        if (executor != null) {
            executor.close();
        }
        if (console != null) {
            console.close();
        }
    }
}
