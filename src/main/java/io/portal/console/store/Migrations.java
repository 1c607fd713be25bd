package io.portal.console.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The schema's history: {@code db/migrations.txt} lists the SQL scripts in order; script N brings the schema
 * to version N ({@code PRAGMA user_version}). Scripts are never edited once released, only appended.
 */
final class Migrations {
    private static final String BASE = "/io/portal/console/db/";

    private Migrations() {
    }

    record Script(int version, String name, List<String> statements) {
    }

    static List<Script> all() {
        List<Script> scripts = new ArrayList<>();
        int version = 0;
        for (String line : read("migrations.txt").split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            version++;
            scripts.add(new Script(version, name, split(read(name))));
        }
        return scripts;
    }

    private static String read(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + name, e);
        }
    }

    /** Splits a script at semicolons that end a line, keeping trigger bodies (BEGIN … END;) whole. */
    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inBody = false;
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            String upper = trimmed.toUpperCase(Locale.ROOT);
            if (upper.endsWith("BEGIN")) {
                inBody = true;
            }
            if (trimmed.endsWith(";") && (!inBody || upper.equals("END;"))) {
                inBody = false;
                statements.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }
}
