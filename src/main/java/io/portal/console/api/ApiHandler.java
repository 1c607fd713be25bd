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
import io.portal.console.peering.ForwardingClients;
import io.portal.console.peering.Headers;
import io.portal.console.peering.InlineHandler;
import io.portal.console.peering.PeerClient;
import io.portal.console.peering.PeerProtocolHandler;
import io.portal.console.peering.Relay;
import io.portal.console.store.ActivityEntry;
import io.portal.console.store.Peer;
import io.portal.console.store.PeerRepository;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The local API for apps (docs/app-developers.md): who am I, which peers may I see, and calls through to them. */
public final class ApiHandler extends InlineHandler {
    private static final Logger LOG = Logger.getLogger(ApiHandler.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CALL = "/v1/call/";
    private static final Set<String> REFUSALS = Set.of("not-a-peer", "app-not-installed", "app-not-shared", "not-peer-path");

    private final PortalProfile profile;
    private final AccessCache registry;
    private final PeerRepository peers;
    private final PeerResolver resolver;
    private final PeerClient client;
    private final ForwardingClients clients;
    private final CallLimits limits;
    private final ActivityRecorder activity;
    private final long maxBodyBytes;
    private final Clock clock;

    public ApiHandler(PortalProfile profile, AccessCache registry, PeerRepository peers, PeerClient client,
            ForwardingClients clients, CallLimits limits, ActivityRecorder activity, long maxBodyBytes, Clock clock,
            Executor workers) {
        super(workers);
        this.profile = profile;
        this.registry = registry;
        this.peers = peers;
        this.resolver = new PeerResolver(registry, peers);
        this.client = client;
        this.clients = clients;
        this.limits = limits;
        this.activity = activity;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    @Override
    protected boolean mayRunInline(Request request) {
        return request.getHttpURI().getPath().startsWith(CALL);
    }

    @Override
    protected void process(Request request, Response response, Callback callback) {
        Optional<RegisteredApp> app = authenticate(request);
        if (app.isEmpty()) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"portal\"");
            problem(response, callback, Problem.unauthorized());
            return;
        }
        String path = request.getHttpURI().getPath();
        String method = request.getMethod();
        if (path.equals("/v1/self") || path.equals("/v1/peers")) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                problem(response, callback, new Problem(405, "method-not-allowed", "Method not allowed",
                        path + " answers GET only."));
                return;
            }
            json(response, callback, path.equals("/v1/self") ? self() : peerList(app.get()));
        } else if (path.startsWith(CALL)) {
            call(request, response, callback, app.get(), path.substring(CALL.length()));
        } else {
            problem(response, callback, new Problem(404, "not-found", "No such endpoint",
                    "The local API has GET /v1/self, GET /v1/peers and /v1/call/{peer}/{path}."));
        }
    }

    private Optional<RegisteredApp> authenticate(Request request) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        try {
            return registry.authenticate(authorization.substring(7).strip());
        } catch (AccessCache.WouldWait e) {
            throw e;
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
        for (Peer peer : registry.withPresence(registry.visiblePeers(app))) {
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
        Problem refusal = null;
        String peerKey = peerText;
        try {
            String senderName = registry.portalName();
            PeerResolver.Resolution resolution = resolver.resolve(peerText, () -> registry.visiblePeers(app));
            if (resolution instanceof PeerResolver.Refused refused) {
                refusal = refused.problem();
                return problem(response, callback, refusal);
            }
            Peer peer = ((PeerResolver.Found) resolution).peer();
            peerKey = peer.id().canonical();
            AccessDecision.Decision decision = AccessDecision.decide(AccessDecision.Direction.OUTGOING, Optional.of(app),
                    Optional.of(peer), Headers.decode(rawRest));
            if (decision instanceof AccessDecision.Denied denied) {
                refusal = denial(denied, app, peer);
                return problem(response, callback, refusal);
            }
            if (peer.addresses().isEmpty()) {
                refusal = failure(PeerClient.noAddress(peer), peer);
                return problem(response, callback, refusal);
            }
            long declared = PeerProtocolHandler.declaredLength(request);
            if (declared > maxBodyBytes) {
                boolean drain = !request.getHeaders().contains(HttpHeader.EXPECT)
                        && declared - maxBodyBytes <= Relay.DRAIN_LIMIT;
                if (drain) {
                    AccessCache.mayWait(); // draining blocks
                }
                refusal = tooLarge("this Portal");
                if (drain) {
                    Relay.drain(request, Relay.DRAIN_LIMIT + maxBodyBytes);
                }
                return problem(response, callback, refusal);
            }
            Optional<CallLimits.Slot> slot = limits.tryEnter(peer.id().canonical(), app.name());
            if (slot.isEmpty()) {
                refusal = new Problem(429, "too-many-calls", "Too many concurrent calls",
                        "Too many calls of app '" + app.name() + "' or to Portal " + peer.shortId()
                                + " are in progress; retry later.");
                return problem(response, callback, refusal);
            }
            OutgoingCall call = new OutgoingCall(request, peer, app, rawRest, query, senderName, slot.get(), at, started);
            Relay.start(request, response, callback, call, maxBodyBytes, declared, client.callTimeout(),
                    clients.scheduler(), workers());
            return true;
        } catch (AccessCache.WouldWait e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "call failed", e);
            refusal = new Problem(500, "internal-error", "Call failed", String.valueOf(e.getMessage()));
            return problem(response, callback, refusal);
        } finally {
            if (refusal != null) {
                activity.record(new ActivityEntry(at, ActivityEntry.Direction.OUT, peerKey, app.name(),
                        request.getMethod(), Headers.decode(rawRest), refusal.status(), 0, 0,
                        (System.nanoTime() - started) / 1_000_000, refusal.slug()));
            }
        }
    }

    /** One call on its way to a peer: tries the peer's addresses in order, translates what comes back. */
    private final class OutgoingCall implements Relay.Route {
        private final Request request;
        private final Peer peer;
        private final RegisteredApp app;
        private final String rawPath;
        private final String query;
        private final String senderName;
        private final CallLimits.Slot slot;
        private final Instant at;
        private final long started;
        private final Iterator<String> addresses;
        private String address;
        private Throwable described;
        private PeerClient.Failed last;
        private PeerClient.Failed mismatch;

        OutgoingCall(Request request, Peer peer, RegisteredApp app, String rawPath, String query, String senderName,
                CallLimits.Slot slot, Instant at, long started) {
            this.request = request;
            this.peer = peer;
            this.app = app;
            this.rawPath = rawPath;
            this.query = query;
            this.senderName = senderName;
            this.slot = slot;
            this.at = at;
            this.started = started;
            this.addresses = peer.addresses().iterator();
        }

        @Override
        public Optional<org.eclipse.jetty.client.Request> next(Optional<Throwable> previous) {
            previous.ifPresent(this::remember);
            while (addresses.hasNext()) {
                address = addresses.next();
                try {
                    return Optional.of(client.call(peer, address, app.name(), request.getMethod(),
                            rawPath + (query == null ? "" : "?" + query), request.getHeaders(), senderName));
                } catch (IllegalArgumentException badAddress) {
                    remember(badAddress);
                }
            }
            return Optional.empty();
        }

        private PeerClient.Failed remember(Throwable failure) {
            described = failure;
            PeerClient.Failed failed = client.describe(peer, address, failure);
            if (failed.failure() == PeerClient.Failure.IDENTITY_MISMATCH) {
                mismatch = failed;
            } else {
                last = failed;
            }
            return failed;
        }

        @Override
        public Problem failure(Throwable failure) {
            if (failure != described) {
                // Failed with no other address to try (timed out, body refused, or cut off): that is the news.
                return ApiHandler.failure(remember(failure), peer);
            }
            return ApiHandler.failure(mismatch != null ? mismatch : last, peer);
        }

        @Override
        public boolean passThrough(org.eclipse.jetty.client.Response answer) {
            return !answer.getHeaders().contains(Headers.PROBLEM);
        }

        @Override
        public Problem translate(org.eclipse.jetty.client.Response answer, byte[] body) {
            return fromPeer(answer.getHeaders().get(Headers.PROBLEM), answer.getStatus(), body, peer);
        }

        @Override
        public void answer(Problem problem, Response response, Callback callback) {
            problem(response, callback, problem);
        }

        @Override
        public void finished(int status, String slug, long bytesIn, long bytesOut) {
            slot.close();
            activity.record(new ActivityEntry(at, ActivityEntry.Direction.OUT, peer.id().canonical(), app.name(),
                    request.getMethod(), Headers.decode(rawPath), status, bytesIn, bytesOut,
                    (System.nanoTime() - started) / 1_000_000, slug));
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
    private static Problem fromPeer(String peerSlug, int peerStatus, byte[] body, Peer peer) {
        String detail;
        try {
            JsonNode node = MAPPER.readTree(body);
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
            default -> new Problem(502, "peer-error", "The peer's service failed", who + " answered " + peerStatus
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
