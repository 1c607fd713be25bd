package io.portal.console.ui.common;

import io.portal.console.Messages;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Small helpers the views share. */
public final class Ui {
    private Ui() {
    }

    public static String text(String key, Object... arguments) {
        return Messages.get(key, arguments);
    }

    public static Label label(String text, String... styleClasses) {
        Label label = new Label(text);
        label.getStyleClass().addAll(styleClasses);
        return label;
    }

    public static Region hSpacer() {
        Region spacer = new Region();
        javafx.scene.layout.HBox.setHgrow(spacer, Priority.ALWAYS);
        return spacer;
    }

    public static Region vSpacer() {
        Region spacer = new Region();
        javafx.scene.layout.VBox.setVgrow(spacer, Priority.ALWAYS);
        return spacer;
    }
}
