package io.portal.console.ui.common;

import io.portal.console.Messages;
import javafx.event.EventHandler;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
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

    /**
     * A tooltip made when the pointer first comes over the control: a screen's first tooltip loads the popup
     * window machinery, which the first frame need not wait for. Screen readers get the text at once.
     */
    public static void tooltip(Control control, String text) {
        control.setAccessibleHelp(text);
        control.addEventHandler(MouseEvent.MOUSE_ENTERED, new EventHandler<>() {
            @Override
            public void handle(MouseEvent event) {
                control.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
                if (control.getTooltip() == null) {
                    control.setTooltip(new Tooltip(text));
                }
            }
        });
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
