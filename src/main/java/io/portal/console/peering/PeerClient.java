package io.portal.console.peering;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portal.console.identity.PortalId;
import io.portal.console.store.Peer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Dials peers. One {@link HttpClient} per peer, pinned to its ID, so connections are reused and a connection
 * to any other Portal fails in the handshake. A peer's addresses are tried in order until one answers.
 */
public final class PeerClient implements AutoCloseable {
    public static final int DEFAULT_PORT = 7461;
    private static final Logger LOG = Logger.getLogger(PeerClient.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PeerTls tls;
    private final Duration connectTimeout;
    private final Duration callTimeout;
    private final Supplier<String> ownName;
    private final IntSupplier ownPeerPort;
    private final Map<PortalId, HttpClient> clients = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "peer-client");
        t.setDaemon(true);
        return t;
    });

    public PeerClient(PeerTls tls, Duration connectTimeout, Duration callTimeout, Supplier<String> ownName,
            IntSupplier ownPeerPort) {
        this.tls = tls;
        this.connectTimeout = connectTimeout;
        this.callTimeout = callTimeout;
        this.ownName = ownName;
        this.ownPeerPort = ownPeerPort;
    }

    /** What came of a call: the peer's response, or why there is none. */
    public sealed interface Outcome permits Answered, Failed {
    }

    public record Answered(HttpResponse<InputStream> response, String address) implements Outcome {
    }

    public enum Failure { NO_ADDRESS, UNREACHABLE, IDENTITY_MISMATCH, TIMEOUT, BODY_TOO_LARGE }

    public record Failed(Failure failure, String detail) implements Outcome {
    }

    /** A request body: a stream read at most once, and its length when the caller declared one (else -1). */
    public record Body(Supplier<InputStream> stream, long length) {
        public static final Body NONE = new Body(InputStream::nullInputStream, 0);
    }

    /**
     * Sends one call to the same-named app on the peer.
     *
     * @param rawPathAndQuery the path below the app (starting with {@code /}) and the query, still percent-encoded
     */
    public Outcome call(Peer peer, String app, String method, String rawPathAndQuery, Map<String, List<String>> headers,
            Body body) {
        String target = "/portal/v1/apps/" + java.net.URLEncoder.encode(app, java.nio.charset.StandardCharsets.UTF_8) + rawPathAndQuery;
        return send(peer, method, target, headers, body, callTimeout);
    }

    /** Asks a peer who it is; empty when it cannot be reached (or is someone else). */
    public Optional<String> whoAreYou(Peer peer) {
        Outcome outcome = send(peer, "GET", "/portal/v1/whoareyou", Map.of(), Body.NONE, connectTimeout.multipliedBy(2));
        if (outcome instanceof Answered answered) {
            try (InputStream in = answered.response().body()) {
                if (answered.response().statusCode() != 200) {
                    return Optional.empty();
                }
                JsonNode node = MAPPER.readTree(in.readNBytes(64 * 1024));
                return Optional.of(node.path("name").asText(""));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private Outcome send(Peer peer, String method, String target, Map<String, List<String>> headers, Body body,
            Duration timeout) {
        if (peer.addresses().isEmpty()) {
            return new Failed(Failure.NO_ADDRESS, "Portal " + peer.shortId() + " (" + peer.name()
                    + ") has no address; add one to the peer entry");
        }
        HttpClient client = clients.computeIfAbsent(peer.id(), this::newClient);
        AtomicBoolean bodyUsed = new AtomicBoolean();
        Failed last = null;
        IdentityMismatchException mismatch = null;
        for (String address : peer.addresses()) {
            URI uri;
            try {
                uri = URI.create("https://" + hostPort(address) + target);
            } catch (IllegalArgumentException e) {
                last = new Failed(Failure.UNREACHABLE, "address '" + address + "' is not host:port");
                continue;
            }
            HttpRequest request = request(uri, method, headers, body, bodyUsed, timeout);
            try {
                return new Answered(client.send(request, HttpResponse.BodyHandlers.ofInputStream()), address);
            } catch (HttpConnectTimeoutException e) {
                last = new Failed(Failure.UNREACHABLE, "no answer from " + address + " within " + connectTimeout.toMillis() + " ms");
            } catch (HttpTimeoutException e) {
                return new Failed(Failure.TIMEOUT, "Portal " + peer.shortId() + " at " + address + " did not answer within "
                        + timeout.toSeconds() + " s");
            } catch (ConnectException e) {
                last = new Failed(Failure.UNREACHABLE, "nothing listens at " + address + " (connection refused)");
            } catch (IOException e) {
                if (PeerProtocolHandler.hasCause(e, BodyTooLargeException.class)) {
                    return new Failed(Failure.BODY_TOO_LARGE, describe(e));
                }
                Optional<IdentityMismatchException> found = IdentityMismatchException.in(e);
                if (found.isPresent()) {
                    mismatch = found.get();
                    LOG.warning("identity mismatch at " + address + ": " + mismatch.getMessage());
                } else {
                    last = new Failed(Failure.UNREACHABLE, "connection to " + address + " failed: " + describe(e));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Failed(Failure.UNREACHABLE, "interrupted");
            }
            if (bodyUsed.get()) {
                // Part of the body is gone; another address cannot get it whole.
                break;
            }
        }
        if (mismatch != null) {
            return new Failed(Failure.IDENTITY_MISMATCH, "the Portal listening at the address of " + peer.shortId()
                    + " is a different Portal (" + mismatch.found().canonical() + "); the connection was refused before "
                    + "anything was sent. Check the peer's address, or whether it got a new identity.");
        }
        return last;
    }

    private HttpRequest request(URI uri, String method, Map<String, List<String>> headers, Body body,
            AtomicBoolean bodyUsed, Duration timeout) {
        HttpRequest.BodyPublisher publisher;
        if (body.length() == 0) {
            publisher = HttpRequest.BodyPublishers.noBody();
        } else {
            HttpRequest.BodyPublisher streamed = HttpRequest.BodyPublishers.ofInputStream(() -> {
                bodyUsed.set(true);
                return body.stream().get();
            });
            publisher = body.length() > 0 ? HttpRequest.BodyPublishers.fromPublisher(streamed, body.length()) : streamed;
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).method(method, publisher);
        headers.forEach((name, values) -> {
            for (String value : values) {
                try {
                    builder.header(name, value);
                } catch (IllegalArgumentException restricted) {
                    // A header the JDK client sets itself; the service does not forward it.
                }
            }
        });
        builder.setHeader(Headers.SENDER_NAME, Headers.encode(ownName.get()));
        builder.setHeader(Headers.SENDER_PORT, Integer.toString(ownPeerPort.getAsInt()));
        return builder.build();
    }

    static String hostPort(String address) {
        String a = address.strip();
        if (a.startsWith("[")) {
            return a.contains("]:") ? a : a + ":" + DEFAULT_PORT;
        }
        int colons = a.length() - a.replace(":", "").length();
        if (colons == 0) {
            return a + ":" + DEFAULT_PORT;
        }
        if (colons > 1) {
            return "[" + a + "]:" + DEFAULT_PORT;
        }
        return a;
    }

    private HttpClient newClient(PortalId id) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(tls.clientContext(id))
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /** Forgets the connections to a peer (its address or state changed). */
    public void forget(PortalId id) {
        clients.remove(id);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        clients.clear();
        executor.shutdownNow();
    }
}
