package io.portal.console.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void aNewDatabaseGetsEveryMigration() throws Exception {
        Path file = dir.resolve("portal.db");
        try (Database database = Database.open(file)) {
            assertThat(Database.latestVersion()).isEqualTo(Migrations.all().size()).isPositive();
            assertThat(database.schemaVersion()).isEqualTo(Database.latestVersion());
        }
        assertThat(rawUserVersion(file)).isEqualTo(Database.latestVersion());
        assertThat(rawQuery(file, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'settings'"))
                .isEqualTo("1");
    }

    @Test
    void reopeningDoesNotMigrateAgain() {
        Path file = dir.resolve("portal.db");
        try (Database database = Database.open(file)) {
            new SettingsRepository(database).put("k", "v");
        }
        try (Database database = Database.open(file)) {
            assertThat(database.schemaVersion()).isEqualTo(Database.latestVersion());
            assertThat(new SettingsRepository(database).get("k")).contains("v");
        }
    }

    @Test
    void aDatabaseFromANewerVersionIsRefusedAndLeftAsItIs() throws Exception {
        Path file = dir.resolve("portal.db");
        int newer = Database.latestVersion() + 5;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE future (x INTEGER)");
            s.executeUpdate("PRAGMA user_version = " + newer);
        }

        assertThatThrownBy(() -> Database.open(file))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("newer")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("version " + newer);

        assertThat(rawUserVersion(file)).isEqualTo(newer);
        assertThat(rawQuery(file, "SELECT count(*) FROM sqlite_master WHERE name = 'settings'")).isEqualTo("0");
    }

    @Test
    void usesWriteAheadLoggingAndForeignKeys() {
        try (Database database = Database.open(dir.resolve("portal.db"))) {
            assertThat(database.<String>read(c -> query(c, "PRAGMA journal_mode"))).isEqualToIgnoringCase("wal");
            assertThat(database.<String>read(c -> query(c, "PRAGMA foreign_keys"))).isEqualTo("1");
        }
    }

    @Test
    void aFailedWriteChangesNothing() {
        try (Database database = Database.open(dir.resolve("portal.db"))) {
            SettingsRepository settings = new SettingsRepository(database);

            assertThatThrownBy(() -> database.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO settings (key, value) VALUES ('a', '1')");
                    s.executeUpdate("INSERT INTO settings (key, value) VALUES ('a', '2')");
                }
                return null;
            })).isInstanceOf(StoreException.class);

            assertThat(settings.get("a")).isEmpty();
        }
    }

    private static int rawUserVersion(Path file) throws SQLException {
        return Integer.parseInt(rawQuery(file, "PRAGMA user_version"));
    }

    private static String rawQuery(Path file, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            return query(c, sql);
        }
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.getString(1);
        }
    }
}
