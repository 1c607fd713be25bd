package io.portal.console.peering;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portal.console.api.Problem;
import io.portal.console.apps.AccessCache;
import io.portal.console.apps.AccessDecision;
import io.portal.console.apps.PathRule;
import io.portal.console.apps.RegisteredApp;
import io.portal.console.identity.PortalId;
import io.portal.console.identity.PortalProfile;
import io.portal.console.store.ActivityEntry;
import io.portal.console.store.Peer;
import io.portal.console.store.PeerRepository;
import java.net.ConnectException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLSession;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The receiving side of the peer protocol: answers {@code whoareyou} and delivers {@code /portal/v1/apps/{app}/…}
 * to the local app when the sender may call that path, with the sender's identity attached.
 */
public final class PeerProtocolHandler extends InlineHandler {
    public static final String WHOAREYOU = "/portal/v1/whoareyou";
    public static final String APPS = "/portal/v1/apps/";
    private static final Logger LOG = Logger.getLogger(PeerProtocolHandler.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration CONTACT_RECORD_INTERVAL = Duration.ofSeconds(30);
    private static final String SENDER = PeerProtocolHandler.class.getName() + ".sender";

    private final PortalProfile profile;
    private final PeerRepository peers;
    private final AccessCache access;
    private final PendingRequests pending;
    private final CallLimits limits;
    private final ActivityRecorder activity;
    private final long maxBodyBytes;
    private final Duration callTimeout;
    private final Duration idleTimeout;
    private final Clock clock;
    private final HttpClient appClient;
    private final ForwardingClients clients;
    private final Map<PortalId, Instant> contactRecorded = new ConcurrentHashMap<>();

    public PeerProtocolHandler(PortalProfile profile, PeerRepository peers, AccessCache access, PendingRequests pending,
            CallLimits limits, ActivityRecorder activity, long maxBodyBytes, ForwardingClients clients, Duration callTimeout,
            Duration idleTimeout, Clock clock, Executor workers) {
        super(workers);
        this.profile = profile;
        this.peers = peers;
        this.access = access;
        this.pending = pending;
        this.limits = limits;
        this.activity = activity;
        this.maxBodyBytes = maxBodyBytes;
        this.callTimeout = callTimeout;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.clients = clients;
        this.appClient = clients.newClient(null);
    }

    @Override
    protected boolean mayRunInline(Request request) {
        return request.getHttpURI().getPath().startsWith(APPS);
    }

    @Override
    protected void process(Request request, Response response, Callback callback) {
        PortalId sender = senderOf(request);
        if (sender == null) {
            // The TLS layer requires a certificate; this only happens if the listener is misconfigured.
            problem(response, callback, new Problem(403, "no-client-certificate", "No client certificate",
                    "The peer protocol requires mutual TLS with the sender's identity certificate."));
            return;
        }
        String rawPath = request.getHttpURI().getPath();
        if (WHOAREYOU.equals(rawPath)) {
            whoAreYou(request, response, callback, sender);
        } else if (rawPath.startsWith(APPS)) {
            deliver(request, response, callback, sender, rawPath.substring(APPS.length()));
        } else {
            problem(response, callback, new Problem(404, "not-found", "No such endpoint",
                    "The peer protocol serves " + WHOAREYOU + " and " + APPS + "{app}/{path}."));
        }
    }

    private boolean whoAreYou(Request request, Response response, Callback callback, PortalId sender) {
        Optional<Peer> peer = access.peer(sender);
        if (peer.isEmpty()) {
            recordStranger(request, sender);
        } else if (!peer.get().blocked()) {
            noteContact(sender);
        }
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", profile.id().canonical());
        node.put("name", profile.name());
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(node.toString().getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    private boolean deliver(Request request, Response response, Callback callback, PortalId sender, String afterApps) {
        long started = System.nanoTime();
        Instant at = clock.instant();
        int slash = afterApps.indexOf('/');
        String appName = Headers.decode(slash < 0 ? afterApps : afterApps.substring(0, slash));
        String rawRest = slash < 0 ? "/" : afterApps.substring(slash);
        String decodedRest = Headers.decode(rawRest);
        Problem refusal = null;
        try {
            if (unsafe(rawRest, decodedRest)) {
                refusal = new Problem(400, "bad-path", "Path not allowed",
                        "The path may not contain '.' or '..' segments, encoded slashes or backslashes.");
                return problem(response, callback, refusal);
            }
            Optional<Peer> peer = access.peer(sender);
            Optional<RegisteredApp> app = access.app(appName);
            AccessDecision.Decision decision = AccessDecision.decide(AccessDecision.Direction.INCOMING, app, peer, decodedRest);
            if (decision instanceof AccessDecision.Denied denied) {
                if (denied.reason() == AccessDecision.Reason.NOT_A_PEER) {
                    recordStranger(request, sender);
                }
                refusal = refusal(denied, appName, decodedRest);
                return problem(response, callback, refusal);
            }
            noteContact(sender);
            long declared = declaredLength(request);
            if (declared > maxBodyBytes) {
                refusal = tooLarge();
                return problem(response, callback, refusal);
            }
            Optional<CallLimits.Slot> slot = limits.tryEnter(sender.canonical(), appName);
            if (slot.isEmpty()) {
                refusal = tooMany(sender, appName);
                return problem(response, callback, refusal);
            }
            Delivery delivery = new Delivery(request, peer.get(), app.get(), rawRest, decodedRest, slot.get(), at, started);
            Relay.start(request, response, callback, delivery, maxBodyBytes, declared, callTimeout, clients.scheduler(),
                    workers());
            return true;
        } catch (AccessCache.WouldWait e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "delivery failed", e);
            refusal = new Problem(500, "internal-error", "Delivery failed", String.valueOf(e.getMessage()));
            return problem(response, callback, refusal);
        } finally {
            if (refusal != null) {
                activity.record(new ActivityEntry(at, ActivityEntry.Direction.IN, sender.canonical(), appName,
                        request.getMethod(), decodedRest, refusal.status(), 0, 0, (System.nanoTime() - started) / 1_000_000,
                        refusal.slug()));
            }
        }
    }

    /** One call from a peer on its way to the local app, with the sender's identity attached. */
    private final class Delivery implements Relay.Route {
        private final Request request;
        private final Peer peer;
        private final RegisteredApp app;
        private final String rawRest;
        private final String decodedRest;
        private final CallLimits.Slot slot;
        private final Instant at;
        private final long started;

        Delivery(Request request, Peer peer, RegisteredApp app, String rawRest, String decodedRest, CallLimits.Slot slot,
                Instant at, long started) {
            this.request = request;
            this.peer = peer;
            this.app = app;
            this.rawRest = rawRest;
            this.decodedRest = decodedRest;
            this.slot = slot;
            this.at = at;
            this.started = started;
        }

        @Override
        public Optional<org.eclipse.jetty.client.Request> next(Optional<Throwable> previous) {
            if (previous.isPresent()) {
                return Optional.empty();
            }
            String query = request.getHttpURI().getQuery();
            URI url = app.url();
            String path = stripTrailingSlashes(url.getRawPath() == null ? "" : url.getRawPath()) + rawRest
                    + (query == null ? "" : "?" + query);
            Map<String, String> identity = identityHeaders(peer, app, decodedRest);
            return Optional.of(appClient.newRequest(url).path(path).method(request.getMethod())
                    .idleTimeout(idleTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .headers(headers -> {
                        headers.put(HttpHeader.HOST, url.getRawAuthority());
                        for (HttpField field : request.getHeaders()) {
                            if (Headers.forwardRequest(field)) {
                                headers.add(field);
                            }
                        }
                        identity.forEach(headers::put);
                    }));
        }

        @Override
        public Problem failure(Throwable failure) {
            if (failure instanceof Relay.AnswerTimeoutException) {
                return new Problem(504, "app-timeout", "The app did not answer in time",
                        "App '" + app.name() + "' on Portal " + profile.id().shortId() + " did not answer within "
                                + callTimeout.toSeconds() + " s.");
            }
            if (Relay.hasCause(failure, BodyTooLargeException.class)) {
                return tooLarge();
            }
            return new Problem(502, "app-unreachable", "The app is not running",
                    "App '" + app.name() + "' is installed on Portal " + profile.id().shortId()
                            + " but does not answer at its registered address"
                            + (Relay.hasCause(failure, ConnectException.class) ? "."
                                    : ": " + PeerClient.rootMessage(failure)));
        }

        @Override
        public void answer(Problem problem, Response response, Callback callback) {
            problem(response, callback, problem);
        }

        @Override
        public void finished(int status, String slug, long bytesIn, long bytesOut) {
            slot.close();
            activity.record(new ActivityEntry(at, ActivityEntry.Direction.IN, peer.id().canonical(), app.name(),
                    request.getMethod(), decodedRest, status, bytesIn, bytesOut, (System.nanoTime() - started) / 1_000_000,
                    slug));
        }
    }

    @Override
    protected void doStop() throws Exception {
        ForwardingClients.stop(appClient);
        super.doStop();
    }

    /** The headers the service adds for the app: who is calling, plus the manifest's templates for this path. */
    private Map<String, String> identityHeaders(Peer peer, RegisteredApp app, String path) {
        Map<String, String> headers = new LinkedHashMap<>();
        String name = Headers.encode(peer.name());
        headers.put(Headers.CLIENT_TYPE, "peer");
        headers.put(Headers.PEER_ID, peer.id().canonical());
        headers.put(Headers.PEER_SHORT_ID, peer.id().shortId());
        headers.put(Headers.PEER_NAME, name);
        // Portal manifests write both {{ auth.client_id }} and the older {{ client_id }}.
        Map<String, String> variables = Map.of("auth.client_type", "peer", "auth.client_id", peer.id().canonical(),
                "auth.client_name", name, "client_type", "peer", "client_id", peer.id().canonical(), "client_name", name);
        PathRule rule = app.manifest().ruleFor(path);
        rule.headers().forEach((header, template) -> {
            if (!Headers.serviceHeader(header) || !headers.containsKey(header)) {
                headers.put(header, Headers.fill(template, variables));
            }
        });
        return headers;
    }

    private static String stripTrailingSlashes(String url) {
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '/') {
            end--;
        }
        return url.substring(0, end);
    }

    private static boolean unsafe(String rawRest, String decodedRest) {
        String lowerRaw = rawRest.toLowerCase(java.util.Locale.ROOT);
        if (lowerRaw.contains("%2f") || lowerRaw.contains("%5c") || decodedRest.contains("\\") || lowerRaw.contains("%00")) {
            return true;
        }
        for (String segment : decodedRest.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private Problem refusal(AccessDecision.Denied denied, String app, String path) {
        String here = "Portal " + profile.id().shortId();
        return switch (denied.reason()) {
            // A blocked sender is told the same as a stranger: blocking is not announced.
            case NOT_A_PEER, PEER_BLOCKED, UNKNOWN_PEER -> new Problem(403, "not-a-peer", "Not a peer",
                    "You are not in the peers of " + here + "; its owner sees your request and may accept it.");
            case APP_NOT_INSTALLED -> new Problem(403, "app-not-installed", "App not installed",
                    "App '" + app + "' is not installed on " + here + ".");
            case NOT_SHARED -> new Problem(403, "app-not-shared", "App not shared with you",
                    "The owner of " + here + " has not shared app '" + app + "' with you.");
            case NOT_PEER_PATH -> new Problem(403, "not-peer-path", "Path is not a peer path",
                    "Path '" + path + "' of app '" + app + "' on " + here + " is not declared 'peer' in its app.json.");
        };
    }

    private Problem tooLarge() {
        return new Problem(413, "body-too-large", "Body too large",
                "Portal " + profile.id().shortId() + " accepts request bodies up to " + maxBodyBytes + " bytes.");
    }

    private static Problem tooMany(PortalId sender, String app) {
        return new Problem(429, "too-many-calls", "Too many concurrent calls",
                "Too many calls from Portal " + sender.shortId() + " or to app '" + app + "' are in progress; retry later.");
    }

    private void recordStranger(Request request, PortalId sender) {
        AccessCache.mayWait();
        try {
            String name = request.getHeaders().get(Headers.SENDER_NAME);
            String port = request.getHeaders().get(Headers.SENDER_PORT);
            int announced = -1;
            try {
                announced = port == null ? -1 : Integer.parseInt(port.strip());
            } catch (NumberFormatException ignored) {
                // Then only the host is kept.
            }
            pending.attempt(sender, name == null ? "" : Headers.decode(name), Request.getRemoteAddr(request), announced);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot record a pending request", e);
        }
    }

    private void noteContact(PortalId sender) {
        Instant now = clock.instant();
        Instant last = contactRecorded.get(sender);
        if (last == null || last.plus(CONTACT_RECORD_INTERVAL).isBefore(now)) {
            contactRecorded.put(sender, now);
            workers().execute(() -> {
                try {
                    peers.recordContact(sender, true, now);
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "cannot record contact", e);
                }
            });
        }
    }

    /** The sender's ID, from its certificate; worked out once per TLS session and kept with it. */
    private static PortalId senderOf(Request request) {
        Object data = request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
        if (data instanceof EndPoint.SslSessionData ssl) {
            SSLSession session = ssl.sslSession();
            if (session != null && session.getValue(SENDER) instanceof PortalId known) {
                return known;
            }
            X509Certificate[] certificates = ssl.peerCertificates();
            if (certificates != null && certificates.length > 0) {
                PortalId id = PeerTls.idOf(certificates[0]);
                if (session != null) {
                    session.putValue(SENDER, id);
                }
                return id;
            }
        }
        return null;
    }

    /** The body's declared length, 0 when there is none, -1 when it is chunked. */
    public static long declaredLength(Request request) {
        long length = request.getLength();
        if (length < 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            return 0;
        }
        return length;
    }

    /** Writes a problem the service itself answers, marked so the dialing service can tell it from the app's own. */
    public static boolean problem(Response response, Callback callback, Problem problem) {
        response.setStatus(problem.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.getHeaders().put(Headers.PROBLEM, problem.slug());
        response.write(true, ByteBuffer.wrap(problem.json()), callback);
        return true;
    }

}
