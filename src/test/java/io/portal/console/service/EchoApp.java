package io.portal.console.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A tiny app as a developer would write one: answers what it received (method, path, query, headers, body size)
 * as JSON; {@code /peer/download?bytes=N} streams N bytes; {@code /peer/slow?ms=N} waits first; {@code …/mirror}
 * answers the body it got; {@code …/cookie?x} sets a cookie.
 */
public final class EchoApp implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final HttpServer server;
    /** The headers of the last request, names lower-cased. */
    public final AtomicReference<Map<String, String>> lastHeaders = new AtomicReference<>(Map.of());

    public EchoApp() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            lastHeaders.set(headers);
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            if (path.endsWith("/mirror")) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            long received = 0;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    received += n;
                }
            }
            if (path.endsWith("/slow")) {
                sleep(Long.parseLong(query.replace("ms=", "")));
            }
            Headers out = exchange.getResponseHeaders();
            if (path.endsWith("/download")) {
                long bytes = Long.parseLong(query.replace("bytes=", ""));
                out.set("Content-Type", "application/octet-stream");
                out.set("X-Portal-Fake", "from-app");
                exchange.sendResponseHeaders(200, bytes);
                byte[] chunk = new byte[64 * 1024];
                try (OutputStream body = exchange.getResponseBody()) {
                    for (long left = bytes; left > 0; left -= chunk.length) {
                        body.write(chunk, 0, (int) Math.min(chunk.length, left));
                    }
                }
                return;
            }
            ObjectNode node = MAPPER.createObjectNode();
            node.put("method", exchange.getRequestMethod());
            node.put("path", path);
            node.put("query", query);
            node.put("received", received);
            ObjectNode h = node.putObject("headers");
            headers.forEach(h::put);
            byte[] json = node.toString().getBytes(StandardCharsets.UTF_8);
            out.set("Content-Type", "application/json");
            out.set("X-Echo", "yes");
            if (path.endsWith("/cookie")) {
                out.add("Set-Cookie", "session=secret-of-" + query + "; Path=/");
            }
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(path.endsWith("/teapot") ? 418 : 200, head ? -1 : json.length);
            if (!head) {
                exchange.getResponseBody().write(json);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
