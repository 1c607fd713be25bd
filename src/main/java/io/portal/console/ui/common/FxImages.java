package io.portal.console.ui.common;

import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;

/** Hands JavaFX images to code that knows nothing of JavaFX, as ARGB pixels row by row. */
public final class FxImages {
    private FxImages() {
    }

    /** The pixels, or null when the image has none to read (still loading, failed). */
    public static int[] argb(Image image) {
        PixelReader reader = image.getPixelReader();
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        if (reader == null || width <= 0 || height <= 0) {
            return null;
        }
        int[] pixels = new int[width * height];
        reader.getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), pixels, 0, width);
        return pixels;
    }
}
