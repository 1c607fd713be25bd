package io.portal.console.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    private static final String SCRIPT = """
            -- A comment; with a semicolon.
            CREATE TABLE peers (
                id   TEXT PRIMARY KEY,
                seen INTEGER NOT NULL DEFAULT 0
            );

            CREATE TABLE log (what TEXT NOT NULL);
            CREATE TRIGGER peer_seen AFTER UPDATE OF seen ON peers
            BEGIN
                INSERT INTO log (what) VALUES ('seen ' || new.id);
                UPDATE peers SET seen = seen WHERE id = new.id;
            END;
            CREATE INDEX log_what ON log (what);
            """;

    @Test
    void splitsAtStatementEndsButKeepsATriggerBodyWhole() {
        List<String> statements = Migrations.split(SCRIPT);

        assertThat(statements).hasSize(4);
        assertThat(statements.get(0)).startsWith("CREATE TABLE peers").endsWith(");");
        assertThat(statements.get(2))
                .startsWith("CREATE TRIGGER peer_seen")
                .contains("INSERT INTO log", "UPDATE peers SET seen")
                .endsWith("END;");
        assertThat(statements.get(3)).isEqualTo("CREATE INDEX log_what ON log (what);");
        assertThat(statements).noneMatch(s -> s.contains("--"));
    }

    @Test
    void theSplitStatementsRunInSqlite(@TempDir Path dir) throws Exception {
        // A bare connection: an opened Database already has the product's own peers table.
        try (java.sql.Connection c = Database.connect(dir.resolve("scratch.db")); Statement s = c.createStatement()) {
            for (String sql : Migrations.split(SCRIPT)) {
                s.executeUpdate(sql);
            }
            s.executeUpdate("INSERT INTO peers (id) VALUES ('p1')");
            s.executeUpdate("UPDATE peers SET seen = 1 WHERE id = 'p1'");
            try (var rs = s.executeQuery("SELECT what FROM log")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("seen p1");
            }
        }
    }

    @Test
    void theShippedMigrationsAreNumberedInOrder() {
        List<Migrations.Script> scripts = Migrations.all();

        assertThat(scripts).isNotEmpty();
        for (int i = 0; i < scripts.size(); i++) {
            assertThat(scripts.get(i).version()).isEqualTo(i + 1);
            assertThat(scripts.get(i).statements()).isNotEmpty();
        }
    }
}
