package io.portal.console.app;

import io.portal.console.identity.PortalId;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;

/**
 * Tells a waiting program (tests, the start-up benchmark) that the home screen with its QR code has been painted:
 * when {@code PORTAL_CONSOLE_READY_FILE} (or {@code -Dportal.readyFile}) names a file, one JSON line is written
 * to it after the first frames. The console starts its peer service only then.
 */
final class StartupReport {
    static final String ENV = "PORTAL_CONSOLE_READY_FILE";
    private static final Logger LOG = Logger.getLogger(StartupReport.class.getName());

    private StartupReport() {
    }

    /** Runs {@code then} on the FX thread once the first frame has been rendered, and reports it if asked to. */
    static void afterFirstFrames(Scene scene, PortalId id, Runnable then) {
        String target = System.getProperty("portal.readyFile", System.getenv(ENV));
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                // The timer runs at the start of a pulse; at the second one the first frame has been rendered.
                if (++frames < 2) {
                    return;
                }
                stop();
                if (target != null && !target.isBlank()) {
                    report(scene, id, target);
                }
                then.run();
            }
        }.start();
    }

    private static void report(Scene scene, PortalId id, String target) {
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        String json = String.format("{\"event\":\"home-shown\",\"id\":\"%s\",\"uptimeMs\":%d,\"epochMs\":%d,"
                + "\"width\":%d,\"height\":%d}%n", id.canonical(), uptime, System.currentTimeMillis(),
                (int) scene.getWidth(), (int) scene.getHeight());
        try {
            Files.writeString(Path.of(target), json);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot write the ready file " + target, e);
        }
    }
}
