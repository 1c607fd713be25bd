package io.portal.console.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The peer listener holds at most {@code maxPeerConnections} connections and the local API at most
 * {@code maxApiConnections}: past that a listener accepts no more until one closes. Observed from outside: a
 * connection that sends a request is answered only once it has been accepted (the peer listener closes a connection
 * that does not speak TLS; the local API answers a request without a token with 401).
 */
class ConnectionLimitTest {
    private static final int LIMIT = 2;
    private static final byte[] REQUEST = "GET /v1/self HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    enum Listener {
        PEER(PeerService::peerPort, PeerService::peerConnections) {
            @Override
            void assertAnswered(InputStream in) throws IOException {
                assertThat(read(in).size()).as("closed, after at most a TLS alert").isLessThan(64);
            }
        },
        API(PeerService::apiPort, PeerService::apiConnections) {
            @Override
            void assertAnswered(InputStream in) throws IOException {
                assertThat(new String(read(in).toByteArray(), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 401");
            }
        };

        final ToIntFunction<PeerService> port;
        final ToIntFunction<PeerService> connections;

        Listener(ToIntFunction<PeerService> port, ToIntFunction<PeerService> connections) {
            this.port = port;
            this.connections = connections;
        }

        abstract void assertAnswered(InputStream in) throws IOException;
    }

    @TempDir
    Path dir;
    private TestPortal portal;
    private final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        portal = new TestPortal(dir, "Limited",
                ServiceConfig.ephemeral().withMaxPeerConnections(LIMIT).withMaxApiConnections(LIMIT));
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        portal.close();
    }

    @ParameterizedTest
    @EnumSource(Listener.class)
    void pastTheLimitNewConnectionsWaitUntilOneCloses(Listener listener) throws Exception {
        for (int i = 0; i < LIMIT; i++) {
            connect(listener);
        }
        awaitConnections(listener, LIMIT);

        Socket waiting = connect(listener);
        waiting.getOutputStream().write(REQUEST);
        waiting.setSoTimeout(700);
        assertThatThrownBy(() -> waiting.getInputStream().read())
                .as("not accepted while the listener is full")
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(listener.connections.applyAsInt(portal.service)).isEqualTo(LIMIT);

        sockets.get(0).close();
        waiting.setSoTimeout(10_000);
        listener.assertAnswered(waiting.getInputStream());
    }

    @ParameterizedTest
    @EnumSource(Listener.class)
    void underTheLimitARequestIsAnsweredAtOnce(Listener listener) throws Exception {
        Socket socket = connect(listener);
        socket.getOutputStream().write(REQUEST);
        socket.setSoTimeout(10_000);
        listener.assertAnswered(socket.getInputStream());
    }

    private Socket connect(Listener listener) throws IOException {
        Socket socket = new Socket("127.0.0.1", listener.port.applyAsInt(portal.service));
        sockets.add(socket);
        return socket;
    }

    /**
     * Reads what the listener sends until it closes the connection or, for an HTTP answer kept open, until the end
     * of the first answer's headers.
     */
    private static ByteArrayOutputStream read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[512];
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            all.write(buffer, 0, n);
            if (all.toString(StandardCharsets.US_ASCII).contains("\r\n\r\n")) {
                break;
            }
        }
        return all;
    }

    private void awaitConnections(Listener listener, int count) throws InterruptedException {
        for (int i = 0; i < 200 && listener.connections.applyAsInt(portal.service) < count; i++) {
            Thread.sleep(25);
        }
        assertThat(listener.connections.applyAsInt(portal.service)).isEqualTo(count);
    }
}
