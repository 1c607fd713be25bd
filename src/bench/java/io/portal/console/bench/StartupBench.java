package io.portal.console.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cold start to the first painted frame: the console (home screen with its QR code) against {@link HelloFx}, each
 * started as a fresh JVM, alternating, measured from just before the process is spawned to the moment its ready
 * file appears. Both report the same JSON line, so the JVM's own uptime at that frame is recorded too.
 * Must run under a display (xvfb-run).
 *
 * <p>Usage: {@code StartupBench OUT.json WORK-DIR RUNS PORTAL-JAR BENCH-CLASSPATH}
 */
public final class StartupBench {
    private static final long TIMEOUT_MS = 60_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]);
        String portalJar = args[3];
        String benchClassPath = args[4];
        String java = ProcessHandle.current().info().command().orElse("java");
        Path dataDir = work.resolve("startup-data");
        Files.createDirectories(dataDir);

        List<String> console = List.of(java, "-Dprism.order=sw", "-jar", portalJar, "--data-dir", dataDir.toString());
        List<String> hello = List.of(java, "-Dprism.order=sw", "-cp", benchClassPath,
                HelloFx.Launcher.class.getName());

        // One untimed start of each: creates the console's identity and database, and warms the OS file cache for both.
        measure(console, work, "warmup-console");
        measure(hello, work, "warmup-hello");

        ObjectNode result = JSON.createObjectNode();
        ArrayNode consoleRuns = result.putArray("consoleRuns");
        ArrayNode helloRuns = result.putArray("helloRuns");
        for (int i = 0; i < runs; i++) {
            consoleRuns.add(measure(console, work, "console-" + i));
            helloRuns.add(measure(hello, work, "hello-" + i));
        }
        result.put("runs", runs);
        result.put("consoleWallMs", median(consoleRuns, "wallMs"));
        result.put("consoleUptimeMs", median(consoleRuns, "uptimeMs"));
        result.put("helloWallMs", median(helloRuns, "wallMs"));
        result.put("helloUptimeMs", median(helloRuns, "uptimeMs"));
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        System.out.printf("startup: console %d ms (JVM uptime %d ms), hello-world %d ms (JVM uptime %d ms), median of %d%n",
                result.get("consoleWallMs").asLong(), result.get("consoleUptimeMs").asLong(),
                result.get("helloWallMs").asLong(), result.get("helloUptimeMs").asLong(), runs);
    }

    private static ObjectNode measure(List<String> command, Path work, String name) throws Exception {
        Path ready = work.resolve(name + ".ready");
        Files.deleteIfExists(ready);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile());
        builder.environment().put("PORTAL_CONSOLE_READY_FILE", ready.toString());
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            JsonNode line = waitFor(ready, process, start);
            long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            ObjectNode run = JSON.createObjectNode();
            run.put("wallMs", wallMs);
            run.put("uptimeMs", line.get("uptimeMs").asLong());
            return run;
        } finally {
            stop(process);
        }
    }

    private static JsonNode waitFor(Path ready, Process process, long start) throws Exception {
        while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS)) {
            if (Files.exists(ready)) {
                String text = Files.readString(ready);
                if (text.endsWith("\n")) {
                    return JSON.readTree(text);
                }
            }
            if (!process.isAlive()) {
                throw new IOException("exited with " + process.exitValue() + " before its first frame: "
                        + String.join(" ", process.info().arguments().map(List::of).orElse(List.of())));
            }
            Thread.sleep(2);
        }
        throw new IOException("no first frame within " + TIMEOUT_MS + " ms");
    }

    static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static long median(ArrayNode runs, String field) {
        List<Long> values = new ArrayList<>();
        runs.forEach(run -> values.add(run.get(field).asLong()));
        values.sort(null);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }
}
