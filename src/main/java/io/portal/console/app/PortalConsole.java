package io.portal.console.app;

import io.portal.console.apps.AppRegistry;
import io.portal.console.identity.Identity;
import io.portal.console.identity.IdentityStore;
import io.portal.console.identity.PortalProfile;
import io.portal.console.service.PeerService;
import io.portal.console.service.ServiceConfig;
import io.portal.console.store.ActivityRepository;
import io.portal.console.store.AppRepository;
import io.portal.console.peers.PeerBook;
import io.portal.console.store.Changes;
import io.portal.console.store.Database;
import io.portal.console.store.DatabaseWatcher;
import io.portal.console.store.PeerRepository;
import io.portal.console.store.PendingRepository;
import io.portal.console.store.SettingsRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The composition root: builds every service of the console from the data folder, starts them in order and
 * stops them in reverse. The GUI, the CLI and {@code serve} all start here, so they share one database and one
 * identity.
 */
public final class PortalConsole implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PortalConsole.class.getName());

    private final DataDirectory dataDirectory;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Identity identity;
    private final Database database;
    private final SettingsRepository settings;
    private final PortalProfile profile;
    private final PeerRepository peers;
    private final AppRepository apps;
    private final AppRegistry appRegistry;
    private final PendingRepository pending;
    private final ActivityRepository activity;
    private final PeerBook peerBook;
    private DatabaseWatcher watcher;
    private volatile PeerService service;
    private boolean closed;

    private PortalConsole(DataDirectory dataDirectory) {
        this.dataDirectory = dataDirectory.ensureExists();
        this.identity = new IdentityStore(dataDirectory.path()).loadOrCreate();
        this.database = started(Database.open(dataDirectory.resolve(Database.FILE_NAME)));
        this.settings = new SettingsRepository(database);
        this.profile = new PortalProfile(identity, settings);
        this.peers = new PeerRepository(database);
        this.apps = new AppRepository(database);
        this.appRegistry = new AppRegistry(apps, peers, Clock.systemUTC());
        this.pending = new PendingRepository(database);
        this.activity = new ActivityRepository(database);
        this.peerBook = new PeerBook(peers, identity.id(), Clock.systemUTC());
    }

    /** Opens identity and database: enough for the CLI. */
    public static PortalConsole open(DataDirectory dataDirectory) {
        return new PortalConsole(dataDirectory);
    }

    /** Starts what a long-running door (GUI, {@code serve}) needs on top: change notification. */
    public PortalConsole startWatching(Duration interval) {
        if (watcher == null) {
            watcher = started(new DatabaseWatcher(database, interval));
        }
        return this;
    }

    private <T extends AutoCloseable> T started(T component) {
        started.push(component);
        return component;
    }

    public DataDirectory dataDirectory() {
        return dataDirectory;
    }

    public Identity identity() {
        return identity;
    }

    public Database database() {
        return database;
    }

    public SettingsRepository settings() {
        return settings;
    }

    public PortalProfile profile() {
        return profile;
    }

    public PeerRepository peers() {
        return peers;
    }

    public AppRepository apps() {
        return apps;
    }

    /** The rules for local apps: registration, tokens, sharing. */
    public AppRegistry appRegistry() {
        return appRegistry;
    }

    public PendingRepository pending() {
        return pending;
    }

    public ActivityRepository activity() {
        return activity;
    }

    /**
     * Starts the peer service (local API and peer listener); it stops, gracefully, when the console closes.
     *
     * @throws io.portal.console.service.ServiceException when it cannot listen (port taken, …)
     */
    public synchronized PeerService startService(ServiceConfig config) {
        if (closed) {
            throw new IllegalStateException("the console is closing");
        }
        if (service != null) {
            throw new IllegalStateException("the peer service is already running");
        }
        // The service keeps what it looks up per call in memory and forgets it when the database changes.
        startWatching(DatabaseWatcher.DEFAULT_INTERVAL);
        service = started(new PeerService(new PeerService.Parts(dataDirectory.path(), identity, profile, peers, apps,
                appRegistry, pending, activity, changesIncludingOwnWrites()), config, Clock.systemUTC()).start());
        return service;
    }

    /** Commits by other processes (when the watcher polls) and by this one (at once). */
    private Changes changesIncludingOwnWrites() {
        DatabaseWatcher others = watcher;
        Changes own = database.ownCommits();
        return new Changes() {
            @Override
            public AutoCloseable subscribe(Runnable listener) {
                return both(others.subscribe(listener), own.subscribe(listener));
            }

            @Override
            public AutoCloseable subscribeToSetup(Runnable listener) {
                return both(others.subscribeToSetup(listener), own.subscribeToSetup(listener));
            }

            @Override
            public AutoCloseable subscribeToPresence(Runnable listener) {
                return both(others.subscribeToPresence(listener), own.subscribeToPresence(listener));
            }

            private AutoCloseable both(AutoCloseable fromOthers, AutoCloseable fromHere) {
                return () -> {
                    fromHere.close();
                    fromOthers.close();
                };
            }
        };
    }

    /** The running peer service, if {@link #startService} was called and succeeded. */
    public java.util.Optional<PeerService> service() {
        return java.util.Optional.ofNullable(service);
    }

    /** The peer rules the GUI, the CLI and the peer service share. */
    public PeerBook peerBook() {
        return peerBook;
    }

    /** The change watcher; only after {@link #startWatching}. */
    public DatabaseWatcher watcher() {
        if (watcher == null) {
            throw new IllegalStateException("startWatching() was not called");
        }
        return watcher;
    }

    @Override
    public synchronized void close() {
        closed = true;
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "stopping " + component.getClass().getSimpleName() + " failed", e);
            }
        }
    }
}
