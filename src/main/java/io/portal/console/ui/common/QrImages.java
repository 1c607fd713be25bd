package io.portal.console.ui.common;

import com.google.zxing.common.BitMatrix;
import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/** Turns QR modules into a crisp JavaFX image (whole pixels per module, no smoothing). */
public final class QrImages {
    private QrImages() {
    }

    public static Image toImage(BitMatrix modules, int pixelsPerModule) {
        int size = modules.getWidth() * pixelsPerModule;
        WritableImage image = new WritableImage(size, modules.getHeight() * pixelsPerModule);
        PixelWriter writer = image.getPixelWriter();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < size; x++) {
                boolean dark = modules.get(x / pixelsPerModule, y / pixelsPerModule);
                writer.setColor(x, y, dark ? Color.BLACK : Color.WHITE);
            }
        }
        return image;
    }
}
