package io.portal.console.apps;

import io.portal.console.Messages;
import io.portal.console.identity.PortalId;
import io.portal.console.store.AppRepository;
import io.portal.console.store.Peer;
import io.portal.console.store.PeerRepository;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules for local apps, the same for the GUI, the CLI and the peer service: registering from an
 * {@code app.json}, tokens, sharing, and which peers an app may see.
 */
public final class AppRegistry {
    private final AppRepository apps;
    private final PeerRepository peers;
    private final Clock clock;

    public AppRegistry(AppRepository apps, PeerRepository peers, Clock clock) {
        this.apps = apps;
        this.peers = peers;
        this.clock = clock;
    }

    /** Registers an app from its app.json text; {@code url} overrides the manifest's port. */
    public Registration register(String manifestJson, Optional<URI> url) {
        return register(ManifestParser.parse(manifestJson), url);
    }

    /** Registers an app from its app.json file; {@code url} overrides the manifest's port. */
    public Registration register(Path manifestFile, Optional<URI> url) {
        return register(ManifestParser.parse(manifestFile), url);
    }

    private Registration register(ManifestResult result, Optional<URI> url) {
        if (result instanceof ManifestResult.Rejected rejected) {
            return new Registration.Refused(Registration.Problem.INVALID_MANIFEST, rejected.message());
        }
        AppManifest manifest = ((ManifestResult.Parsed) result).manifest();
        URI base;
        if (url.isPresent()) {
            Optional<String> problem = checkUrl(url.get());
            if (problem.isPresent()) {
                return new Registration.Refused(Registration.Problem.INVALID_URL, problem.get());
            }
            base = url.get();
        } else if (manifest.port().isPresent()) {
            base = URI.create("http://127.0.0.1:" + manifest.port().getAsInt());
        } else {
            return new Registration.Refused(Registration.Problem.URL_NEEDED, Messages.get("apps.error.noPort"));
        }
        String token = AppTokens.generate();
        if (!apps.register(manifest, base, AppTokens.hash(token), clock.instant())) {
            return new Registration.Refused(Registration.Problem.NAME_TAKEN,
                    Messages.get("apps.error.taken", manifest.name()));
        }
        return new Registration.Registered(find(manifest.name()).orElseThrow(), token);
    }

    /** Reads a URL the owner typed; refused unless it is an absolute http(s) URL with a host. */
    public static URI parseUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(Messages.get("apps.error.url", text), e);
        }
        Optional<String> problem = checkUrl(uri);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return uri;
    }

    static Optional<String> checkUrl(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || url.isOpaque() || !(scheme.equals("http") || scheme.equals("https"))
                || url.getHost() == null || url.getHost().isEmpty() || url.getRawUserInfo() != null
                || url.getRawQuery() != null || url.getRawFragment() != null) {
            return Optional.of(Messages.get("apps.error.url", url));
        }
        return Optional.empty();
    }

    public List<RegisteredApp> list() {
        return apps.list();
    }

    public Optional<RegisteredApp> find(String name) {
        return apps.find(name);
    }

    /** The app a token belongs to; empty for an unknown, rotated or blank token. */
    public Optional<RegisteredApp> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return apps.findByTokenHash(AppTokens.hash(token.strip()));
    }

    /** Issues a new token; the old one stops working at once. Returns the new one, to be shown once. */
    public String rotateToken(String name) {
        String token = AppTokens.generate();
        if (!apps.replaceTokenHash(name, AppTokens.hash(token))) {
            throw new NoSuchAppException(name);
        }
        return token;
    }

    public void share(String name, Sharing sharing) {
        if (!apps.setSharing(name, sharing)) {
            throw new NoSuchAppException(name);
        }
    }

    /** One tick in the sharing matrix; see {@link AppRepository#setShared}. */
    public void setShared(String name, PortalId peer, boolean shared) {
        if (!apps.setShared(name, peer, shared)) {
            throw new NoSuchAppException(name);
        }
    }

    /** The peers the app may see and contact: its sharing applied, blocked peers never. */
    public List<Peer> visiblePeers(RegisteredApp app) {
        if (app.sharing().mode() == SharingMode.NONE) {
            return List.of();
        }
        return peers.list().stream().filter(peer -> !peer.blocked() && app.sharing().includes(peer.id())).toList();
    }

    /** Returns false when there was no such app. */
    public boolean remove(String name) {
        return apps.remove(name);
    }
}
