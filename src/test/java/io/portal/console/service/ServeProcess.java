package io.portal.console.service;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@code portal-console serve} run from the packaged jar, as an app developer or a service manager would. */
final class ServeProcess implements AutoCloseable {
    final Process process;
    final Path dataDir;
    final Path log;
    final ServiceFile serviceFile;

    ServeProcess(Path dataDir, String... jvmOptions) throws IOException, InterruptedException {
        this.dataDir = dataDir;
        this.log = dataDir.resolveSibling(dataDir.getFileName() + "-serve.log");
        String jar = System.getProperty("portal.jar", "target/portal-console.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", jar, "serve", "--data-dir", dataDir.toString(), "--api-port", "0", "--peer-port", "0",
                "--bind", "127.0.0.1"));
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        serviceFile = awaitServiceFile(Duration.ofSeconds(30));
    }

    private ServiceFile awaitServiceFile(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ServiceFile> file = ServiceFile.read(dataDir).filter(f -> f.pid() == process.pid());
            if (file.isPresent()) {
                return file.get();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("serve exited with " + process.exitValue() + ":\n" + output());
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("serve did not write service.json in time:\n" + output());
    }

    /** Waits until serve has printed a line containing the text (it prints after writing service.json). */
    void awaitOutput(String text) throws IOException, InterruptedException {
        for (int i = 0; i < 100 && !output().contains(text); i++) {
            Thread.sleep(100);
        }
    }

    String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    URI api(String path) {
        return URI.create("http://127.0.0.1:" + serviceFile.apiPort() + path);
    }

    String peerAddress() {
        return "127.0.0.1:" + serviceFile.peerPort();
    }

    /** Sends SIGTERM and returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            terminate();
        }
    }
}
