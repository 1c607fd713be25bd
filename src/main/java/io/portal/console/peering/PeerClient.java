package io.portal.console.peering;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portal.console.BoundedMemo;
import io.portal.console.store.Peer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Dials peers. One HTTP client for all of them (a client per peer would take a selector thread each, and the prober
 * reaches every peer): each request is tagged with the peer's ID, so each peer gets destinations and connections of
 * its own, and a connection to any other Portal fails in the handshake, before a request byte is sent
 * ({@link PeerSslContextFactory}). A peer's addresses are tried in order until one answers.
 */
public final class PeerClient implements AutoCloseable {
    public static final int DEFAULT_PORT = 7461;
    private static final Logger LOG = Logger.getLogger(PeerClient.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PeerTls tls;
    private final ForwardingClients clients;
    private final Duration connectTimeout;
    private final Duration callTimeout;
    private final Duration idleTimeout;
    private final Supplier<String> ownName;
    private final IntSupplier ownPeerPort;
    private final HttpClient client;
    private final BoundedMemo<String, URI> origins = new BoundedMemo<>(20_000);
    /** Mismatches already logged, so a peer that moved is not reported at every probe. */
    private final Set<String> mismatchesLogged = ConcurrentHashMap.newKeySet();

    public PeerClient(PeerTls tls, ForwardingClients clients, Duration connectTimeout, Duration callTimeout,
            Duration idleTimeout, Supplier<String> ownName, IntSupplier ownPeerPort) {
        this.tls = tls;
        this.clients = clients;
        this.connectTimeout = connectTimeout;
        this.callTimeout = callTimeout;
        this.idleTimeout = idleTimeout;
        this.ownName = ownName;
        this.ownPeerPort = ownPeerPort;
        this.client = clients.newClient(new PeerSslContextFactory(tls));
    }

    /** Why a call found no answer at one address. */
    public enum Failure { NO_ADDRESS, UNREACHABLE, IDENTITY_MISMATCH, TIMEOUT, BODY_TOO_LARGE }

    public record Failed(Failure failure, String detail) {
    }

    public Duration callTimeout() {
        return callTimeout;
    }

    /**
     * A call to the same-named app on the peer at one of its addresses, with the caller's forwardable headers; the
     * caller sends it (and gives it a body).
     *
     * @param rawPathAndQuery the path below the app (starting with {@code /}) and the query, still percent-encoded
     */
    public Request call(Peer peer, String address, String app, String method, String rawPathAndQuery,
            HttpFields callerHeaders, String senderName) {
        String target = PeerProtocolHandler.APPS + URLEncoder.encode(app, StandardCharsets.UTF_8) + rawPathAndQuery;
        Request request = request(peer, address, method, target);
        request.headers(headers -> {
            for (HttpField field : callerHeaders) {
                if (Headers.forwardRequest(field)) {
                    headers.add(field);
                }
            }
            headers.put(Headers.SENDER_NAME, Headers.encode(senderName));
            headers.put(Headers.SENDER_PORT, Integer.toString(ownPeerPort.getAsInt()));
        });
        return request;
    }

    private Request request(Peer peer, String address, String method, String target) {
        URI origin = origin(address);
        return client.newRequest(origin).path(target).tag(peer.id()).method(method)
                .idleTimeout(idleTimeout.toMillis(), TimeUnit.MILLISECONDS)
                // Given here, the client need not build and parse the request's whole URI again to make it.
                .headers(headers -> headers.put(HttpHeader.HOST, origin.getRawAuthority()));
    }

    /** {@code https://host:port} for an address, parsed once. */
    private URI origin(String address) {
        return origins.get(address, a -> {
            URI origin;
            try {
                origin = URI.create("https://" + hostPort(a));
            } catch (IllegalArgumentException e) {
                throw new BadAddressException(a);
            }
            if (origin.getHost() == null) {
                throw new BadAddressException(a);
            }
            return origin;
        });
    }

    /** Asks a peer who it is; empty when it cannot be reached (or is someone else). Blocks. */
    public Optional<String> whoAreYou(Peer peer) {
        for (String address : peer.addresses()) {
            try {
                Request request = request(peer, address, "GET", PeerProtocolHandler.WHOAREYOU)
                        .timeout(connectTimeout.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
                request.headers(headers -> {
                    headers.put(Headers.SENDER_NAME, Headers.encode(ownName.get()));
                    headers.put(Headers.SENDER_PORT, Integer.toString(ownPeerPort.getAsInt()));
                });
                ContentResponse answer = request.send();
                if (answer.getStatus() == 200) {
                    JsonNode node = MAPPER.readTree(answer.getContent());
                    return Optional.of(node.path("name").asText(""));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            } catch (ExecutionException e) {
                describe(peer, address, e.getCause());
            } catch (TimeoutException | IOException | BadAddressException e) {
                // Not reachable there; try the next address.
            }
        }
        return Optional.empty();
    }

    /** What a failure before any answer means, for the owner; logs a wrong Portal at an address once. */
    public Failed describe(Peer peer, String address, Throwable failure) {
        if (failure instanceof BadAddressException) {
            return new Failed(Failure.UNREACHABLE, "address '" + address + "' is not host:port");
        }
        if (Relay.hasCause(failure, BodyTooLargeException.class)) {
            return new Failed(Failure.BODY_TOO_LARGE, rootMessage(failure));
        }
        if (failure instanceof Relay.AnswerTimeoutException) {
            return new Failed(Failure.TIMEOUT, "Portal " + peer.shortId() + " at " + address + " did not answer within "
                    + callTimeout.toSeconds() + " s");
        }
        Optional<IdentityMismatchException> mismatch = IdentityMismatchException.in(failure);
        if (mismatch.isPresent()) {
            if (mismatchesLogged.add(peer.id().canonical() + "@" + address + "=" + mismatch.get().found().canonical())) {
                LOG.warning("identity mismatch at " + address + ": " + mismatch.get().getMessage());
            }
            return new Failed(Failure.IDENTITY_MISMATCH, "the Portal listening at the address of " + peer.shortId()
                    + " is a different Portal (" + mismatch.get().found().canonical() + "); the connection was refused "
                    + "before anything was sent. Check the peer's address, or whether it got a new identity.");
        }
        if (Relay.hasCause(failure, ConnectException.class)) {
            return new Failed(Failure.UNREACHABLE, "nothing listens at " + address + " (connection refused)");
        }
        if (Relay.hasCause(failure, SocketTimeoutException.class) || Relay.hasCause(failure, TimeoutException.class)) {
            return new Failed(Failure.UNREACHABLE, "no answer from " + address + " within " + connectTimeout.toMillis()
                    + " ms");
        }
        return new Failed(Failure.UNREACHABLE, "connection to " + address + " failed: " + rootMessage(failure));
    }

    /** The message when a peer has no address at all. */
    public static Failed noAddress(Peer peer) {
        return new Failed(Failure.NO_ADDRESS, "Portal " + peer.shortId() + " (" + peer.name()
                + ") has no address; add one to the peer entry");
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

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        ForwardingClients.stop(client);
    }

    /** An address in a peer entry that is not host:port. */
    static final class BadAddressException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BadAddressException(String address) {
            super("address '" + address + "' is not host:port");
        }
    }
}
