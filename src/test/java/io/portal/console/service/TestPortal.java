package io.portal.console.service;

import io.portal.console.app.DataDirectory;
import io.portal.console.app.PortalConsole;
import io.portal.console.apps.Registration;
import io.portal.console.apps.Sharing;
import io.portal.console.identity.PortalId;
import io.portal.console.store.Peer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One Portal for tests: its own data folder, service on ephemeral loopback ports, and an echo app. */
final class TestPortal implements AutoCloseable {
    static final String ECHO_MANIFEST = """
            {"name": "echo", "description": "Echoes requests",
             "paths": {"": {"access": "private"},
                       "/peer/": {"access": "peer", "headers": {"X-Ptl-Client-Id": "{{ auth.client_id }}",
                                  "X-Ptl-Client-Name": "{{ client_name }}", "X-Ptl-Client-Type": "{{ auth.client_type }}"}},
                       "/peer/private/": {"access": "private"}}}
            """;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    final PortalConsole console;
    final PeerService service;
    final EchoApp echo;
    final String token;

    TestPortal(Path dir, String name, ServiceConfig config) throws IOException {
        console = PortalConsole.open(new DataDirectory(dir));
        console.profile().rename(name);
        echo = new EchoApp();
        Registration registration = console.appRegistry().register(ECHO_MANIFEST, Optional.of(echo.url()));
        token = ((Registration.Registered) registration).token();
        service = console.startService(config);
    }

    TestPortal(Path dir, String name) throws IOException {
        this(dir, name, ServiceConfig.ephemeral());
    }

    PortalId id() {
        return console.identity().id();
    }

    String peerAddress() {
        return "127.0.0.1:" + service.peerPort();
    }

    /** Adds the other Portal as a peer under the given name, at its peer address. */
    void addPeer(TestPortal other, String name) {
        addPeer(other.id(), name, other.peerAddress());
    }

    void addPeer(PortalId id, String name, String address) {
        console.peers().add(Peer.added(id, name, List.of(address), Instant.now()));
    }

    void share(String app, Sharing sharing) {
        console.appRegistry().share(app, sharing);
    }

    URI api(String path) {
        return URI.create("http://127.0.0.1:" + service.apiPort() + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(api(path)).header("Authorization", "Bearer " + token).GET().build());
    }

    static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        echo.close();
        console.close();
    }
}
