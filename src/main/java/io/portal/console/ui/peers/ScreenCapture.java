package io.portal.console.ui.peers;

import java.util.Optional;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.Image;
import javafx.scene.robot.Robot;
import javafx.stage.Screen;

/** A picture of everything on the screens (for "Scan screen"); injectable so tests can show any picture. */
@FunctionalInterface
public interface ScreenCapture {
    /** Runs on the FX thread. Empty when the screens cannot be captured. */
    Optional<Image> capture();

    /** All screens at once, through the JavaFX robot. */
    ScreenCapture ROBOT = () -> {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Screen screen : Screen.getScreens()) {
            Rectangle2D b = screen.getBounds();
            minX = Math.min(minX, b.getMinX());
            minY = Math.min(minY, b.getMinY());
            maxX = Math.max(maxX, b.getMaxX());
            maxY = Math.max(maxY, b.getMaxY());
        }
        if (maxX <= minX || maxY <= minY) {
            return Optional.empty();
        }
        return Optional.ofNullable(new Robot().getScreenCapture(null, minX, minY, maxX - minX, maxY - minY, false));
    };
}
