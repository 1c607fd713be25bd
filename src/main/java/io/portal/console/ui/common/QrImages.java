package io.portal.console.ui.common;

import com.google.zxing.common.BitMatrix;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** Turns QR modules into a crisp JavaFX image (whole pixels per module, no smoothing). */
public final class QrImages {
    private static final int BLACK = 0xff000000;
    private static final int WHITE = 0xffffffff;

    private QrImages() {
    }

    public static Image toImage(BitMatrix modules, int pixelsPerModule) {
        int width = modules.getWidth() * pixelsPerModule;
        int height = modules.getHeight() * pixelsPerModule;
        // One array handed over once: writing pixel by pixel converts and checks each of the ~90,000 pixels.
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            int moduleY = y / pixelsPerModule;
            for (int x = 0; x < width; x++) {
                pixels[row + x] = modules.get(x / pixelsPerModule, moduleY) ? BLACK : WHITE;
            }
        }
        WritableImage image = new WritableImage(width, height);
        image.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), pixels, 0, width);
        return image;
    }
}
