package io.portal.console.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portal.console.apps.Registration;
import io.portal.console.apps.Sharing;
import io.portal.console.store.Peer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * How calls are carried between two real Portals (real TLS, real SQLite, real HTTP apps): many at once, to a peer
 * with a dead first address, to an app that is down or slow at the peer, HEAD, 100-continue, and cookies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForwardingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    TestPortal alice;
    TestPortal bob;
    String otherToken;
    String basedToken;

    @BeforeAll
    void start() throws Exception {
        alice = new TestPortal(dir.resolve("alice"), "Alice", ServiceConfig.ephemeral().withCallLimits(128, 128)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(10)));
        bob = new TestPortal(dir.resolve("bob"), "Bob", ServiceConfig.ephemeral().withCallLimits(128, 128)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(1)));
        // Bob's first address has nothing listening: the call must go on to the second.
        alice.console.peers().add(Peer.added(bob.id(), "Bob", List.of("127.0.0.1:" + freePort(), bob.peerAddress()),
                Instant.now()));
        alice.share("echo", Sharing.ALL);
        bob.addPeer(alice, "Alice");
        bob.share("echo", Sharing.ALL);

        String manifest = TestPortal.ECHO_MANIFEST.replace("\"echo\"", "\"down\"");
        alice.console.appRegistry().register(manifest, Optional.of(alice.echo.url()));
        otherToken = ((Registration.Registered) alice.console.appRegistry().register(
                TestPortal.ECHO_MANIFEST.replace("\"echo\"", "\"other\""), Optional.of(alice.echo.url()))).token();
        alice.share("down", Sharing.ALL);
        alice.share("other", Sharing.ALL);
        bob.console.appRegistry().register(manifest, Optional.of(URI.create("http://127.0.0.1:" + freePort())));
        bob.share("down", Sharing.ALL);
        bob.console.appRegistry().register(TestPortal.ECHO_MANIFEST.replace("\"echo\"", "\"other\""),
                Optional.of(bob.echo.url()));
        bob.share("other", Sharing.ALL);

        // An app whose registered address has a path of its own.
        String based = TestPortal.ECHO_MANIFEST.replace("\"echo\"", "\"based\"");
        basedToken = ((Registration.Registered) alice.console.appRegistry().register(based,
                Optional.of(alice.echo.url()))).token();
        alice.share("based", Sharing.ALL);
        bob.console.appRegistry().register(based, Optional.of(URI.create(bob.echo.url() + "/base/")));
        bob.share("based", Sharing.ALL);
    }

    @AfterAll
    void stop() {
        for (TestPortal p : new TestPortal[] {alice, bob}) {
            if (p != null) {
                p.close();
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private HttpRequest.Builder call(String path, String token) {
        return HttpRequest.newBuilder(alice.api("/v1/call/" + bob.id().canonical() + path))
                .header("Authorization", "Bearer " + token);
    }

    private static JsonNode problem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        return JSON.readTree(response.body());
    }

    @Test
    void manyCallsAtOnceEachGetTheirOwnAnswer() throws Exception {
        Random random = new Random(7);
        List<byte[]> bodies = new ArrayList<>();
        List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            byte[] body = new byte[1 + random.nextInt(200_000)];
            random.nextBytes(body);
            bodies.add(body);
            answers.add(TestPortal.HTTP.sendAsync(call("/peer/mirror", alice.token)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (int i = 0; i < bodies.size(); i++) {
            HttpResponse<byte[]> answer = answers.get(i).get();
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).as("answer %d", i).isEqualTo(bodies.get(i));
        }
    }

    @Test
    void anAppsAddressMayHaveAPathAndTheAppIsAddressedByItsOwnHost() throws Exception {
        HttpResponse<String> answer = TestPortal.send(call("/peer/hello?x=1&y=%2F", basedToken).GET().build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode echoed = JSON.readTree(answer.body());
        assertThat(echoed.path("path").asText()).isEqualTo("/base/peer/hello");
        assertThat(echoed.path("query").asText()).isEqualTo("x=1&y=%2F");
        assertThat(echoed.path("headers").path("host").asText()).isEqualTo(bob.echo.url().getAuthority());
    }

    @Test
    void aDeadFirstAddressIsSkipped() throws Exception {
        HttpResponse<String> answer = TestPortal.send(call("/peer/hello", alice.token).GET().build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("path").asText()).isEqualTo("/peer/hello");
    }

    @Test
    void anAppThatIsDownAtThePeerIs502() throws Exception {
        String token = alice.console.appRegistry().rotateToken("down");
        JsonNode problem = problem(TestPortal.send(call("/peer/x", token).GET().build()), 502);
        assertThat(problem.path("type").asText()).isEqualTo("urn:portal:problem:peer-app-unreachable");
        assertThat(problem.path("detail").asText()).contains("down", "does not answer");
    }

    @Test
    void aSlowAppAtThePeerIs504() throws Exception {
        JsonNode problem = problem(TestPortal.send(call("/peer/slow?ms=3000", alice.token).GET().build()), 504);
        assertThat(problem.path("type").asText()).isEqualTo("urn:portal:problem:peer-app-timeout");
    }

    @Test
    void headAnswersTheStatusAndHeadersWithoutABody() throws Exception {
        HttpResponse<String> answer = TestPortal.send(call("/peer/head", alice.token)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("x-echo")).hasValue("yes");
        assertThat(answer.body()).isEmpty();
    }

    @Test
    void expectContinueBodiesArrive() throws Exception {
        // The request timeout ends when the first answer (the 100) arrives, so the whole exchange is bounded too.
        HttpResponse<String> answer = TestPortal.HTTP.sendAsync(call("/peer/upload", alice.token).expectContinue(true)
                        .timeout(Duration.ofSeconds(20))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[100_000])).build(),
                HttpResponse.BodyHandlers.ofString()).get(20, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode echo = JSON.readTree(answer.body());
        assertThat(echo.path("received").asLong()).isEqualTo(100_000);
        assertThat(echo.path("headers").has("expect")).isFalse();
    }

    @Test
    void cookiesAnAppSetsAreNotKeptByTheService() throws Exception {
        HttpResponse<String> first = TestPortal.send(call("/peer/cookie?first", alice.token).GET().build());
        assertThat(first.headers().allValues("set-cookie")).containsExactly("session=secret-of-first; Path=/");
        HttpResponse<String> second = TestPortal.send(call("/peer/after", otherToken).GET().build());
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(JSON.readTree(second.body()).path("headers").has("cookie")).isFalse();
        // The caller's own headers pass (docs/protocol.md), the service's HTTP clients add none of theirs.
        assertThat(bob.echo.lastHeaders.get()).doesNotContainKey("cookie").doesNotContainKey("accept-encoding")
                .hasEntrySatisfying("user-agent", agent -> assertThat(agent).startsWith("Java-http-client/"));
    }
}
