package io.portal.console.identity;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** The QR code that carries a Portal ID: the canonical ID (alphanumeric mode), error correction M, quiet zone. */
public final class QrCodes {
    public static final int QUIET_ZONE_MODULES = 4;
    public static final int PNG_PIXELS_PER_MODULE = 12;

    private QrCodes() {
    }

    /** One pixel per module, quiet zone included. */
    public static BitMatrix encode(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                            EncodeHintType.MARGIN, QUIET_ZONE_MODULES));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code: " + e.getMessage(), e);
        }
    }

    public static BitMatrix encode(PortalId id) {
        return encode(id.canonical());
    }

    /** Writes the ID's QR code as a PNG with crisp square modules. */
    public static void writePng(PortalId id, Path file) throws IOException {
        BitMatrix modules = encode(id);
        BitMatrix scaled = new BitMatrix(modules.getWidth() * PNG_PIXELS_PER_MODULE);
        for (int y = 0; y < scaled.getHeight(); y++) {
            for (int x = 0; x < scaled.getWidth(); x++) {
                if (modules.get(x / PNG_PIXELS_PER_MODULE, y / PNG_PIXELS_PER_MODULE)) {
                    scaled.set(x, y);
                }
            }
        }
        MatrixToImageWriter.writeToPath(scaled, "PNG", file);
    }
}
