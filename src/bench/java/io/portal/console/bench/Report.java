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
import java.util.Locale;

/**
 * Turns the raw results of one suite run (a folder of JSON files written by the scripts and harnesses) into one
 * summary line per figure, the targets of issue 7 as ratios, and one machine-readable JSON summary (printed last
 * and written to {@code summary.json}). Units: MB = 10^6 bytes (throughput, RSS), MiB for heap.
 *
 * <p>Usage: {@code Report RESULTS-DIR}
 */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** "netty" is the reference pair (bench.NettyPair): what the JVM costs doing nginx's job, not the product. */
    private static final String[] PATHS = {"direct", "nginx", "netty", "portal"};

    private final Path dir;
    private final ObjectNode summary = JSON.createObjectNode();
    private final ArrayNode targets = JSON.createArrayNode();
    private final ArrayNode notes = JSON.createArrayNode();
    private final List<String> lines = new ArrayList<>();

    private Report(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws IOException {
        Report report = new Report(Path.of(args[0]));
        report.build();
        report.lines.forEach(System.out::println);
        String json = JSON.writeValueAsString(report.summary);
        Files.writeString(report.dir.resolve("summary.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report.summary) + "\n");
        System.out.println(json);
    }

    private void build() throws IOException {
        JsonNode machine = read("machine.json");
        if (machine != null) {
            summary.set("machine", machine);
        }
        forwarding();
        startup();
        screens();
        footprint();
        summary.set("targets", targets);
        summary.set("notes", notes);
        long met = 0;
        long missed = 0;
        for (JsonNode target : targets) {
            String status = target.get("status").asText();
            met += "met".equals(status) ? 1 : 0;
            missed += "missed".equals(status) ? 1 : 0;
        }
        lines.add(String.format(Locale.ROOT, "targets: %d met, %d missed, %d not measured", met, missed,
                targets.size() - met - missed));
    }

    private void forwarding() throws IOException {
        List<JsonNode> records = readLines("forwarding.jsonl");
        ObjectNode forwarding = summary.putObject("forwarding");
        for (int concurrency : new int[] {1, 32}) {
            ObjectNode byPath = forwarding.putObject("c" + concurrency);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "forwarding 1 KiB c=%-2d", concurrency));
            for (String path : PATHS) {
                JsonNode wrk = find(records, r -> "rps".equals(text(r, "kind")) && path.equals(text(r, "path"))
                        && r.get("concurrency").asInt() == concurrency);
                if (wrk == null) {
                    line.append(String.format(Locale.ROOT, " | %s: not measured", path));
                    continue;
                }
                JsonNode w = wrk.get("wrk");
                double seconds = w.get("durationUs").asDouble() / 1e6;
                ObjectNode figure = byPath.putObject(path);
                // Only answers that succeeded count: a service that refuses fast (429) must not look fast.
                long failed = w.get("socketErrors").asLong() + w.get("non2xx").asLong();
                figure.put("rps", round(Math.max(0, w.get("requests").asDouble() - w.get("non2xx").asDouble())
                        / seconds, 0));
                figure.put("requests", w.get("requests").asLong());
                figure.put("p50Ms", round(w.get("p50Us").asDouble() / 1000, 3));
                figure.put("p99Ms", round(w.get("p99Us").asDouble() / 1000, 3));
                figure.put("errors", failed);
                if (wrk.has("forwarderCpuMs") && !"direct".equals(path) && w.get("requests").asLong() > 0) {
                    // CPU time of the forwarding processes (both nginx or both serve JVMs) per request: unlike
                    // req/s, this hardly depends on what else the machine is doing.
                    figure.put("cpuUsPerRequest", round(wrk.get("forwarderCpuMs").asDouble() * 1000
                            / w.get("requests").asDouble(), 1));
                }
                line.append(String.format(Locale.ROOT, " | %s: %.0f req/s p50 %.2f ms p99 %.2f ms%s%s", path,
                        figure.get("rps").asDouble(), figure.get("p50Ms").asDouble(), figure.get("p99Ms").asDouble(),
                        figure.has("cpuUsPerRequest") ? String.format(Locale.ROOT, " CPU %.0f us/req",
                                figure.get("cpuUsPerRequest").asDouble()) : "",
                        failed > 0 ? String.format(Locale.ROOT, " (%d of %d failed)", failed, w.get("requests").asLong()) : ""));
            }
            lines.add(line.toString());
        }
        JsonNode nginx32 = forwarding.path("c32").path("nginx");
        JsonNode portal32 = forwarding.path("c32").path("portal");
        ratioTarget("forwarding req/s at c=32, portal / nginx", portal32.path("rps"), nginx32.path("rps"), 1.0, true);
        ratioTarget("forwarding p99 at c=32, portal / nginx", portal32.path("p99Ms"), nginx32.path("p99Ms"), 1.2, false);
        JsonNode netty32 = forwarding.path("c32").path("netty");
        if (netty32.has("rps") && nginx32.has("rps") && nginx32.get("rps").asDouble() > 0) {
            ObjectNode reference = forwarding.putObject("reference");
            reference.put("rpsVsNginx", round(netty32.get("rps").asDouble() / nginx32.get("rps").asDouble(), 3));
            reference.put("p99VsNginx", round(netty32.get("p99Ms").asDouble() / nginx32.get("p99Ms").asDouble(), 3));
            lines.add(String.format(Locale.ROOT, "reference (not a target): the Netty pair at c=32 does %.2fx nginx's "
                    + "req/s, p99 %.2fx", reference.get("rpsVsNginx").asDouble(), reference.get("p99VsNginx").asDouble()));
        }

        ObjectNode streaming = summary.putObject("streaming");
        for (String direction : new String[] {"upload", "download"}) {
            ObjectNode byPath = streaming.putObject(direction);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "streaming %-8s", direction));
            for (String path : PATHS) {
                JsonNode s = find(records, r -> "stream".equals(text(r, "kind")) && path.equals(text(r, "path"))
                        && direction.equals(text(r, "direction")));
                if (s == null) {
                    line.append(String.format(Locale.ROOT, " | %s: not measured", path));
                    continue;
                }
                ObjectNode figure = byPath.putObject(path);
                double mbs = s.get("bytes").asDouble() / s.get("seconds").asDouble() / 1e6;
                figure.put("MBps", round(mbs, 1));
                figure.put("bytes", s.get("bytes").asLong());
                if (s.has("forwarderCpuMs") && !"direct".equals(path)) {
                    figure.put("cpuSecondsPerGB", round(s.get("forwarderCpuMs").asDouble() / 1000
                            / (s.get("bytes").asDouble() / 1e9), 2));
                }
                line.append(String.format(Locale.ROOT, " | %s: %.0f MB/s", path, mbs));
                if (figure.has("cpuSecondsPerGB")) {
                    line.append(String.format(Locale.ROOT, " CPU %.2f s/GB", figure.get("cpuSecondsPerGB").asDouble()));
                }
                JsonNode cold = find(records, r -> "stream-cold".equals(text(r, "kind")) && path.equals(text(r, "path"))
                        && direction.equals(text(r, "direction")));
                if (cold != null) {
                    double coldMbs = cold.get("bytes").asDouble() / cold.get("seconds").asDouble() / 1e6;
                    figure.put("firstTransferMBps", round(coldMbs, 1));
                    line.append(String.format(Locale.ROOT, " (first transfer after start %.0f MB/s)", coldMbs));
                }
                if (s.has("heapPeakMiB")) {
                    figure.set("heapPeakMiB", s.get("heapPeakMiB"));
                    figure.set("heapCommittedMiB", s.get("heapCommittedMiB"));
                    line.append(String.format(Locale.ROOT, " (serve heap peak A %d MiB, B %d MiB",
                            s.get("heapPeakMiB").get("a").asInt(), s.get("heapPeakMiB").get("b").asInt()));
                    if (s.has("heapAfterGcMaxMiB")) {
                        figure.set("heapAfterGcMaxMiB", s.get("heapAfterGcMaxMiB"));
                        figure.set("collections", s.get("collections"));
                        line.append(String.format(Locale.ROOT, "; after GC at most A %d MiB, B %d MiB; %d + %d GCs",
                                s.get("heapAfterGcMaxMiB").get("a").asInt(), s.get("heapAfterGcMaxMiB").get("b").asInt(),
                                s.get("collections").get("a").asInt(), s.get("collections").get("b").asInt()));
                    }
                    line.append(")");
                }
            }
            lines.add(line.toString());
            ratioTarget("streaming " + direction + " MB/s, portal / nginx", byPath.path("portal").path("MBps"),
                    byPath.path("nginx").path("MBps"), 0.8, true);
        }
        int peak = -1;
        for (String direction : new String[] {"upload", "download"}) {
            JsonNode heap = streaming.path(direction).path("portal").path("heapPeakMiB");
            if (!heap.isMissingNode()) {
                peak = Math.max(peak, Math.max(heap.get("a").asInt(), heap.get("b").asInt()));
            }
        }
        limitTarget("serve heap peak while streaming (MiB)", peak < 0 ? null : (double) peak, 256);
        for (JsonNode r : records) {
            if ("serve-memory".equals(text(r, "kind"))) {
                forwarding.put("serveVmHwmMB" + text(r, "side").toUpperCase(Locale.ROOT),
                        round(r.get("vmHwmKiB").asDouble() * 1024 / 1e6, 1));
            }
            if ("stream-warmup".equals(text(r, "kind"))) {
                streaming.put("portalWarmupRounds", r.get("rounds").asInt());
                streaming.set("portalWarmupQuiet", r.get("quiet"));
                lines.add(String.format(Locale.ROOT, "streaming: the services were first warmed up with %d untimed "
                        + "upload(s) and download(s) of the same size (%s)", r.get("rounds").asInt(), howItEnded(r)));
            }
            if ("warmup".equals(text(r, "kind"))) {
                boolean reference = "netty".equals(text(r, "path"));
                forwarding.put(reference ? "nettyWarmupSeconds" : "portalWarmupSeconds", r.get("seconds").asInt());
                forwarding.set(reference ? "nettyWarmupQuiet" : "portalWarmupQuiet", r.get("quiet"));
                lines.add(String.format(Locale.ROOT, "forwarding: the %s warmed up for %d s at c=32 (%s; %.1f s of "
                        + "compiling in all)", reference ? "reference pair was" : "services were",
                        r.get("seconds").asInt(), howItEnded(r), r.get("jitSeconds").asDouble()));
            }
        }
        collectNotes(records);
    }

    /** How a warm-up ended; records from before the "quiet" field say what the warm-up aimed for. */
    private static String howItEnded(JsonNode warmup) {
        JsonNode quiet = warmup.get("quiet");
        if (quiet == null || quiet.isNull()) {
            return "aiming for quiet compilers; how it ended was not recorded";
        }
        return quiet.asBoolean() ? "until their compilers were quiet"
                : "to the limit, with their compilers still busy";
    }

    private void startup() throws IOException {
        JsonNode startup = read("startup.json");
        collectNotes(readLines("startup-notes.jsonl"));
        if (startup == null) {
            lines.add("startup: not measured");
            ratioTarget("start-up to first frame, console / hello-world", null, null, 1.5, false);
            return;
        }
        summary.set("startup", startup);
        double console = startup.get("consoleWallMs").asDouble();
        double hello = startup.get("helloWallMs").asDouble();
        lines.add(String.format(Locale.ROOT, "startup to first frame: console %.0f ms (JVM uptime %d ms) | hello-world "
                + "%.0f ms (JVM uptime %d ms) | median of %d each", console, startup.get("consoleUptimeMs").asLong(),
                hello, startup.get("helloUptimeMs").asLong(), startup.get("runs").asInt()));
        ratioTarget("start-up to first frame, console / hello-world", startup.get("consoleWallMs"),
                startup.get("helloWallMs"), 1.5, false);
    }

    private void screens() throws IOException {
        JsonNode scale = read("scale.json");
        collectNotes(readLines("scale-notes.jsonl"));
        if (scale == null) {
            lines.add("screens at scale: not measured");
            limitTarget("peers filter at 10,000 peers (ms, median)", null, 50);
            limitTarget("sharing matrix filter at 10,000 peers (ms, median)", null, 50);
            return;
        }
        summary.set("screens", scale);
        for (String screen : new String[] {"peersScreen", "appsScreen", "appsMatrix"}) {
            JsonNode s = scale.path(screen);
            if (s.isMissingNode()) {
                continue;
            }
            String name = switch (screen) {
                case "peersScreen" -> "Peers screen";
                case "appsScreen" -> "Apps & sharing screen";
                default -> "Apps & sharing matrix";
            };
            if (s.has("skipped")) {
                lines.add(String.format(Locale.ROOT, "%s (%d peers, %d apps): skipped, %s", name,
                        scale.get("peers").asInt(), scale.get("apps").asInt(), s.get("skipped").asText()));
                notes.add(name + ": " + s.get("skipped").asText());
                continue;
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "%s (%d peers, %d apps): open %.0f ms", name, scale.get("peers").asInt(),
                    scale.get("apps").asInt(), s.get("openMs").asDouble()));
            if (s.has("filterMedianMs")) {
                line.append(String.format(Locale.ROOT, ", filter keystroke median %.1f ms, max %.1f ms (%d keystrokes)",
                        s.get("filterMedianMs").asDouble(), s.get("filterMaxMs").asDouble(), s.get("filterMs").size()));
            } else {
                line.append(", filter: ").append(s.path("filterSkipped").asText(s.path("filterProblem").asText("-")));
            }
            lines.add(line.toString());
        }
        JsonNode peers = scale.path("peersScreen");
        limitTarget("peers filter at " + scale.get("peers").asInt() + " peers (ms, median)",
                peers.has("filterMedianMs") ? peers.get("filterMedianMs").asDouble() : null, 50);
        JsonNode matrix = scale.path("appsMatrix");
        limitTarget("sharing matrix filter at " + scale.get("peers").asInt() + " peers (ms, median)",
                matrix.has("filterMedianMs") ? matrix.get("filterMedianMs").asDouble() : null, 50);
    }

    private void footprint() throws IOException {
        JsonNode footprint = read("footprint.json");
        collectNotes(readLines("footprint-notes.jsonl"));
        if (footprint == null) {
            lines.add("footprint: not measured");
            limitTarget("serve RSS after 60 s idle (MB)", null, 250);
            return;
        }
        summary.set("footprint", footprint);
        lines.add(String.format(Locale.ROOT, "footprint after %d s idle: GUI RSS %s | serve RSS %s",
                footprint.path("idleSeconds").asInt(), mb(footprint.path("guiRssKiB")),
                mb(footprint.path("serveRssKiB"))));
        JsonNode serve = footprint.path("serveRssKiB");
        limitTarget("serve RSS after 60 s idle (MB)", serve.isNumber() ? serve.asDouble() * 1024 / 1e6 : null, 250);
    }

    private static String mb(JsonNode kib) {
        return kib.isNumber() ? String.format(Locale.ROOT, "%.0f MB", kib.asDouble() * 1024 / 1e6) : "not measured";
    }

    private void ratioTarget(String name, JsonNode value, JsonNode base, double limit, boolean atLeast) {
        ObjectNode target = targets.addObject();
        target.put("name", name);
        target.put("limit", (atLeast ? ">= " : "<= ") + limit + "x");
        if (value == null || base == null || !value.isNumber() || !base.isNumber() || base.asDouble() == 0) {
            target.put("status", "not measured");
            lines.add(String.format(Locale.ROOT, "target %s (%s%.2fx): not measured", name, atLeast ? ">= " : "<= ",
                    limit));
            return;
        }
        double ratio = value.asDouble() / base.asDouble();
        boolean met = atLeast ? ratio >= limit : ratio <= limit;
        target.put("ratio", round(ratio, 3));
        target.put("status", met ? "met" : "missed");
        lines.add(String.format(Locale.ROOT, "target %s: %.2fx (%s%.2fx) %s", name, ratio, atLeast ? ">= " : "<= ",
                limit, met ? "MET" : "MISSED"));
    }

    private void limitTarget(String name, Double value, double limit) {
        ObjectNode target = targets.addObject();
        target.put("name", name);
        target.put("limit", "<= " + limit);
        if (value == null) {
            target.put("status", "not measured");
            lines.add(String.format(Locale.ROOT, "target %s (<= %.0f): not measured", name, limit));
            return;
        }
        boolean met = value <= limit;
        target.put("value", round(value, 1));
        target.put("status", met ? "met" : "missed");
        lines.add(String.format(Locale.ROOT, "target %s: %.1f (<= %.0f) %s", name, value, limit,
                met ? "MET" : "MISSED"));
    }

    private void collectNotes(List<JsonNode> records) {
        for (JsonNode r : records) {
            if ("note".equals(text(r, "kind"))) {
                notes.add(r.get("text").asText());
            }
        }
    }

    private JsonNode read(String name) throws IOException {
        Path file = dir.resolve(name);
        return Files.exists(file) ? JSON.readTree(file.toFile()) : null;
    }

    private List<JsonNode> readLines(String name) throws IOException {
        Path file = dir.resolve(name);
        List<JsonNode> records = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    records.add(JSON.readTree(line));
                }
            }
        }
        return records;
    }

    private static JsonNode find(List<JsonNode> records, java.util.function.Predicate<JsonNode> test) {
        JsonNode found = null;
        for (JsonNode r : records) {
            if (test.test(r)) {
                found = r;
            }
        }
        return found;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null ? "" : value.asText();
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
