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
            CREATE TABLE gadgets (
                id   TEXT PRIMARY KEY,
                seen INTEGER NOT NULL DEFAULT 0
            );

            CREATE TABLE log (what TEXT NOT NULL);
            CREATE TRIGGER gadget_seen AFTER UPDATE OF seen ON gadgets
            BEGIN
                INSERT INTO log (what) VALUES ('seen ' || new.id);
                UPDATE gadgets SET seen = seen WHERE id = new.id;
            END;
            CREATE INDEX log_what ON log (what);
            """;

    @Test
    void splitsAtStatementEndsButKeepsATriggerBodyWhole() {
        List<String> statements = Migrations.split(SCRIPT);

        assertThat(statements).hasSize(4);
        assertThat(statements.get(0)).startsWith("CREATE TABLE gadgets").endsWith(");");
        assertThat(statements.get(2))
                .startsWith("CREATE TRIGGER gadget_seen")
                .contains("INSERT INTO log", "UPDATE gadgets SET seen")
                .endsWith("END;");
        assertThat(statements.get(3)).isEqualTo("CREATE INDEX log_what ON log (what);");
        assertThat(statements).noneMatch(s -> s.contains("--"));
    }

    @Test
    void theSplitStatementsRunInSqlite(@TempDir Path dir) {
        try (Database database = Database.open(dir.resolve("portal.db"))) {
            database.write(c -> {
                try (Statement s = c.createStatement()) {
                    for (String sql : Migrations.split(SCRIPT)) {
                        s.executeUpdate(sql);
                    }
                    s.executeUpdate("INSERT INTO gadgets (id) VALUES ('p1')");
                    s.executeUpdate("UPDATE gadgets SET seen = 1 WHERE id = 'p1'");
                }
                return null;
            });
            assertThat(database.<String>read(c -> {
                try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT what FROM log")) {
                    return rs.next() ? rs.getString(1) : null;
                }
            })).isEqualTo("seen p1");
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
