package io.portal.console.app;

import io.portal.console.Messages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;

/** The data folder: identity key, database and service state. */
public final class DataDirectory {
    public static final String ENV = "PORTAL_CONSOLE_HOME";
    static final String FOLDER = "portal-console";

    private final Path path;

    public DataDirectory(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    public Path path() {
        return path;
    }

    public Path resolve(String name) {
        return path.resolve(name);
    }

    /** The folder given explicitly, else {@code $PORTAL_CONSOLE_HOME}, else the OS's per-user data folder. */
    public static DataDirectory choose(Path explicit) {
        if (explicit != null) {
            return new DataDirectory(explicit);
        }
        return new DataDirectory(defaultPath(System.getenv(), System.getProperty("os.name"),
                Path.of(System.getProperty("user.home"))));
    }

    static Path defaultPath(Map<String, String> env, String osName, Path home) {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            Path base = appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData/Roaming");
            return base.resolve("Portal Console");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library/Application Support/Portal Console");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".local/share");
        return base.resolve(FOLDER);
    }

    /** Creates the folder (owner-only where POSIX) if it does not exist yet. */
    public DataDirectory ensureExists() {
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new IllegalStateException(Messages.get("datadir.error.notdir", path));
        }
        try {
            if (!Files.exists(path)) {
                Files.createDirectories(path);
                if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(Messages.get("datadir.error.create", path, e.getMessage()), e);
        }
        return this;
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
