package io.portal.console.ui.common;

import javafx.scene.Parent;

/** A screen of the console window: its root node, and what to release when the window closes. */
public interface ScreenView extends AutoCloseable {
    Parent root();

    @Override
    default void close() {
    }

    /** Closes a view-model when its view closes; unsubscribing cannot fail in a way the owner could act on. */
    static void closeQuietly(AutoCloseable model) {
        try {
            model.close();
        } catch (Exception ignored) {
            // Nothing to report: the window is going away.
        }
    }
}
