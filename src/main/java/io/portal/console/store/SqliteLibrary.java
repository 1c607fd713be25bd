package io.portal.console.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * sqlite-jdbc copies its native library out of its jar into a new temporary file at every start, and reads both
 * back to compare them. This keeps one copy per library build in the user's cache folder
 * ({@code $XDG_CACHE_HOME/portal-console/sqlite-native/<version>-<crc>/}, readable by the owner only), checks it
 * against the CRC-32 the jar records for it, and points sqlite-jdbc at it. Whenever anything is amiss the
 * properties stay unset and sqlite-jdbc does as it always did.
 *
 * <p>A copy in use is marked so (its folder's time) at most once a day. When a new copy is written, after an
 * upgrade, the copies of other builds that no start has used for {@link #UNUSED_FOR} are removed; a copy still used
 * by another installed version of the console that marks its copies too stays (an older version's copy may go, and
 * that version writes it again at its next start).
 */
public final class SqliteLibrary {
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";
    private static final Logger LOG = Logger.getLogger(SqliteLibrary.class.getName());
    private static final Set<PosixFilePermission> PRIVATE_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PRIVATE_LIBRARY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> WRITABLE_BY_OTHERS = EnumSet.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);
    /** Copies of other library builds unused for this long are removed when a new copy is written. */
    static final Duration UNUSED_FOR = Duration.ofDays(30);
    private static final Duration MARK_USED_EVERY = Duration.ofDays(1);
    /** The folders this class makes: {@code <version>-<crc as 8 hex digits>}. */
    private static final Pattern COPY_FOLDER = Pattern.compile("[0-9A-Za-z._]+-[0-9a-f]{8}");
    private static boolean prepared;

    private SqliteLibrary() {
    }

    /** Call before the first connection; later calls do nothing. Never fails. */
    public static synchronized void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        if (System.getProperty(PATH_PROPERTY) != null || System.getProperty(NAME_PROPERTY) != null) {
            return; // Someone chose the library by hand.
        }
        try {
            Optional<Source> source = Source.bundled();
            if (source.isEmpty()) {
                return;
            }
            Path root = cacheRoot(System.getenv(), System.getProperty("os.name"), Path.of(System.getProperty("user.home")));
            cachedCopy(root, source.get()).ifPresent(file -> {
                System.setProperty(PATH_PROPERTY, file.getParent().toString());
                System.setProperty(NAME_PROPERTY, file.getFileName().toString());
            });
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "the SQLite library is not cached; sqlite-jdbc extracts it as usual", e);
        }
    }

    /** {@code <per-user cache folder>/portal-console/sqlite-native}. */
    static Path cacheRoot(Map<String, String> env, String osName, Path home) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        Path base;
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            base = local != null && !local.isBlank() ? Path.of(local) : home.resolve("AppData/Local");
        } else if (os.startsWith("mac")) {
            base = home.resolve("Library/Caches");
        } else {
            String xdg = env.get("XDG_CACHE_HOME");
            base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".cache");
        }
        return base.resolve("portal-console").resolve("sqlite-native");
    }

    /**
     * The verified copy of the library under {@code root}, written there first if it is missing or damaged; empty
     * when the folder cannot be used.
     */
    static Optional<Path> cachedCopy(Path root, Source source) {
        Path folder = root.resolve(source.version() + "-" + String.format("%08x", source.crc()));
        Path file = folder.resolve(source.fileName());
        try {
            if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) && usable(folder) && intact(file, source.crc())) {
                markUsed(folder);
                return Optional.of(file);
            }
            createPrivateFolders(folder);
            if (!usable(folder)) {
                return Optional.empty();
            }
            Path part = folder.resolve(source.fileName() + "." + ProcessHandle.current().pid() + ".part");
            try {
                if (write(source, part) != source.crc()) {
                    return Optional.empty();
                }
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(part);
            }
            if (!intact(file, source.crc())) {
                return Optional.empty();
            }
            removeUnused(root, folder, source.fileName());
            return Optional.of(file);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "cannot cache the SQLite library in " + folder, e);
            return Optional.empty();
        }
    }

    /** Sets the folder's time to now when it is more than a day old, so that other versions' starts keep it. */
    private static void markUsed(Path folder) {
        try {
            Instant now = Instant.now();
            if (Files.getLastModifiedTime(folder, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(now.minus(MARK_USED_EVERY))) {
                Files.setLastModifiedTime(folder, FileTime.from(now));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "cannot mark " + folder + " as used", e);
        }
    }

    /**
     * Removes the other copies under {@code root} that no start has used for {@link #UNUSED_FOR}: only plain folders
     * (no links, no junctions) named as this class names them, this user's and writable by no one else, in a cache
     * folder of the same kind, and in them only the files this class writes. What cannot be removed (a library loaded
     * on Windows, an unexpected file) stays.
     */
    private static void removeUnused(Path root, Path keep, String fileName) {
        Instant before = Instant.now().minus(UNUSED_FOR);
        try (Stream<Path> folders = Files.list(root)) {
            if (!usable(root)) {
                return;
            }
            Path realRoot = root.toRealPath();
            for (Path folder : (Iterable<Path>) folders::iterator) {
                try {
                    String name = folder.getFileName().toString();
                    if (folder.equals(keep) || !COPY_FOLDER.matcher(name).matches()) {
                        continue;
                    }
                    BasicFileAttributes attributes = Files.readAttributes(folder, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    if (!attributes.isDirectory() || attributes.isSymbolicLink() || attributes.isOther()
                            || !attributes.lastModifiedTime().toInstant().isBefore(before) || !usable(folder)
                            || !folder.toRealPath().equals(realRoot.resolve(name))) {
                        continue;
                    }
                    try (Stream<Path> files = Files.list(folder)) {
                        for (Path f : (Iterable<Path>) files::iterator) {
                            String file = f.getFileName().toString();
                            boolean ours = file.equals(fileName) || file.startsWith(fileName + ".") && file.endsWith(".part");
                            if (ours && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                                Files.delete(f);
                            }
                        }
                    }
                    Files.delete(folder); // fails, and the folder stays, when anything else is in it
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.FINE, "cannot remove the unused SQLite library copy " + folder, e);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "cannot look for unused SQLite library copies in " + root, e);
        }
    }

    /** Creates the missing folders owner-only; folders that exist (such as ~/.cache) keep what their owner chose. */
    private static void createPrivateFolders(Path folder) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = folder; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.push(p);
        }
        for (Path p : missing) {
            try {
                if (posix(p)) {
                    Files.createDirectory(p, PosixFilePermissions.asFileAttribute(PRIVATE_FOLDER));
                } else {
                    Files.createDirectory(p);
                }
            } catch (FileAlreadyExistsException raced) {
                // Another start made it meanwhile; usable() judges it.
            }
        }
    }

    /** Writes the library to a new owner-only file; returns the CRC-32 of what was written. */
    private static long write(Source source, Path part) throws IOException {
        Files.deleteIfExists(part);
        if (posix(part.getParent())) {
            Files.createFile(part, PosixFilePermissions.asFileAttribute(PRIVATE_LIBRARY));
        } else {
            Files.createFile(part);
        }
        CRC32 crc = new CRC32();
        try (InputStream in = source.open();
                OutputStream out = Files.newOutputStream(part, StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                crc.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        return crc.getValue();
    }

    /** A regular file of this user's, writable by no one else, with the expected CRC-32. */
    private static boolean intact(Path file, long expectedCrc) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !usable(file)) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(Files.readAllBytes(file));
        return crc.getValue() == expectedCrc;
    }

    /** Owned by this user and writable by no one else: nobody else can swap the library under us. */
    private static boolean usable(Path path) throws IOException {
        if (!posix(path)) {
            return true;
        }
        if (!Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))) {
            return false;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        return permissions.stream().noneMatch(WRITABLE_BY_OTHERS::contains);
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** The library as the jar holds it: its version, file name, the CRC-32 the jar records, and its bytes. */
    record Source(String version, String fileName, long crc, Opener opener) {
        InputStream open() throws IOException {
            return opener.open();
        }

        /** sqlite-jdbc's own library for this OS, when it comes from a jar that records its CRC. */
        static Optional<Source> bundled() {
            String name = LibraryLoaderUtil.getNativeLibName();
            String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
            URL url = SQLiteJDBCLoader.class.getResource(resource);
            if (url == null) {
                return Optional.empty();
            }
            try {
                URLConnection connection = url.openConnection();
                if (!(connection instanceof JarURLConnection jar) || jar.getJarEntry() == null
                        || jar.getJarEntry().getCrc() < 0) {
                    return Optional.empty();
                }
                long crc = jar.getJarEntry().getCrc();
                return Optional.of(new Source(SQLiteJDBCLoader.getVersion(), name, crc, url::openStream));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }

    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }
}
