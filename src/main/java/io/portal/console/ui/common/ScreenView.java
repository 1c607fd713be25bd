package io.portal.console.ui.common;

import javafx.scene.Parent;

/** A screen of the console window: its root node, and what to release when the window closes. */
public interface ScreenView extends AutoCloseable {
    Parent root();

    @Override
    default void close() {
    }
}
