package io.portal.console.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code service.json} in the data folder: where a running service listens, and which process runs it. Apps and
 * scripts read the ports from it; the GUI reads it to avoid starting a second service beside {@code serve}.
 */
public record ServiceFile(String apiHost, int apiPort, String bind, int peerPort, long pid, Instant startedAt) {
    public static final String FILE_NAME = "service.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path dataDirectory) throws IOException {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("apiHost", apiHost);
        node.put("apiPort", apiPort);
        node.put("bind", bind);
        node.put("peerPort", peerPort);
        node.put("pid", pid);
        node.put("startedAt", startedAt.toString());
        Path file = dataDirectory.resolve(FILE_NAME);
        Path temporary = Files.createTempFile(dataDirectory, FILE_NAME, ".tmp");
        Files.writeString(temporary, MAPPER.writeValueAsString(node) + "\n");
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static Optional<ServiceFile> read(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(file.toFile());
            return Optional.of(new ServiceFile(node.path("apiHost").asText("127.0.0.1"), node.path("apiPort").asInt(),
                    node.path("bind").asText(""), node.path("peerPort").asInt(), node.path("pid").asLong(),
                    Instant.parse(node.path("startedAt").asText(Instant.EPOCH.toString()))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The service.json of a service that is still running in another process, if there is one. */
    public static Optional<ServiceFile> live(Path dataDirectory) {
        return read(dataDirectory).filter(f -> f.pid() != ProcessHandle.current().pid()
                && ProcessHandle.of(f.pid()).map(ProcessHandle::isAlive).orElse(false));
    }

    /** Removes the file if it is this process's. */
    public static void removeOwn(Path dataDirectory) {
        read(dataDirectory).filter(f -> f.pid() == ProcessHandle.current().pid()).ifPresent(f -> {
            try {
                Files.deleteIfExists(dataDirectory.resolve(FILE_NAME));
            } catch (IOException ignored) {
                // A stale file is recognised by its pid.
            }
        });
    }
}
