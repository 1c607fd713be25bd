package io.portal.console.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged application in a JVM of its own, the way a user starts it. */
public final class JavaProcess {
    private JavaProcess() {
    }

    /** The jar that {@code package} built (failsafe passes its path). */
    public static Path jar() {
        String jar = System.getProperty("portal.jar");
        if (jar == null) {
            throw new IllegalStateException("run with failsafe (mvn verify): the system property portal.jar is not set");
        }
        Path path = Path.of(jar);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("no packaged jar at " + path);
        }
        return path;
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static ProcessBuilder command(List<String> arguments, Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("PORTAL_CONSOLE_HOME");
        builder.environment().putAll(environment);
        return builder;
    }

    /** Runs {@code java -jar <jar> args} to completion. */
    public static Result runJar(String... args) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("-jar", jar().toString()));
        arguments.addAll(List.of(args));
        return run(command(arguments, Map.of()));
    }

    public static Result run(ProcessBuilder builder) throws IOException, InterruptedException {
        Path out = Files.createTempFile("portal-out", ".txt");
        Path err = Files.createTempFile("portal-err", ".txt");
        try {
            Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("still running after 60 s: " + builder.command());
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    public record Result(int exitCode, String out, String err) {
    }
}
