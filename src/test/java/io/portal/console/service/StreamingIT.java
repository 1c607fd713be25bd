package io.portal.console.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.portal.console.app.DataDirectory;
import io.portal.console.app.PortalConsole;
import io.portal.console.apps.Registration;
import io.portal.console.apps.Sharing;
import io.portal.console.identity.PortalId;
import io.portal.console.store.Peer;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 MB each way between two {@code serve} processes limited to a 128 MB heap: bodies must stream, never be
 * held whole.
 */
class StreamingIT {
    private static final long SIZE = 200L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void twoHundredMegabytesStreamEachWayThroughSmallHeaps() throws Exception {
        try (EchoApp echoB = new EchoApp()) {
            Path a = dir.resolve("a");
            Path b = dir.resolve("b");
            String token = prepare(a, echoB, Sharing.ALL);
            prepare(b, echoB, Sharing.ALL);
            try (ServeProcess serveA = new ServeProcess(a, "-Xmx128m");
                    ServeProcess serveB = new ServeProcess(b, "-Xmx128m")) {
                PortalId idA = peerEachOther(a, b, serveB);
                peerEachOther(b, a, serveA);
                PortalId idB = idOf(b);
                assertThat(idA).isNotEqualTo(idB);
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

                long started = System.nanoTime();
                HttpRequest upload = HttpRequest.newBuilder(serveA.api("/v1/call/" + idB.canonical() + "/peer/upload"))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(() -> new Zeros(SIZE)), SIZE)).build();
                HttpResponse<String> uploaded = http.send(upload, HttpResponse.BodyHandlers.ofString());
                assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
                assertThat(new ObjectMapper().readTree(uploaded.body()).path("received").asLong()).isEqualTo(SIZE);

                HttpRequest download = HttpRequest.newBuilder(serveA.api("/v1/call/" + idB.canonical()
                        + "/peer/download?bytes=" + SIZE)).header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(60)).build();
                HttpResponse<InputStream> downloaded = http.send(download, HttpResponse.BodyHandlers.ofInputStream());
                assertThat(downloaded.statusCode()).isEqualTo(200);
                long count = 0;
                try (InputStream in = downloaded.body()) {
                    byte[] buffer = new byte[256 * 1024];
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        count += n;
                    }
                }
                assertThat(count).isEqualTo(SIZE);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
                assertThat(serveA.terminate()).isZero();
                assertThat(serveB.terminate()).isZero();
                assertThat(serveA.output() + serveB.output()).doesNotContain("OutOfMemoryError");
            }
        }
    }

    private static String prepare(Path data, EchoApp echo, Sharing sharing) {
        try (PortalConsole console = PortalConsole.open(new DataDirectory(data))) {
            Registration registration = console.appRegistry().register(TestPortal.ECHO_MANIFEST, Optional.of(echo.url()));
            console.appRegistry().share("echo", sharing);
            return ((Registration.Registered) registration).token();
        }
    }

    private static PortalId idOf(Path data) {
        try (PortalConsole console = PortalConsole.open(new DataDirectory(data))) {
            return console.identity().id();
        }
    }

    /** Adds {@code other} as a peer of {@code data} at the address its running service listens on. */
    private static PortalId peerEachOther(Path data, Path other, ServeProcess otherServe) {
        PortalId otherId = idOf(other);
        try (PortalConsole console = PortalConsole.open(new DataDirectory(data))) {
            console.peers().add(Peer.added(otherId, "Other", List.of(otherServe.peerAddress()), Instant.now()));
            return console.identity().id();
        }
    }

    /** A stream of zeros of a given length, generated, never stored. */
    static final class Zeros extends InputStream {
        private long left;

        Zeros(long length) {
            this.left = length;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
