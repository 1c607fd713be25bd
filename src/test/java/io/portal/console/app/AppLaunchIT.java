package io.portal.console.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portal.console.testing.JavaProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the packaged console as a user would (headless) and checks that its window shows this Portal's ID. */
class AppLaunchIT {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void theWindowOpensWithTheIdTheCliPrints() throws Exception {
        Path dataDir = dir.resolve("data");
        Path readyFile = dir.resolve("ready.json");
        Path log = dir.resolve("gui.log");
        ProcessBuilder gui = JavaProcess.command(List.of(
                "-cp", JavaProcess.jar() + File.pathSeparator + monocleJar(),
                "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless", "-Dprism.order=sw",
                "io.portal.console.Main", "--data-dir", dataDir.toString()),
                Map.of("PORTAL_CONSOLE_READY_FILE", readyFile.toString()));
        gui.redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = gui.start();
        try {
            Instant deadline = Instant.now().plus(READY_TIMEOUT);
            while (!hasLine(readyFile) && process.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertThat(hasLine(readyFile)).as("ready file within %s; console output:%n%s", READY_TIMEOUT,
                    Files.exists(log) ? Files.readString(log) : "").isTrue();

            JsonNode ready = new ObjectMapper().readTree(Files.readString(readyFile));
            JavaProcess.Result cli = JavaProcess.runJar("id", "--json", "--data-dir", dataDir.toString());
            assertThat(cli.exitCode()).as(cli.err()).isZero();
            JsonNode id = new ObjectMapper().readTree(cli.out());

            assertThat(ready.get("event").asText()).isEqualTo("home-shown");
            assertThat(ready.get("id").asText()).isEqualTo(id.get("id").asText()).hasSize(56);
            assertThat(ready.get("width").asInt()).isPositive();
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static boolean hasLine(Path file) throws Exception {
        return Files.exists(file) && Files.readString(file).endsWith("\n");
    }

    /** Monocle is a test dependency: take it from this JVM's class path. */
    private static String monocleJar() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("openjfx-monocle"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "openjfx-monocle is not on the test class path: " + System.getProperty("java.class.path")));
    }
}
