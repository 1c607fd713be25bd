package io.portal.console.peers;

import static io.portal.console.peers.TestIds.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.portal.console.identity.PortalId;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QrScannerTest {
    final QrScanner scanner = new QrScanner();
    @TempDir
    Path dir;

    @Test
    void findsTheIdInPngAndJpegFiles() throws IOException {
        PortalId friend = id(5);
        assertThat(scanner.scanFile(QrPictures.png(dir.resolve("a.png"), friend.canonical())))
                .isEqualTo(found(friend.canonical(), friend));
        assertThat(scanner.scanFile(QrPictures.jpeg(dir.resolve("a.jpg"), friend.canonical())))
                .isInstanceOfSatisfying(QrScanner.Found.class,
                        f -> assertThat(f.candidates()).singleElement().satisfies(c -> assertThat(c.id()).isEqualTo(friend)));
    }

    @Test
    void keepsThePortalUriSoNameAndAddressesComeAlong() throws IOException {
        PortalId friend = id(5);
        String uri = "portal:" + friend.canonical() + "?name=Alice&addr=alice.example.org:7443";
        assertThat(scanner.scanFile(QrPictures.png(dir.resolve("uri.png"), uri))).isInstanceOfSatisfying(
                QrScanner.Found.class, f -> {
                    assertThat(f.candidates().get(0).parsed().name()).hasValue("Alice");
                    assertThat(f.candidates().get(0).parsed().addresses()).containsExactly("alice.example.org:7443");
                });
    }

    @Test
    void returnsEveryIdWhenSeveralCodesAreInThePicture() throws IOException {
        Path file = QrPictures.png(dir.resolve("two.png"), id(5).canonical(), id(6).canonical());
        assertThat(scanner.scanFile(file)).isInstanceOfSatisfying(QrScanner.Found.class,
                f -> assertThat(f.candidates()).extracting(QrScanner.Candidate::id).containsExactlyInAnyOrder(id(5), id(6)));
    }

    @Test
    void readsPixelsAndInvertedCodes() {
        BufferedImage inverted = QrPictures.image(List.of(id(7).canonical()), 5, true);
        assertThat(scanner.scanPixels(inverted.getWidth(), inverted.getHeight(), QrPictures.argb(inverted), "the screen"))
                .isInstanceOfSatisfying(QrScanner.Found.class,
                        f -> assertThat(f.candidates().get(0).id()).isEqualTo(id(7)));
    }

    @Test
    void saysWhenTheCodeIsNotAPortalId() throws IOException {
        Path file = QrPictures.png(dir.resolve("url.png"), "https://example.org/" + "x".repeat(100));
        assertThat(scanner.scanFile(file)).isInstanceOfSatisfying(QrScanner.Failed.class, f -> assertThat(f.message())
                .startsWith("This QR code is not a Portal ID (it contains: https://example.org/xxx").endsWith("\u2026).")
                .hasSizeLessThan(120));
    }

    @Test
    void saysWhenThereIsNoCodeNoImageOrTooMuch() throws IOException {
        BufferedImage blank = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        Path empty = dir.resolve("empty.png");
        ImageIO.write(blank, "png", empty.toFile());
        assertThat(scanner.scanFile(empty)).isEqualTo(new QrScanner.Failed("No QR code found in empty.png."));

        Path text = Files.writeString(dir.resolve("notes.png"), "hello");
        assertThat(scanner.scanFile(text)).isEqualTo(new QrScanner.Failed("notes.png is not a PNG, JPEG, GIF or BMP image."));

        byte[] big = new byte[10 * 1024 * 1024];
        new Random(1).nextBytes(big);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, 0, big, 0, 8);
        Path tenMegabytes = Files.write(dir.resolve("big.png"), big);
        assertThat(scanner.scanFile(tenMegabytes)).isInstanceOfSatisfying(QrScanner.Failed.class,
                f -> assertThat(f.message()).startsWith("big.png"));

        assertThat(new QrScanner(1024, 1_000_000).scanFile(tenMegabytes)).isEqualTo(
                new QrScanner.Failed("big.png is too large to scan (10.0 MB; at most 0.0 MB)."));
        assertThat(new QrScanner(QrScanner.DEFAULT_MAX_FILE_BYTES, 10_000).scanFile(empty)).isEqualTo(
                new QrScanner.Failed("empty.png is too large to scan (300 \u00d7 200 pixels)."));
        assertThat(scanner.scanFile(dir.resolve("missing.png"))).isInstanceOfSatisfying(QrScanner.Failed.class,
                f -> assertThat(f.message()).contains("does not exist"));
    }

    private static QrScanner.Found found(String text, PortalId id) {
        return new QrScanner.Found(List.of(new QrScanner.Candidate(text,
                (io.portal.console.identity.IdParser.Valid) io.portal.console.identity.IdParser.parse(text))));
    }
}
