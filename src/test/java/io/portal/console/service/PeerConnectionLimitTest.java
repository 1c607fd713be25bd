package io.portal.console.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer listener holds at most {@code maxPeerConnections} connections: past that it accepts no more until one
 * closes. Observed from outside: a connection that sends bytes that are not TLS is answered (the listener closes it)
 * only once it has been accepted.
 */
class PeerConnectionLimitTest {
    private static final int LIMIT = 2;

    @TempDir
    Path dir;
    private TestPortal portal;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        portal = new TestPortal(dir, "Limited", ServiceConfig.ephemeral().withMaxPeerConnections(LIMIT));
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        portal.close();
    }

    @Test
    void pastTheLimitNewConnectionsWaitUntilOneCloses() throws Exception {
        for (int i = 0; i < LIMIT; i++) {
            connect();
        }
        awaitConnections(LIMIT);

        Socket waiting = connect();
        waiting.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        waiting.setSoTimeout(700);
        assertThatThrownBy(() -> waiting.getInputStream().read())
                .as("not accepted while the listener is full")
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(portal.service.peerConnections()).isEqualTo(LIMIT);

        sockets.get(0).close();
        waiting.setSoTimeout(10_000);
        assertThat(drain(waiting.getInputStream())).as("accepted once a slot is free, then closed (not TLS)")
                .isEqualTo(-1);
    }

    @Test
    void underTheLimitBytesThatAreNotTlsAreAnsweredAtOnce() throws Exception {
        Socket socket = connect();
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.setSoTimeout(10_000);
        assertThat(drain(socket.getInputStream())).isEqualTo(-1);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", portal.service.peerPort());
        sockets.add(socket);
        return socket;
    }

    /** Reads until the end of the stream (a TLS alert may come first) and returns the last read's result. */
    private static int drain(InputStream in) throws IOException {
        byte[] buffer = new byte[512];
        int read;
        do {
            read = in.read(buffer);
        } while (read > 0);
        return read;
    }

    private void awaitConnections(int count) throws InterruptedException {
        for (int i = 0; i < 200 && portal.service.peerConnections() < count; i++) {
            Thread.sleep(25);
        }
        assertThat(portal.service.peerConnections()).isEqualTo(count);
    }
}
