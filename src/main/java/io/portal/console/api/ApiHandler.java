package io.portal.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portal.console.apps.AccessDecision;
import io.portal.console.apps.AccessCache;
import io.portal.console.apps.RegisteredApp;
import io.portal.console.identity.PortalProfile;
import io.portal.console.peering.ActivityRecorder;
import io.portal.console.peering.CallLimits;
import io.portal.console.peering.CountingInputStream;
import io.portal.console.peering.Headers;
import io.portal.console.peering.PeerClient;
import io.portal.console.peering.PeerProtocolHandler;
import io.portal.console.store.ActivityEntry;
import io.portal.console.store.Peer;
import io.portal.console.store.PeerRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The local API for apps (docs/app-developers.md): who am I, which peers may I see, and calls through to them. */
public final class ApiHandler extends Handler.Abstract {
    private static final Logger LOG = Logger.getLogger(ApiHandler.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CALL = "/v1/call/";
    /** How much of a refused body is read and dropped so the 413 reaches the client (see {@link #drain}). */
    private static final long DRAIN_LIMIT = 16L << 20;
    private static final Set<String> REFUSALS = Set.of("not-a-peer", "app-not-installed", "app-not-shared", "not-peer-path");

    private final PortalProfile profile;
    private final AccessCache registry;
    private final PeerRepository peers;
    private final PeerResolver resolver;
    private final PeerClient client;
    private final CallLimits limits;
    private final ActivityRecorder activity;
    private final long maxBodyBytes;
    private final Clock clock;

    public ApiHandler(PortalProfile profile, AccessCache registry, PeerRepository peers, PeerClient client,
            CallLimits limits, ActivityRecorder activity, long maxBodyBytes, Clock clock) {
        this.profile = profile;
        this.registry = registry;
        this.peers = peers;
        this.resolver = new PeerResolver(registry, peers);
        this.client = client;
        this.limits = limits;
        this.activity = activity;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Optional<RegisteredApp> app = authenticate(request);
        if (app.isEmpty()) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"portal\"");
            return problem(response, callback, Problem.unauthorized());
        }
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        if (path.equals("/v1/self") || path.equals("/v1/peers")) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                return problem(response, callback, new Problem(405, "method-not-allowed", "Method not allowed",
                        path + " answers GET only."));
            }
            return json(response, callback, path.equals("/v1/self") ? self() : peerList(app.get()));
        }
        if (path.startsWith(CALL)) {
            return call(request, response, callback, app.get(), path.substring(CALL.length()));
        }
        return problem(response, callback, new Problem(404, "not-found", "No such endpoint",
                "The local API has GET /v1/self, GET /v1/peers and /v1/call/{peer}/{path}."));
    }

    private Optional<RegisteredApp> authenticate(Request request) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        try {
            return registry.authenticate(authorization.substring(7).strip());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot check an app token", e);
            return Optional.empty();
        }
    }

    private JsonNode self() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", profile.id().canonical());
        node.put("shortId", profile.id().shortId());
        node.put("name", profile.name());
        return node;
    }

    private JsonNode peerList(RegisteredApp app) {
        ArrayNode list = MAPPER.createArrayNode();
        for (Peer peer : registry.visiblePeers(app)) {
            ObjectNode node = list.addObject();
            node.put("id", peer.id().canonical());
            node.put("shortId", peer.id().shortId());
            node.put("name", peer.name());
            node.put("online", peer.online());
            if (peer.lastSeen().isPresent()) {
                node.put("lastSeen", peer.lastSeen().get().toString());
            } else {
                node.putNull("lastSeen");
            }
        }
        return list;
    }

    private boolean call(Request request, Response response, Callback callback, RegisteredApp app, String afterCall) {
        long started = System.nanoTime();
        Instant at = clock.instant();
        int slash = afterCall.indexOf('/');
        String peerText = Headers.decode(slash < 0 ? afterCall : afterCall.substring(0, slash));
        String rawRest = slash < 0 ? "/" : afterCall.substring(slash);
        String query = request.getHttpURI().getQuery();
        AtomicLong bytesIn = new AtomicLong();
        AtomicLong bytesOut = new AtomicLong();
        int status = 0;
        String slug = null;
        String peerKey = peerText;
        try {
            PeerResolver.Resolution resolution = resolver.resolve(peerText, () -> registry.visiblePeers(app));
            if (resolution instanceof PeerResolver.Refused refused) {
                slug = refused.problem().slug();
                status = refused.problem().status();
                return problem(response, callback, refused.problem());
            }
            Peer peer = ((PeerResolver.Found) resolution).peer();
            peerKey = peer.id().canonical();
            AccessDecision.Decision decision = AccessDecision.decide(AccessDecision.Direction.OUTGOING, Optional.of(app),
                    Optional.of(peer), Headers.decode(rawRest));
            if (decision instanceof AccessDecision.Denied denied) {
                Problem p = denial(denied, app, peer);
                slug = p.slug();
                status = p.status();
                return problem(response, callback, p);
            }
            long declared = PeerProtocolHandler.declaredLength(request);
            if (declared > maxBodyBytes) {
                Problem p = tooLarge("this Portal");
                slug = p.slug();
                status = p.status();
                if (!request.getHeaders().contains(HttpHeader.EXPECT) && declared - maxBodyBytes <= DRAIN_LIMIT) {
                    drain(request, DRAIN_LIMIT + maxBodyBytes);
                }
                return problem(response, callback, p);
            }
            Optional<AutoCloseable> slot = limits.tryEnter(peer.id().canonical(), app.name());
            if (slot.isEmpty()) {
                Problem p = new Problem(429, "too-many-calls", "Too many concurrent calls",
                        "Too many calls of app '" + app.name() + "' or to Portal " + peer.shortId()
                                + " are in progress; retry later.");
                slug = p.slug();
                status = p.status();
                return problem(response, callback, p);
            }
            try (AutoCloseable ignored = slot.get()) {
                Map<String, List<String>> headers = new LinkedHashMap<>();
                for (HttpField field : request.getHeaders()) {
                    if (Headers.forwardRequest(field.getName())) {
                        headers.computeIfAbsent(field.getName(), k -> new ArrayList<>()).add(field.getValue());
                    }
                }
                PeerClient.Body body = declared == 0 ? PeerClient.Body.NONE : new PeerClient.Body(
                        () -> new CountingInputStream(Request.asInputStream(request), bytesIn, maxBodyBytes), declared);
                PeerClient.Outcome outcome = client.call(peer, app.name(), request.getMethod(),
                        rawRest + (query == null ? "" : "?" + query), headers, body);
                if (outcome instanceof PeerClient.Failed failed) {
                    if (failed.failure() == PeerClient.Failure.BODY_TOO_LARGE) {
                        drain(request, DRAIN_LIMIT);
                    }
                    Problem p = failure(failed, peer);
                    slug = p.slug();
                    status = p.status();
                    return problem(response, callback, p);
                }
                HttpResponse<InputStream> answer = ((PeerClient.Answered) outcome).response();
                Optional<String> peerProblem = answer.headers().firstValue(Headers.PROBLEM);
                if (peerProblem.isPresent()) {
                    Problem p = fromPeer(peerProblem.get(), answer, peer);
                    slug = p.slug();
                    status = p.status();
                    return problem(response, callback, p);
                }
                status = answer.statusCode();
                response.setStatus(status);
                answer.headers().map().forEach((name, values) -> {
                    if (Headers.forwardResponse(name)) {
                        values.forEach(v -> response.getHeaders().add(name, v));
                    }
                });
                answer.headers().firstValueAsLong("content-length").ifPresent(length -> {
                    if (!"HEAD".equals(request.getMethod())) {
                        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
                    }
                });
                try (InputStream in = answer.body(); OutputStream out = Content.Sink.asOutputStream(response)) {
                    bytesOut.addAndGet(CountingInputStream.copy(in, out));
                }
                callback.succeeded();
                return true;
            }
        } catch (Exception e) {
            LOG.log(Level.FINE, "call failed", e);
            if (!response.isCommitted()) {
                Problem p = new Problem(502, "peer-unreachable", "Call failed", "The call broke off: " + e.getMessage());
                slug = p.slug();
                status = p.status();
                return problem(response, callback, p);
            }
            callback.failed(e);
            return true;
        } finally {
            activity.record(new ActivityEntry(at, ActivityEntry.Direction.OUT, peerKey, app.name(), request.getMethod(),
                    Headers.decode(rawRest), status, bytesIn.get(), bytesOut.get(), (System.nanoTime() - started) / 1_000_000,
                    slug));
        }
    }

    /**
     * Reads and drops what is left of a refused body, up to a bound, so the client gets to read the answer: closing
     * a connection with unread bytes makes TCP reset it, and the answer can be lost. Bigger bodies are cut off.
     */
    private static void drain(Request request, long limit) {
        try (InputStream in = Request.asInputStream(request)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while (total < limit && (n = in.read(buffer)) >= 0) {
                total += n;
            }
        } catch (IOException | RuntimeException ignored) {
            // The client went away or the body was already consumed: nothing to drain.
        }
    }

    private static Problem denial(AccessDecision.Denied denied, RegisteredApp app, Peer peer) {
        String who = "Portal " + peer.shortId() + " (" + peer.name() + ")";
        return switch (denied.reason()) {
            case PEER_BLOCKED -> new Problem(403, "peer-blocked", "Peer blocked",
                    who + " is blocked by this Portal's owner; no app can call it.");
            case NOT_SHARED -> new Problem(403, "peer-not-shared", "Peer not shared with this app",
                    "The owner has not shared " + who + " with app '" + app.name() + "' (Apps screen, sharing).");
            case UNKNOWN_PEER, NOT_A_PEER -> new Problem(404, "unknown-peer", "Unknown peer", who + " is not a peer.");
            case APP_NOT_INSTALLED, NOT_PEER_PATH -> new Problem(403, "peer-not-shared", "Not allowed", denied.detail());
        };
    }

    private Problem tooLarge(String where) {
        return new Problem(413, "body-too-large", "Body too large",
                "The request body is larger than the " + maxBodyBytes + " bytes " + where + " accepts.");
    }

    private static Problem failure(PeerClient.Failed failed, Peer peer) {
        String who = "Portal " + peer.shortId() + " (" + peer.name() + ")";
        return switch (failed.failure()) {
            case NO_ADDRESS, UNREACHABLE -> new Problem(502, "peer-unreachable", "Peer unreachable",
                    who + " cannot be reached: " + failed.detail());
            case IDENTITY_MISMATCH -> new Problem(502, "peer-identity-mismatch", "Identity mismatch at the peer's address",
                    failed.detail());
            case TIMEOUT -> new Problem(504, "peer-timeout", "Peer timed out", failed.detail());
            case BODY_TOO_LARGE -> new Problem(413, "body-too-large", "Body too large", failed.detail());
        };
    }

    /** Turns a problem the peer's service answered into this service's own, keeping the peer's explanation. */
    private static Problem fromPeer(String peerSlug, HttpResponse<InputStream> answer, Peer peer) throws IOException {
        String detail;
        try (InputStream in = answer.body()) {
            JsonNode node = MAPPER.readTree(in.readNBytes(16 * 1024));
            detail = node == null ? "" : node.path("detail").asText("");
        } catch (IOException e) {
            detail = "";
        }
        String who = "Portal " + peer.shortId() + " (" + peer.name() + ")";
        if (REFUSALS.contains(peerSlug)) {
            return new Problem(403, "peer-refused-" + peerSlug, "Refused by the peer", who + " refused the call: " + detail);
        }
        return switch (peerSlug) {
            case "body-too-large" -> new Problem(413, "body-too-large", "Body too large", who + ": " + detail);
            case "too-many-calls" -> new Problem(429, "peer-busy", "Peer busy", who + ": " + detail);
            case "app-unreachable" -> new Problem(502, "peer-app-unreachable", "App not running at the peer", detail);
            case "app-timeout" -> new Problem(504, "peer-app-timeout", "App at the peer timed out", detail);
            case "bad-path" -> new Problem(400, "bad-path", "Path not allowed", detail);
            default -> new Problem(502, "peer-error", "The peer's service failed", who + " answered " + answer.statusCode()
                    + " (" + peerSlug + "): " + detail);
        };
    }

    private static boolean json(Response response, Callback callback, JsonNode body) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body.toString().getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    static boolean problem(Response response, Callback callback, Problem problem) {
        response.setStatus(problem.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.write(true, ByteBuffer.wrap(problem.json()), callback);
        return true;
    }
}
