package io.portal.console.store;

import java.sql.PreparedStatement;

/** JDBC steps the repositories share. */
final class Sql {
    private Sql() {
    }

    /** Runs one statement with string parameters in its own write; true when it changed a row. */
    static boolean update(Database database, String sql, String... parameters) {
        return database.write(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setString(i + 1, parameters[i]);
                }
                return s.executeUpdate() > 0;
            }
        });
    }
}
