package io.portal.console.peers;

import com.google.zxing.common.BitMatrix;
import io.portal.console.identity.QrCodes;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** Pictures with QR codes in them, made with zxing, for tests. */
public final class QrPictures {
    private QrPictures() {
    }

    /** The codes side by side on a white (or, inverted, black) background. */
    public static BufferedImage image(List<String> texts, int scale, boolean inverted) {
        List<BitMatrix> codes = texts.stream().map(QrCodes::encode).toList();
        int width = codes.stream().mapToInt(m -> m.getWidth() * scale).sum() + 20;
        int height = codes.stream().mapToInt(m -> m.getHeight() * scale).max().orElse(10) + 20;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(inverted ? Color.BLACK : Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(inverted ? Color.WHITE : Color.BLACK);
        int left = 10;
        for (BitMatrix code : codes) {
            for (int y = 0; y < code.getHeight(); y++) {
                for (int x = 0; x < code.getWidth(); x++) {
                    if (code.get(x, y)) {
                        g.fillRect(left + x * scale, 10 + y * scale, scale, scale);
                    }
                }
            }
            left += code.getWidth() * scale;
        }
        g.dispose();
        return image;
    }

    public static Path png(Path file, String... texts) throws IOException {
        ImageIO.write(image(List.of(texts), 6, false), "png", file.toFile());
        return file;
    }

    public static Path jpeg(Path file, String text) throws IOException {
        ImageIO.write(image(List.of(text), 6, false), "jpg", file.toFile());
        return file;
    }

    public static int[] argb(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
