package io.portal.console.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portal.console.app.DataDirectory;
import io.portal.console.app.PortalConsole;
import io.portal.console.apps.Registration;
import io.portal.console.identity.PortalId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives {@code serve} as a separate process, the way an app developer does: ports from service.json, then SIGTERM. */
class ServeIT {
    @TempDir
    Path dir;

    @Test
    void servesTheLocalApiAndStopsCleanlyOnSigterm() throws Exception {
        Path data = dir.resolve("portal");
        String token;
        PortalId id;
        try (PortalConsole console = PortalConsole.open(new DataDirectory(data))) {
            console.profile().rename("Serve Test");
            token = ((Registration.Registered) console.appRegistry().register(
                    "{\"name\": \"hello\", \"description\": \"\"}", Optional.of(URI.create("http://127.0.0.1:9")))).token();
            id = console.identity().id();
        }
        try (ServeProcess serve = new ServeProcess(data)) {
            assertThat(serve.serviceFile.apiPort()).isPositive();
            assertThat(serve.serviceFile.peerPort()).isPositive();
            serve.awaitOutput("Peer listener:");
            assertThat(serve.output()).contains("Local API:     http://127.0.0.1:" + serve.serviceFile.apiPort(),
                    "Peer listener: 127.0.0.1:" + serve.serviceFile.peerPort());

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> self = http.send(HttpRequest.newBuilder(serve.api("/v1/self"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(self.statusCode()).isEqualTo(200);
            JsonNode json = new ObjectMapper().readTree(self.body());
            assertThat(json.path("id").asText()).isEqualTo(id.canonical());
            assertThat(json.path("name").asText()).isEqualTo("Serve Test");
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(serve.api("/v1/self")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);

            // A call to a Portal that is not a peer is refused, stored as activity and logged, one line per call.
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(serve.api("/v1/call/ABCDEF/notes?x=1"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(404);
            serve.awaitOutput("out to ABCDEF");
            assertThat(serve.output()).containsPattern(
                    "(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d INFO out to ABCDEF hello GET /notes -> 404 \\([a-z-]+\\), 0 B in, 0 B out, \\d+ ms$");

            int exit = serve.terminate();
            assertThat(exit).as(serve.output()).isZero();
            serve.awaitOutput("Peer listener:");
            assertThat(serve.output()).contains("Stopped.");
            assertThat(ServiceFile.read(data)).isEmpty();
        }
    }

    @Test
    void refusesASecondServiceOnTheSameDataFolder() throws Exception {
        Path data = dir.resolve("twice");
        try (ServeProcess first = new ServeProcess(data)) {
            Process second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    System.getProperty("portal.jar", "target/portal-console.jar"), "serve", "--data-dir", data.toString(),
                    "--api-port", "0", "--peer-port", "0").redirectErrorStream(true).start();
            String output = new String(second.getInputStream().readAllBytes());
            assertThat(second.waitFor()).isEqualTo(1);
            assertThat(output).contains("already runs", "pid " + first.process.pid());
        }
    }
}
