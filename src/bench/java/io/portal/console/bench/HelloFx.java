package io.portal.console.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The start-up baseline: the smallest JavaFX window (one label, same size as the console's), reporting its first
 * painted frame exactly as the console does ({@code PORTAL_CONSOLE_READY_FILE} / {@code -Dportal.readyFile}, one
 * JSON line at the second pulse).
 */
public final class HelloFx extends Application {
    /** A launcher that does not extend Application, like the console's, so JavaFX can sit on the class path. */
    public static final class Launcher {
        private Launcher() {
        }

        public static void main(String[] args) {
            Application.launch(HelloFx.class, args);
        }
    }

    @Override
    public void start(Stage stage) {
        Scene scene = new Scene(new StackPane(new Label("Hello, world")), 1280, 800);
        stage.setScene(scene);
        stage.setTitle("Hello");
        stage.show();
        String target = System.getProperty("portal.readyFile", System.getenv("PORTAL_CONSOLE_READY_FILE"));
        if (target == null || target.isBlank()) {
            return;
        }
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames < 2) {
                    return;
                }
                stop();
                String json = String.format("{\"event\":\"home-shown\",\"id\":\"hello\",\"uptimeMs\":%d,\"epochMs\":%d,"
                        + "\"width\":%d,\"height\":%d}%n", ManagementFactory.getRuntimeMXBean().getUptime(),
                        System.currentTimeMillis(), (int) scene.getWidth(), (int) scene.getHeight());
                try {
                    Files.writeString(Path.of(target), json);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }.start();
    }
}
