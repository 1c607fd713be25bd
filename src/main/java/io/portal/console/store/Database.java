package io.portal.console.store;

import io.portal.console.Messages;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The one SQLite file in the data folder, shared by the GUI, the CLI and {@code serve} (WAL journal, so readers
 * and one writer work side by side across processes). Work runs on one connection, one unit at a time.
 */
public final class Database implements AutoCloseable {
    public static final String FILE_NAME = "portal.db";
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Runnable> commitListeners = new CopyOnWriteArrayList<>();
    private final StampListeners stampListeners = new StampListeners();

    private Database(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating if needed) the database and brings its schema up to date. */
    public static Database open(Path file) {
        Connection connection;
        try {
            connection = connect(file);
        } catch (SQLException e) {
            throw new StoreException(Messages.get("store.error.open", file, e.getMessage()), e);
        }
        Database database = new Database(file, connection);
        try {
            database.migrate(Migrations.all());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    static Connection connect(Path file) throws SQLException {
        SqliteLibrary.prepare();
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    public Path file() {
        return file;
    }

    public static int latestVersion() {
        return Migrations.all().size();
    }

    public int schemaVersion() {
        return read(Database::userVersion);
    }

    void migrate(List<Migrations.Script> scripts) {
        write(c -> {
            int current = userVersion(c);
            int latest = scripts.size();
            if (current > latest) {
                throw new StoreException(Messages.get("store.error.newer", file, current, latest));
            }
            for (Migrations.Script script : scripts.subList(current, latest)) {
                try (Statement statement = c.createStatement()) {
                    for (String sql : script.statements()) {
                        statement.executeUpdate(sql);
                    }
                    statement.executeUpdate("PRAGMA user_version = " + script.version());
                } catch (SQLException e) {
                    throw new StoreException(Messages.get("store.error.migration", file, script.version(),
                            e.getMessage(), current), e);
                }
            }
            return null;
        });
    }

    private static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.getInt(1);
        }
    }

    /** Runs read-only work. */
    public <T> T read(SqlFunction<T> work) {
        lock.lock();
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Calls the listener, on the writing thread, right after each commit made through this object; the
     * {@link DatabaseWatcher} tells about commits by anyone, but only when it next polls. Closing the handle removes it.
     */
    public AutoCloseable afterCommit(Runnable listener) {
        commitListeners.add(listener);
        return () -> commitListeners.remove(listener);
    }

    /** Like {@link #afterCommit}, but only after commits that changed the setup (see {@link Changes#subscribeToSetup}). */
    public AutoCloseable afterSetupCommit(Runnable listener) {
        startStamps();
        return stampListeners.onSetup(listener);
    }

    /**
     * Like {@link #afterCommit}, but only after commits that changed peers' presence
     * (see {@link Changes#subscribeToPresence}).
     */
    public AutoCloseable afterPresenceCommit(Runnable listener) {
        startStamps();
        return stampListeners.onPresence(listener);
    }

    /** The commits made through this object, as {@link Changes}: listeners run at once, on the writing thread. */
    public Changes ownCommits() {
        return new Changes() {
            @Override
            public AutoCloseable subscribe(Runnable listener) {
                return afterCommit(listener);
            }

            @Override
            public AutoCloseable subscribeToSetup(Runnable listener) {
                return afterSetupCommit(listener);
            }

            @Override
            public AutoCloseable subscribeToPresence(Runnable listener) {
                return afterPresenceCommit(listener);
            }
        };
    }

    /** Reads the change counters once, so that the first commit after a subscription is compared with them. */
    private void startStamps() {
        lock.lock();
        try {
            if (!stampListeners.started()) {
                stampListeners.check(connection);
            }
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs work in one transaction: all of it lands, or none. */
    public <T> T write(SqlFunction<T> work) {
        lock.lock();
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                if (!stampListeners.isEmpty()) {
                    stampListeners.check(connection);
                }
                commitListeners.forEach(Runnable::run);
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Closing is best effort; SQLite recovers the WAL on the next open.
        } finally {
            lock.unlock();
        }
    }
}
