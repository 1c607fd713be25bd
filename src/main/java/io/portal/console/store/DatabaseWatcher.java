package io.portal.console.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Notices commits made to the database by anyone (this process, the CLI, a running {@code serve}) by polling
 * SQLite's {@code PRAGMA data_version} on a connection of its own, and tells its listeners. This is how a change
 * made through one door shows in the others without a restart.
 */
public final class DatabaseWatcher implements Changes, AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(500);
    private static final Logger LOG = Logger.getLogger(DatabaseWatcher.class.getName());

    private final Connection connection;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final StampListeners stampListeners = new StampListeners();
    private final ScheduledExecutorService timer;
    private long lastVersion;

    public DatabaseWatcher(Database database, Duration interval) {
        try {
            this.connection = Database.connect(database.file());
            this.lastVersion = dataVersion();
            stampListeners.check(connection);
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "database-watcher");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Adds a listener, called on the watcher's thread after any commit. Returns a handle that removes it. */
    @Override
    public AutoCloseable subscribe(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Adds a listener called only after commits that changed the setup, not after activity alone. */
    @Override
    public AutoCloseable subscribeToSetup(Runnable listener) {
        return stampListeners.onSetup(listener);
    }

    /** Adds a listener called only after commits that changed whether peers answer (online, last seen). */
    @Override
    public AutoCloseable subscribeToPresence(Runnable listener) {
        return stampListeners.onPresence(listener);
    }

    private long dataVersion() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA data_version")) {
            return rs.getLong(1);
        }
    }

    private void poll() {
        try {
            long version = dataVersion();
            if (version == lastVersion) {
                return;
            }
            lastVersion = version;
            stampListeners.check(connection);
            StampListeners.tell(listeners);
        } catch (SQLException e) {
            LOG.log(Level.FINE, "cannot poll the database version", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing is best effort; the watcher only ever read.
        }
    }
}
