package io.portal.console.peers;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.GenericMultipleBarcodeReader;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
import io.portal.console.Messages;
import io.portal.console.identity.IdParser;
import io.portal.console.identity.PortalId;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Finds Portal IDs in QR codes: in image files, image bytes, or pixels (the clipboard, a screen capture). Refuses
 * huge inputs before decoding them, and says plainly when there is no code or the code is not a Portal ID.
 */
public final class QrScanner {
    public static final long DEFAULT_MAX_FILE_BYTES = 20L * 1024 * 1024;
    /** Enough for several 4K screens side by side. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    private static final int SHOWN_TEXT_LENGTH = 60;

    private final long maxFileBytes;
    private final long maxPixels;

    public QrScanner() {
        this(DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_PIXELS);
    }

    public QrScanner(long maxFileBytes, long maxPixels) {
        this.maxFileBytes = maxFileBytes;
        this.maxPixels = maxPixels;
    }

    /** A Portal ID found in a code, with the code's text (a {@code portal:} URI may also carry name and addresses). */
    public record Candidate(String text, IdParser.Valid parsed) {
        public PortalId id() {
            return parsed.id();
        }
    }

    /** The outcome of a scan. */
    public sealed interface Scan permits Found, Failed {
    }

    /** One or more distinct Portal IDs, in reading order. */
    public record Found(List<Candidate> candidates) implements Scan {
        public Found {
            candidates = List.copyOf(candidates);
        }
    }

    public record Failed(String message) implements Scan {
    }

    public Scan scanFile(Path file) {
        String source = String.valueOf(file.getFileName());
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return new Failed(Messages.get("qr.error.noFile", file));
        } catch (IOException e) {
            return new Failed(Messages.get("qr.error.read", source, e.getMessage()));
        }
        if (Files.isDirectory(file)) {
            return new Failed(Messages.get("qr.error.notImage", source));
        }
        if (size > maxFileBytes) {
            return new Failed(Messages.get("qr.error.fileTooLarge", source, megabytes(size), megabytes(maxFileBytes)));
        }
        try (InputStream in = Files.newInputStream(file)) {
            return scanStream(in, source);
        } catch (IOException e) {
            return new Failed(Messages.get("qr.error.read", source, e.getMessage()));
        }
    }

    public Scan scanBytes(byte[] bytes, String source) {
        if (bytes.length > maxFileBytes) {
            return new Failed(Messages.get("qr.error.fileTooLarge", source, megabytes(bytes.length),
                    megabytes(maxFileBytes)));
        }
        try {
            return scanStream(new ByteArrayInputStream(bytes), source);
        } catch (IOException e) {
            return new Failed(Messages.get("qr.error.read", source, e.getMessage()));
        }
    }

    /** Scans pixels in ARGB order, row by row (as a JavaFX {@code PixelReader} gives them). */
    public Scan scanPixels(int width, int height, int[] argb, String source) {
        if ((long) width * height > maxPixels) {
            return new Failed(Messages.get("qr.error.tooManyPixels", source, width, height));
        }
        if (width <= 0 || height <= 0 || argb.length < width * height) {
            return new Failed(Messages.get("qr.error.none", source));
        }
        return decode(new RGBLuminanceSource(width, height, argb), source);
    }

    private Scan scanStream(InputStream in, String source) throws IOException {
        BufferedImage image;
        try (ImageInputStream stream = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = stream == null ? null : ImageIO.getImageReaders(stream);
            if (readers == null || !readers.hasNext()) {
                return new Failed(Messages.get("qr.error.notImage", source));
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > maxPixels) {
                    return new Failed(Messages.get("qr.error.tooManyPixels", source, width, height));
                }
                image = reader.read(0);
            } catch (IOException | RuntimeException e) {
                return new Failed(Messages.get("qr.error.damaged", source));
            } finally {
                reader.dispose();
            }
        }
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
        return decode(new RGBLuminanceSource(width, height, pixels), source);
    }

    private Scan decode(LuminanceSource luminance, String source) {
        Set<String> texts = new LinkedHashSet<>();
        List<Function<LuminanceSource, BinaryBitmap>> binarizers = List.of(
                l -> new BinaryBitmap(new HybridBinarizer(l)), l -> new BinaryBitmap(new GlobalHistogramBinarizer(l)));
        for (LuminanceSource candidate : List.of(luminance, luminance.invert())) {
            for (Function<LuminanceSource, BinaryBitmap> binarizer : binarizers) {
                texts.addAll(read(binarizer.apply(candidate)));
                if (!texts.isEmpty()) {
                    return interpret(texts, source);
                }
            }
        }
        return interpret(texts, source);
    }

    private static List<String> read(BinaryBitmap bitmap) {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
        List<String> texts = new ArrayList<>();
        try {
            for (Result result : new QRCodeMultiReader().decodeMultiple(bitmap, hints)) {
                texts.add(result.getText());
            }
        } catch (NotFoundException e) {
            // Fall through to the generic reader, which finds codes the multi-reader misses.
        }
        if (texts.isEmpty()) {
            try {
                for (Result result : new GenericMultipleBarcodeReader(new QRCodeReader()).decodeMultiple(bitmap, hints)) {
                    texts.add(result.getText());
                }
            } catch (ReaderException e) {
                // Nothing here either.
            }
        }
        return texts;
    }

    private static Scan interpret(Set<String> texts, String source) {
        if (texts.isEmpty()) {
            return new Failed(Messages.get("qr.error.none", source));
        }
        List<Candidate> candidates = new ArrayList<>();
        Set<PortalId> seen = new LinkedHashSet<>();
        String other = null;
        for (String text : texts) {
            if (IdParser.parse(text) instanceof IdParser.Valid valid) {
                if (seen.add(valid.id())) {
                    candidates.add(new Candidate(text.strip(), valid));
                }
            } else if (other == null) {
                other = text;
            }
        }
        if (candidates.isEmpty()) {
            return new Failed(Messages.get("qr.error.notPortal", shown(other)));
        }
        return new Found(candidates);
    }

    static String shown(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        StringBuilder safe = new StringBuilder();
        oneLine.codePoints().filter(c -> !Character.isISOControl(c)).forEach(safe::appendCodePoint);
        String result = safe.toString();
        if (result.codePointCount(0, result.length()) > SHOWN_TEXT_LENGTH) {
            result = result.substring(0, result.offsetByCodePoints(0, SHOWN_TEXT_LENGTH)) + "\u2026";
        }
        return result;
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
