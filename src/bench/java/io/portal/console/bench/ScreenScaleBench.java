package io.portal.console.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portal.console.app.ConsoleApplication;
import io.portal.console.app.DataDirectory;
import io.portal.console.app.PortalConsole;
import io.portal.console.identity.PortalId;
import io.portal.console.store.Peer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Cell;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Window;

/**
 * The Peers and Apps &amp; sharing screens at scale: seeds a fresh data folder with many peers and apps through the
 * store, opens the real console window (needs a display: xvfb-run) and measures
 * <ul>
 *   <li>open: from the navigation button's action to the first pulse after the screen's table shows rows (that
 *       pulse starts only once the frame with the rows has been rendered);</li>
 *   <li>filter: from setting the filter text (as a keystroke would) to the first pulse after the table's items
 *       changed and were laid out, for a sequence of keystrokes (typing and erasing), median and maximum.</li>
 * </ul>
 * A screen that does not exist in this build is reported as skipped.
 *
 * <p>Usage: {@code ScreenScaleBench OUT.json WORK-DIR PEERS APPS}
 */
public final class ScreenScaleBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long STEP_TIMEOUT_MS = 30_000;
    private static final long KEYSTROKE_TIMEOUT_MS = 5_000;
    private static final String[] FIRST = {"Alice", "Bruno", "Chloé", "Dmitri", "Elena", "Farid", "Greta", "Hiro",
        "Ines", "Jonas", "Kemal", "Lucia", "Marek", "Nadia", "Oscar", "Priya", "Quentin", "Rosa", "Sven", "Tomoko"};
    private static final String[] LAST = {"Martin", "Moreau", "Novak", "Okafor", "Petrov", "Quinn", "Rossi", "Silva",
        "Tanaka", "Ueda", "Varga", "Weber", "Xu", "Yilmaz", "Zimmer", "Andersen", "Bianchi", "Costa", "Dubois", "Evans"};
    /** Typing then erasing, as an owner looking for someone would; every step changes the matching set. */
    private static final List<String> PEER_KEYSTROKES = List.of("m", "mo", "mor", "more", "mor", "mo", "m", "",
            "t", "ta", "tan", "tana", "tan", "ta", "t", "");
    private static final List<String> APP_KEYSTROKES = List.of("n", "no", "not", "no", "n", "", "c", "ca", "c", "");

    private ScreenScaleBench() {
    }

    /** With {@code -Dbench.filterRounds=N}, each keystroke sequence is typed N times: enough samples to profile. */
    private static List<String> repeated(List<String> keystrokes) {
        int rounds = Integer.getInteger("bench.filterRounds", 1);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            all.addAll(keystrokes);
        }
        return all;
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int peerCount = Integer.parseInt(args[2]);
        int appCount = Integer.parseInt(args[3]);
        Path dataDir = work.resolve("scale-data");
        ObjectNode result = JSON.createObjectNode();
        result.put("peers", peerCount);
        result.put("apps", appCount);
        long seedStart = System.nanoTime();
        seed(dataDir, peerCount, appCount);
        result.put("seedMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - seedStart));

        Path ready = work.resolve("scale.ready");
        Files.deleteIfExists(ready);
        System.setProperty("portal.readyFile", ready.toString());
        Thread fx = new Thread(() -> ConsoleApplication.launchWith(new DataDirectory(dataDir)), "console");
        fx.setDaemon(true);
        fx.start();
        waitForFile(ready);
        Scene scene = onFx(() -> Window.getWindows().get(0).getScene());

        result.set("peersScreen", screen(scene, "peers", "Peers", repeated(PEER_KEYSTROKES)));
        result.set("appsScreen", screen(scene, "apps", "Apps", APP_KEYSTROKES));
        result.set("appsMatrix", matrix(scene, repeated(PEER_KEYSTROKES)));
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        System.out.println(JSON.writeValueAsString(result));
        Platform.exit();
        fx.join(10_000);
        System.exit(0);
    }

    /** Fills the data folder through the store: peers with realistic names and addresses, apps with mixed sharing. */
    static void seed(Path dataDir, int peerCount, int appCount) {
        Random random = new Random(42);
        try (PortalConsole console = PortalConsole.open(new DataDirectory(dataDir))) {
            Instant now = Instant.now();
            List<PortalId> ids = new ArrayList<>();
            for (int i = 0; i < peerCount; i++) {
                byte[] bytes = new byte[PortalId.BYTES];
                random.nextBytes(bytes);
                PortalId id = PortalId.ofBytes(bytes);
                ids.add(id);
                String name = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)] + " "
                        + (i + 1);
                Peer peer = Peer.added(id, name, List.of("10.0." + (i / 250) + "." + (i % 250) + ":7443"),
                        now.minus(Duration.ofMinutes(i)));
                console.peers().add(i % 3 == 0
                        ? new Peer(id, name, peer.addresses(), peer.state(), peer.addedAt(),
                                Optional.of(now.minusSeconds(i)), i % 2 == 0)
                        : peer);
            }
            AppSeeder.seed(console, appCount, ids, random);
        }
    }

    /** The apps, written straight into the store's tables (the schema of version 3). */
    static final class AppSeeder {
        private static final String[] WORDS = {"notes", "calendar", "photos", "chess", "recipes", "music", "tasks",
            "files", "chat", "maps"};

        static void seed(PortalConsole console, int appCount, List<PortalId> peers, Random random) {
            console.database().write(c -> {
                try (PreparedStatement app = c.prepareStatement("INSERT INTO apps (name, description, url, manifest, "
                        + "token_hash, sharing, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
                        PreparedStatement share = c.prepareStatement(
                                "INSERT OR IGNORE INTO app_shares (app, peer_id) VALUES (?, ?)")) {
                    for (int i = 0; i < appCount; i++) {
                        String name = WORDS[i % WORDS.length] + "-" + (i + 1);
                        int port = 9000 + i;
                        String sharing = i % 3 == 0 ? "all" : i % 3 == 1 ? "selected" : "none";
                        String manifest = "{\"name\":\"" + name + "\",\"description\":\"The " + name + " app\","
                                + "\"port\":" + port + ",\"paths\":{\"/\":{\"access\":\"private\"},"
                                + "\"/peer/\":{\"access\":\"peer\"}}}";
                        app.setString(1, name);
                        app.setString(2, "The " + name + " app");
                        app.setString(3, "http://127.0.0.1:" + port);
                        app.setString(4, manifest);
                        app.setString(5, String.format("%064x", i));
                        app.setString(6, sharing);
                        app.setLong(7, System.currentTimeMillis());
                        app.executeUpdate();
                        if ("selected".equals(sharing)) {
                            for (int k = 0; k < 20 && !peers.isEmpty(); k++) {
                                share.setString(1, name);
                                share.setString(2, peers.get(random.nextInt(peers.size())).canonical());
                                share.executeUpdate();
                            }
                        }
                    }
                }
                return null;
            });
        }
    }

    private static ObjectNode screen(Scene scene, String id, String title, List<String> keystrokes) throws Exception {
        ButtonBase button = onFx(() -> navigationButton(scene, id, title));
        if (button == null) {
            ObjectNode result = JSON.createObjectNode();
            result.put("skipped", "no " + title + " screen in this build");
            return result;
        }
        return openAndFilter(scene, button, title, keystrokes);
    }

    /** The Apps & sharing screen's other view: every peer × every app, with a search of its own. */
    private static ObjectNode matrix(Scene scene, List<String> keystrokes) throws Exception {
        ButtonBase button = onFx(() -> scene.lookup("#showMatrix") instanceof ButtonBase b && shown(b) ? b : null);
        if (button == null) {
            ObjectNode result = JSON.createObjectNode();
            result.put("skipped", "no sharing matrix on the Apps screen in this build");
            return result;
        }
        return openAndFilter(scene, button, "sharing matrix", keystrokes);
    }

    /** Opens a view with its button (timed until its table shows rows), then times keystrokes in its filter. */
    private static ObjectNode openAndFilter(Scene scene, ButtonBase button, String title, List<String> keystrokes)
            throws Exception {
        ObjectNode result = JSON.createObjectNode();
        CompletableFuture<Long> opened = new CompletableFuture<>();
        Platform.runLater(() -> {
            long start = System.nanoTime();
            button.fire();
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    Control list = visibleList(scene.getRoot());
                    if (list != null && hasRows(list)) {
                        stop();
                        opened.complete(System.nanoTime() - start);
                    }
                }
            }.start();
        });
        result.put("openMs", millis(opened.get(STEP_TIMEOUT_MS, TimeUnit.MILLISECONDS)));
        snapshot(scene, title);
        Control list = onFx(() -> visibleList(scene.getRoot()));
        result.put("rows", onFx(() -> items(list).size()));
        TextField filter = onFx(() -> filterField(scene.getRoot()));
        if (filter == null) {
            result.put("filterSkipped", "no filter field on the " + title + " screen");
            return result;
        }
        Random jitter = new Random(7);
        ArrayNode samples = result.putArray("filterMs");
        ArrayNode counts = result.putArray("filterRows");
        ArrayNode syncSamples = result.putArray("filterSyncMs");
        List<Double> syncValues = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (String text : keystrokes) {
            // Keystrokes arrive at any moment relative to the pulse timer, not right after a pulse.
            Thread.sleep(150 + jitter.nextInt(100));
            long nanos;
            try {
                nanos = keystroke(list, filter, text);
            } catch (java.util.concurrent.TimeoutException e) {
                result.put("filterProblem", "the table did not change within " + KEYSTROKE_TIMEOUT_MS
                        + " ms after typing '" + text + "'");
                break;
            }
            double ms = millis(nanos);
            samples.add(ms);
            values.add(ms);
            double sync = millis(syncNanos.get());
            syncSamples.add(sync);
            syncValues.add(sync);
            counts.add(onFx(() -> items(list).size()));
        }
        if (values.isEmpty()) {
            return result;
        }
        values.sort(null);
        syncValues.sort(null);
        result.put("filterSyncMedianMs", syncValues.get(syncValues.size() / 2));
        result.put("pulseBaselineMedianMs", pulseBaseline(filter));
        result.put("filterMedianMs", values.get(values.size() / 2));
        result.put("filterMaxMs", values.get(values.size() - 1));
        return result;
    }

    /** With {@code -Dbench.snapshots=DIR}, a PNG of the window as each view opened, to look at. */
    private static void snapshot(Scene scene, String title) throws Exception {
        String dir = System.getProperty("bench.snapshots");
        if (dir == null) {
            return;
        }
        javafx.scene.image.WritableImage image = onFx(() -> scene.snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        java.awt.image.BufferedImage png = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        javafx.scene.image.PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        javax.imageio.ImageIO.write(png, "png", Path.of(dir, title.replace(' ', '-') + ".png").toFile());
    }

    private static final java.util.concurrent.atomic.AtomicLong syncNanos = new java.util.concurrent.atomic.AtomicLong();

    private static long keystroke(Control list, TextField filter, String text) throws Exception {
        CompletableFuture<Long> updated = new CompletableFuture<>();
        Platform.runLater(() -> {
            AtomicBoolean changed = new AtomicBoolean();
            ListChangeListener<Object> onChange = c -> changed.set(true);
            InvalidationListener onReplace = o -> changed.set(true);
            javafx.collections.ObservableList<Object> watched = items(list);
            watched.addListener(onChange);
            itemsProperty(list).addListener(onReplace);
            long start = System.nanoTime();
            filter.setText(text);
            filter.positionCaret(text.length());
            // The part spent inside the listeners (filtering, sorting, the table's own bookkeeping) before any pulse.
            syncNanos.set(System.nanoTime() - start);
            new AnimationTimer() {
                private boolean laidOut;

                @Override
                public void handle(long now) {
                    // The pulse after the one that saw the change: that one has laid out and rendered the new rows.
                    if (laidOut) {
                        stop();
                        watched.removeListener(onChange);
                        itemsProperty(list).removeListener(onReplace);
                        updated.complete(System.nanoTime() - start);
                    } else if (changed.get()) {
                        laidOut = true;
                    }
                }
            }.start();
        });
        return updated.get(KEYSTROKE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * The floor for any keystroke: the same measurement when the change is only the filter field's prompt text
     * (waiting for the next pulse, then one more, with a trivial layout and repaint), median of 9.
     */
    private static double pulseBaseline(TextField field) throws Exception {
        Random jitter = new Random(11);
        List<Double> values = new ArrayList<>();
        String prompt = onFx(field::getPromptText);
        for (int i = 0; i < 9; i++) {
            Thread.sleep(150 + jitter.nextInt(100));
            String text = prompt + (i % 2 == 0 ? " " : "");
            CompletableFuture<Long> done = new CompletableFuture<>();
            Platform.runLater(() -> {
                long start = System.nanoTime();
                field.setPromptText(text);
                new AnimationTimer() {
                    private boolean seen;

                    @Override
                    public void handle(long now) {
                        if (seen) {
                            stop();
                            done.complete(System.nanoTime() - start);
                        }
                        seen = true;
                    }
                }.start();
            });
            values.add(millis(done.get(KEYSTROKE_TIMEOUT_MS, TimeUnit.MILLISECONDS)));
        }
        Platform.runLater(() -> field.setPromptText(prompt));
        values.sort(null);
        return values.get(values.size() / 2);
    }

    private static ButtonBase navigationButton(Scene scene, String id, String title) {
        Node byId = scene.lookup("#nav-" + id);
        if (byId instanceof ButtonBase button) {
            return button;
        }
        for (Node node : scene.getRoot().lookupAll(".nav-button")) {
            if (node instanceof Labeled labeled && labeled.getText() != null && labeled.getText().startsWith(title)
                    && node instanceof ButtonBase button) {
                return button;
            }
        }
        return null;
    }

    private static Control visibleList(Parent root) {
        for (Node node : root.lookupAll(".table-view")) {
            if (node instanceof TableView<?> && shown(node)) {
                return (Control) node;
            }
        }
        for (Node node : root.lookupAll(".list-view")) {
            if (node instanceof ListView<?> && shown(node)) {
                return (Control) node;
            }
        }
        return null;
    }

    private static TextField filterField(Parent root) {
        TextField any = null;
        for (Node node : root.lookupAll(".text-field")) {
            if (node instanceof TextField field && shown(field) && field.isEditable()) {
                String hint = (field.getId() == null ? "" : field.getId()) + " "
                        + (field.getPromptText() == null ? "" : field.getPromptText());
                if (hint.toLowerCase().contains("filter") || hint.toLowerCase().contains("search")) {
                    return field;
                }
                if (any == null) {
                    any = field;
                }
            }
        }
        return any;
    }

    private static boolean hasRows(Control list) {
        if (items(list).isEmpty()) {
            return false;
        }
        String cells = list instanceof TableView<?> ? ".table-row-cell" : ".list-cell";
        for (Node node : list.lookupAll(cells)) {
            if (node instanceof Cell<?> cell && cell.getItem() != null && shown(cell)) {
                return true;
            }
        }
        return false;
    }

    private static boolean shown(Node node) {
        if (node.getScene() == null) {
            return false;
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static javafx.collections.ObservableList<Object> items(Control list) {
        return list instanceof TableView<?> table
                ? (javafx.collections.ObservableList<Object>) table.getItems()
                : ((ListView<Object>) list).getItems();
    }

    private static javafx.beans.Observable itemsProperty(Control list) {
        return list instanceof TableView<?> table ? table.itemsProperty() : ((ListView<?>) list).itemsProperty();
    }

    private static <T> T onFx(Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(STEP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    private static void waitForFile(Path file) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(60_000);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).endsWith("\n")) {
                return;
            }
            Thread.sleep(10);
        }
        throw new IOException("the console did not show its home screen within 60 s");
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
