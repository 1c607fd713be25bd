package io.portal.console.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.common.BitMatrix;
import io.portal.console.identity.QrCodes;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

@ExtendWith(ApplicationExtension.class)
class QrImagesTest {
    @Test
    void everyPixelHasItsModulesColour() {
        BitMatrix modules = QrCodes.encode("AGOU6STUPZZRWK3FOTPTHOL7CQKWUZOFPJZIHMPROY7HTUDKQ3CNG4QO");
        int scale = 3;

        Image image = QrImages.toImage(modules, scale);

        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        assertThat(width).isEqualTo(modules.getWidth() * scale);
        assertThat(height).isEqualTo(modules.getHeight() * scale);
        int[] argb = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int expected = modules.get(x / scale, y / scale) ? 0xff000000 : 0xffffffff;
                assertThat(argb[y * width + x]).as("pixel %d,%d", x, y).isEqualTo(expected);
            }
        }
    }
}
