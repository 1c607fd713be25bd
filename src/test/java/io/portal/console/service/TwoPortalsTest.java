package io.portal.console.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portal.console.apps.Registration;
import io.portal.console.apps.Sharing;
import io.portal.console.identity.Ed25519Keys;
import io.portal.console.identity.PortalId;
import io.portal.console.store.PeerState;
import io.portal.console.store.PendingRequest;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Two Portals (and a few others) on loopback with real TLS, real SQLite and an echo app on each. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoPortalsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    TestPortal alice;
    TestPortal bob;
    TestPortal impostor;
    TestPortal stranger;
    PortalId expectedAtImpostor = PortalId.ofPublicKey(Ed25519Keys.generate().getPublic());
    PortalId offline = PortalId.ofPublicKey(Ed25519Keys.generate().getPublic());
    PortalId blocked = PortalId.ofPublicKey(Ed25519Keys.generate().getPublic());
    PortalId unshared = PortalId.ofPublicKey(Ed25519Keys.generate().getPublic());
    PortalId twin1 = twin(1);
    PortalId twin2 = twin(2);
    String noneToken;
    String allToken;

    static PortalId twin(int n) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) 0x5a);
        bytes[31] = (byte) n;
        return PortalId.ofBytes(bytes);
    }

    @BeforeAll
    void start() throws Exception {
        ServiceConfig config = ServiceConfig.ephemeral().withMaxBody(1 << 20)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(2));
        alice = new TestPortal(dir.resolve("alice"), "Alice", config);
        bob = new TestPortal(dir.resolve("bob"), "Bob");
        impostor = new TestPortal(dir.resolve("impostor"), "Impostor");
        stranger = new TestPortal(dir.resolve("stranger"), "Stranger Ünïcode");

        alice.addPeer(bob, "Bob");
        alice.addPeer(expectedAtImpostor, "Moved", impostor.peerAddress());
        alice.addPeer(offline, "Offline", "127.0.0.1:1");
        alice.addPeer(blocked, "Blocked", "127.0.0.1:1");
        alice.console.peers().setState(blocked, PeerState.BLOCKED);
        alice.addPeer(unshared, "Unshared", "127.0.0.1:1");
        alice.addPeer(twin1, "Twin 1", "127.0.0.1:1");
        alice.addPeer(twin2, "Twin 2", "127.0.0.1:1");
        alice.share("echo", Sharing.selected(Set.of(bob.id(), expectedAtImpostor, offline, blocked, twin1, twin2)));
        noneToken = register(alice, "lister-none", Sharing.NONE);
        allToken = register(alice, "lister-all", Sharing.ALL);
        register(alice, "notes", Sharing.ALL);
        register(alice, "quiet", Sharing.ALL);

        bob.addPeer(alice, "Alice");
        bob.share("echo", Sharing.ALL);
        register(bob, "quiet", Sharing.NONE);

        stranger.addPeer(bob, "Bob");
        stranger.share("echo", Sharing.ALL);
    }

    private static String register(TestPortal portal, String name, Sharing sharing) {
        String manifest = TestPortal.ECHO_MANIFEST.replace("\"echo\"", "\"" + name + "\"");
        Registration registration = portal.console.appRegistry().register(manifest, Optional.of(portal.echo.url()));
        portal.share(name, sharing);
        return ((Registration.Registered) registration).token();
    }

    @AfterAll
    void stop() {
        for (TestPortal p : new TestPortal[] {alice, bob, impostor, stranger}) {
            if (p != null) {
                p.close();
            }
        }
    }

    private HttpResponse<String> call(TestPortal from, String method, String path, HttpRequest.BodyPublisher body,
            String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(from.api(path)).header("Authorization", "Bearer " + from.token)
                .method(method, body);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return TestPortal.send(b.build());
    }

    private HttpResponse<String> get(TestPortal from, String path) throws Exception {
        return call(from, "GET", path, HttpRequest.BodyPublishers.noBody());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String slug) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.path("type").asText()).isEqualTo("urn:portal:problem:" + slug);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).isNotBlank();
    }

    @Test
    void selfNamesThisPortal() throws Exception {
        JsonNode self = json(get(alice, "/v1/self"));
        assertThat(self.path("id").asText()).isEqualTo(alice.id().canonical());
        assertThat(self.path("shortId").asText()).isEqualTo(alice.id().shortId());
        assertThat(self.path("name").asText()).isEqualTo("Alice");
    }

    @Test
    void missingOrWrongTokenIs401() throws Exception {
        var missing = TestPortal.send(HttpRequest.newBuilder(alice.api("/v1/self")).build());
        assertProblem(missing, 401, "unauthorized");
        var wrong = TestPortal.send(HttpRequest.newBuilder(alice.api("/v1/peers"))
                .header("Authorization", "Bearer ptk_wrong").build());
        assertProblem(wrong, 401, "unauthorized");
    }

    @Test
    void peersFollowEachAppsSharing() throws Exception {
        List<String> selected = ids(get(alice, "/v1/peers"));
        assertThat(selected).containsExactlyInAnyOrder(bob.id().canonical(), expectedAtImpostor.canonical(),
                offline.canonical(), twin1.canonical(), twin2.canonical());
        var none = TestPortal.send(HttpRequest.newBuilder(alice.api("/v1/peers")).header("Authorization", "Bearer " + noneToken).build());
        assertThat(ids(none)).isEmpty();
        var all = TestPortal.send(HttpRequest.newBuilder(alice.api("/v1/peers")).header("Authorization", "Bearer " + allToken).build());
        assertThat(ids(all)).hasSize(6).doesNotContain(blocked.canonical()).contains(unshared.canonical());
        JsonNode bobEntry = StreamSupport.stream(json(all).spliterator(), false)
                .filter(n -> n.path("id").asText().equals(bob.id().canonical())).findFirst().orElseThrow();
        assertThat(bobEntry.path("name").asText()).isEqualTo("Bob");
        assertThat(bobEntry.path("shortId").asText()).isEqualTo(bob.id().shortId());
        assertThat(bobEntry.has("online")).isTrue();
        assertThat(bobEntry.has("lastSeen")).isTrue();
    }

    private static List<String> ids(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(json(response).spliterator(), false).map(n -> n.path("id").asText()).toList();
    }

    @Test
    void callReachesTheSameAppOnThePeerWithTheCallersIdentity() throws Exception {
        var response = call(alice, "POST", "/v1/call/" + bob.id().display() + "/peer/notes?x=1&y=%20z",
                HttpRequest.BodyPublishers.ofString("hello"), "Content-Type", "text/plain", "X-Custom", "kept",
                "Cookie", "secret=1");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Echo")).hasValue("yes");
        JsonNode echo = json(response);
        assertThat(echo.path("method").asText()).isEqualTo("POST");
        assertThat(echo.path("path").asText()).isEqualTo("/peer/notes");
        assertThat(echo.path("query").asText()).isEqualTo("x=1&y=%20z");
        assertThat(echo.path("received").asLong()).isEqualTo(5);
        JsonNode h = echo.path("headers");
        assertThat(h.path("x-portal-client-type").asText()).isEqualTo("peer");
        assertThat(h.path("x-portal-peer-id").asText()).isEqualTo(alice.id().canonical());
        assertThat(h.path("x-portal-peer-short-id").asText()).isEqualTo(alice.id().shortId());
        assertThat(h.path("x-portal-peer-name").asText()).isEqualTo("Alice");
        assertThat(h.path("x-custom").asText()).isEqualTo("kept");
        assertThat(h.path("content-type").asText()).isEqualTo("text/plain");
        assertThat(h.has("cookie")).isFalse();
        assertThat(h.has("authorization")).isFalse();
        assertThat(h.has("x-portal-sender-name")).isFalse();
        // The manifest's header templates for /peer/, filled in.
        assertThat(h.path("x-ptl-client-id").asText()).isEqualTo(alice.id().canonical());
        assertThat(h.path("x-ptl-client-name").asText()).isEqualTo("Alice");
        assertThat(h.path("x-ptl-client-type").asText()).isEqualTo("peer");
    }

    @Test
    void peerMayBeNamedByAUniquePrefixAndTheAppsStatusComesBack() throws Exception {
        var response = get(alice, "/v1/call/" + bob.id().canonical().substring(0, 8).toLowerCase() + "/peer/teapot");
        assertThat(response.statusCode()).isEqualTo(418);
        assertThat(json(response).path("path").asText()).isEqualTo("/peer/teapot");
    }

    @Test
    void spoofedPortalHeadersNeverReachTheApp() throws Exception {
        var response = call(alice, "GET", "/v1/call/" + bob.id().canonical() + "/peer/x", HttpRequest.BodyPublishers.noBody(),
                "X-Portal-Peer-Id", "SPOOFED", "X-Portal-Client-Type", "local", "x-ptl-client-id", "SPOOFED",
                "X-Portal-Sender-Name", "Mallory", "X-Ptl-Anything", "no");
        JsonNode h = json(response).path("headers");
        assertThat(h.path("x-portal-peer-id").asText()).isEqualTo(alice.id().canonical());
        assertThat(h.path("x-portal-client-type").asText()).isEqualTo("peer");
        assertThat(h.path("x-ptl-client-id").asText()).isEqualTo(alice.id().canonical());
        assertThat(h.path("x-portal-peer-name").asText()).isEqualTo("Alice");
        assertThat(h.has("x-ptl-anything")).isFalse();
        assertThat(h.toString()).doesNotContain("SPOOFED", "Mallory");
        // And the app's own X-Portal-* response headers do not travel back either.
        var download = get(alice, "/v1/call/" + bob.id().canonical() + "/peer/download?bytes=10");
        assertThat(download.headers().firstValue("X-Portal-Fake")).isEmpty();
    }

    @Test
    void unknownAndAmbiguousPeers() throws Exception {
        assertProblem(get(alice, "/v1/call/" + PortalId.ofPublicKey(Ed25519Keys.generate().getPublic()).canonical() + "/peer/x"),
                404, "unknown-peer");
        assertProblem(get(alice, "/v1/call/ABC/peer/x"), 404, "unknown-peer");
        assertProblem(get(alice, "/v1/call/" + twin1.canonical().substring(0, 8) + "/peer/x"), 409, "ambiguous-peer");
    }

    @Test
    void notSharedAndBlockedPeersAreRefusedHere() throws Exception {
        assertProblem(get(alice, "/v1/call/" + unshared.canonical() + "/peer/x"), 403, "peer-not-shared");
        assertProblem(get(alice, "/v1/call/" + blocked.canonical() + "/peer/x"), 403, "peer-blocked");
    }

    @Test
    void unreachableMismatchAndTimeout() throws Exception {
        assertProblem(get(alice, "/v1/call/" + offline.canonical() + "/peer/x"), 502, "peer-unreachable");
        var mismatch = get(alice, "/v1/call/" + expectedAtImpostor.canonical() + "/peer/x");
        assertProblem(mismatch, 502, "peer-identity-mismatch");
        assertThat(json(mismatch).path("detail").asText()).contains("different Portal", impostor.id().canonical());
        assertThat(impostor.echo.lastHeaders.get()).isEmpty();
        assertProblem(get(alice, "/v1/call/" + bob.id().canonical() + "/peer/slow?ms=4000"), 504, "peer-timeout");
    }

    @Test
    void refusalsByThePeerCarryTheirReason() throws Exception {
        assertProblem(get(alice, "/v1/call/" + bob.id().canonical() + "/private/x"), 403, "peer-refused-not-peer-path");
        assertProblem(get(alice, "/v1/call/" + bob.id().canonical() + "/peer/private/x"), 403, "peer-refused-not-peer-path");
        assertProblem(TestPortal.send(HttpRequest.newBuilder(alice.api("/v1/call/" + bob.id().canonical() + "/peer/x"))
                .header("Authorization", "Bearer " + allToken).build()), 403, "peer-refused-app-not-installed");
        String quiet = ((Registration.Registered) alice.console.appRegistry().register(
                TestPortal.ECHO_MANIFEST.replace("\"echo\"", "\"quiet2\""), Optional.of(alice.echo.url()))).token();
        alice.share("quiet2", Sharing.ALL);
        register(bob, "quiet2", Sharing.NONE);
        var notShared = TestPortal.send(HttpRequest.newBuilder(alice.api("/v1/call/" + bob.id().canonical() + "/peer/x"))
                .header("Authorization", "Bearer " + quiet).build());
        assertProblem(notShared, 403, "peer-refused-app-not-shared");
    }

    @Test
    void strangerIsRefusedAndRecordedAsPending() throws Exception {
        var response = get(stranger, "/v1/call/" + bob.id().canonical() + "/peer/x");
        assertProblem(response, 403, "peer-refused-not-a-peer");
        List<PendingRequest> pending = bob.console.pending().list();
        assertThat(pending).extracting(PendingRequest::id).contains(stranger.id());
        PendingRequest request = pending.stream().filter(p -> p.id().equals(stranger.id())).findFirst().orElseThrow();
        assertThat(request.name()).isEqualTo("Stranger Ünïcode");
        assertThat(request.address()).isEqualTo("127.0.0.1:" + stranger.service.peerPort());
        assertThat(request.count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void bodiesOverTheLimitAre413() throws Exception {
        byte[] big = new byte[2 << 20];
        var declared = call(alice, "PUT", "/v1/call/" + bob.id().canonical() + "/peer/up",
                HttpRequest.BodyPublishers.ofByteArray(big));
        assertProblem(declared, 413, "body-too-large");

        var chunked = call(alice, "PUT", "/v1/call/" + bob.id().canonical() + "/peer/up",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
        assertProblem(chunked, 413, "body-too-large");
    }

    @Test
    void everyCallIsRecordedAsActivity() throws Exception {
        get(alice, "/v1/call/" + bob.id().canonical() + "/peer/activity");
        Thread.sleep(1200);
        assertThat(alice.console.activity().recent(500)).anySatisfy(e -> {
            assertThat(e.path()).isEqualTo("/peer/activity");
            assertThat(e.direction().dbValue()).isEqualTo("out");
            assertThat(e.status()).isEqualTo(200);
            assertThat(e.peerId()).isEqualTo(bob.id().canonical());
        });
        assertThat(bob.console.activity().recent(500)).anySatisfy(e -> {
            assertThat(e.path()).isEqualTo("/peer/activity");
            assertThat(e.direction().dbValue()).isEqualTo("in");
            assertThat(e.peerId()).isEqualTo(alice.id().canonical());
            assertThat(e.app()).isEqualTo("echo");
        });
    }

    @Test
    void serviceJsonNamesTheBoundPorts() {
        ServiceFile file = ServiceFile.read(alice.console.dataDirectory().path()).orElseThrow();
        assertThat(file.apiPort()).isEqualTo(alice.service.apiPort());
        assertThat(file.peerPort()).isEqualTo(alice.service.peerPort());
        assertThat(file.pid()).isEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void stoppingLetsCallsInFlightFinish(@TempDir Path other) throws Exception {
        try (TestPortal carol = new TestPortal(other.resolve("carol"), "Carol");
                TestPortal dave = new TestPortal(other.resolve("dave"), "Dave")) {
            carol.addPeer(dave, "Dave");
            dave.addPeer(carol, "Carol");
            carol.share("echo", Sharing.ALL);
            dave.share("echo", Sharing.ALL);
            CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
                try {
                    return carol.get("/v1/call/" + dave.id().canonical() + "/peer/slow?ms=1500");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500);
            long started = System.nanoTime();
            carol.service.close();
            assertThat(inFlight.get().statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(ServiceFile.read(carol.console.dataDirectory().path())).isEmpty();
        }
    }
}
