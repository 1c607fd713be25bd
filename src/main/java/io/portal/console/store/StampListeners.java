package io.portal.console.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Listeners to the database's two change counters: the setup's (migration 005: peers, addresses, apps, sharing,
 * settings, pending requests) and peers' presence (migration 006: online, last seen). {@link #check} reads both and
 * tells the listeners of each counter that moved since the last check. Not thread-safe: its owner checks from one
 * thread at a time.
 */
final class StampListeners {
    private static final Logger LOG = Logger.getLogger(StampListeners.class.getName());
    private static final String READ = "SELECT (SELECT stamp FROM setup_stamp WHERE id = 1), "
            + "(SELECT stamp FROM presence_stamp WHERE id = 1)";

    private final List<Runnable> setup = new CopyOnWriteArrayList<>();
    private final List<Runnable> presence = new CopyOnWriteArrayList<>();
    private long setupStamp = -1;
    private long presenceStamp = -1;

    AutoCloseable onSetup(Runnable listener) {
        return add(setup, listener);
    }

    AutoCloseable onPresence(Runnable listener) {
        return add(presence, listener);
    }

    private static AutoCloseable add(List<Runnable> listeners, Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    boolean isEmpty() {
        return setup.isEmpty() && presence.isEmpty();
    }

    /** Whether the counters were read yet; until then a check only reads them. */
    boolean started() {
        return setupStamp >= 0;
    }

    /** Reads the counters and tells the listeners of each one that moved; the first check only reads them. */
    void check(Connection connection) throws SQLException {
        long newSetup;
        long newPresence;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(READ)) {
            newSetup = rs.getLong(1);
            newPresence = rs.getLong(2);
        }
        boolean first = !started();
        boolean setupMoved = newSetup != setupStamp;
        boolean presenceMoved = newPresence != presenceStamp;
        setupStamp = newSetup;
        presenceStamp = newPresence;
        if (first) {
            return;
        }
        if (setupMoved) {
            tell(setup);
        }
        if (presenceMoved) {
            tell(presence);
        }
    }

    static void tell(List<Runnable> listeners) {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a database change listener failed", e);
            }
        }
    }
}
