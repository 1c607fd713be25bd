package io.portal.console.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteLibraryTest {
    private static final byte[] LIBRARY = "pretend this is libsqlitejdbc.so".getBytes();
    private static final byte[] OTHER_LIBRARY = "another build of libsqlitejdbc.so".getBytes();

    @TempDir
    Path cache;

    @TempDir
    Path outside;

    private final AtomicInteger opened = new AtomicInteger();

    @Test
    void theFirstStartWritesAnOwnerOnlyCopyAndLaterStartsReuseIt() throws Exception {
        SqliteLibrary.Source source = source(LIBRARY, crc(LIBRARY));

        Optional<Path> first = SqliteLibrary.cachedCopy(cache, source);
        Optional<Path> second = SqliteLibrary.cachedCopy(cache, source);

        assertThat(first).isPresent();
        Path file = first.get();
        assertThat(file).hasBinaryContent(LIBRARY);
        assertThat(file.getFileName()).hasToString("libsqlitejdbc.so");
        assertThat(file.getParent().getFileName()).hasToString("3.54.1.0-" + String.format("%08x", crc(LIBRARY)));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(second).contains(file);
        assertThat(opened).as("the jar is read once, by the first start").hasValue(1);
        try (var left = Files.list(file.getParent())) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void aDamagedCopyIsReplaced() throws Exception {
        SqliteLibrary.Source source = source(LIBRARY, crc(LIBRARY));
        Path file = SqliteLibrary.cachedCopy(cache, source).orElseThrow();
        Files.write(file, "truncated".getBytes());

        Optional<Path> again = SqliteLibrary.cachedCopy(cache, source);

        assertThat(again).contains(file);
        assertThat(file).hasBinaryContent(LIBRARY);
        assertThat(opened).hasValue(2);
    }

    @Test
    void aCopyOthersMayWriteIsReplaced() throws Exception {
        SqliteLibrary.Source source = source(LIBRARY, crc(LIBRARY));
        Path file = SqliteLibrary.cachedCopy(cache, source).orElseThrow();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxrwxrwx"));

        Optional<Path> again = SqliteLibrary.cachedCopy(cache, source);

        assertThat(again).contains(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rwx------");
    }

    @Test
    void aFolderOthersMayWriteIsNotUsed() throws Exception {
        SqliteLibrary.Source source = source(LIBRARY, crc(LIBRARY));
        Path file = SqliteLibrary.cachedCopy(cache, source).orElseThrow();
        Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThat(SqliteLibrary.cachedCopy(cache, source)).isEmpty();
    }

    @Test
    void aCacheFolderThatCannotBeMadeFallsBack() throws Exception {
        Path notAFolder = Files.writeString(cache.resolve("cache"), "a file where the folder should be");

        assertThat(SqliteLibrary.cachedCopy(notAFolder.resolve("sqlite-native"), source(LIBRARY, crc(LIBRARY))))
                .isEmpty();
    }

    @Test
    void anUnwritableCacheFolderFallsBack() throws Exception {
        assumeThat(System.getProperty("user.name")).as("root writes anywhere").isNotEqualTo("root");
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("r-x------"));
        try {
            assertThat(SqliteLibrary.cachedCopy(cache.resolve("sqlite-native"), source(LIBRARY, crc(LIBRARY))))
                    .isEmpty();
        } finally {
            Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void aLibraryThatDoesNotMatchItsChecksumIsNotKept() throws Exception {
        Optional<Path> copy = SqliteLibrary.cachedCopy(cache, source(LIBRARY, crc(LIBRARY) ^ 1));

        assertThat(copy).isEmpty();
        try (var files = Files.walk(cache)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void aNewCopyRemovesOtherBuildsUnusedForAMonthAndNothingElse() throws Exception {
        Instant now = Instant.now();
        Path old = copyOfAnotherBuild("3.40.0.0-0badc0de", now.minus(SqliteLibrary.UNUSED_FOR).minus(Duration.ofDays(1)));
        Path recent = copyOfAnotherBuild("3.50.0.0-1234abcd", now.minus(Duration.ofDays(2)));
        Path notOurs = copyOfAnotherBuild("notes", now.minus(Duration.ofDays(400)));
        Path withOtherFiles = copyOfAnotherBuild("3.41.0.0-0000abcd", now.minus(Duration.ofDays(400)));
        Files.writeString(withOtherFiles.resolve("keep-me.txt"), "not written by the console");
        Files.setLastModifiedTime(withOtherFiles, FileTime.from(now.minus(Duration.ofDays(400))));
        Path elsewhere = Files.createDirectories(outside.resolve("elsewhere"));
        Files.write(elsewhere.resolve("libsqlitejdbc.so"), OTHER_LIBRARY);
        Path link = Files.createSymbolicLink(cache.resolve("3.42.0.0-0000beef"), elsewhere);
        Files.setLastModifiedTime(link, FileTime.from(now.minus(Duration.ofDays(400))));

        Path file = SqliteLibrary.cachedCopy(cache, source(LIBRARY, crc(LIBRARY))).orElseThrow();

        assertThat(old).doesNotExist();
        assertThat(recent.resolve("libsqlitejdbc.so")).exists();
        assertThat(notOurs.resolve("libsqlitejdbc.so")).exists();
        assertThat(withOtherFiles.resolve("keep-me.txt")).as("a file the console did not write stays").exists();
        assertThat(elsewhere.resolve("libsqlitejdbc.so")).as("a link is not followed").exists();
        assertThat(link).isSymbolicLink();
        assertThat(file).hasBinaryContent(LIBRARY);
    }

    @Test
    void aCopyInUseIsMarkedUsedSoOtherVersionsKeepIt() throws Exception {
        SqliteLibrary.Source source = source(LIBRARY, crc(LIBRARY));
        Path folder = SqliteLibrary.cachedCopy(cache, source).orElseThrow().getParent();
        Instant longAgo = Instant.now().minus(Duration.ofDays(60));
        Files.setLastModifiedTime(folder, FileTime.from(longAgo));

        SqliteLibrary.cachedCopy(cache, source);
        assertThat(Files.getLastModifiedTime(folder).toInstant()).isAfter(longAgo.plus(Duration.ofDays(59)));

        // Another build's start, writing its own copy, leaves this one alone.
        SqliteLibrary.cachedCopy(cache, source(OTHER_LIBRARY, crc(OTHER_LIBRARY)));
        assertThat(folder.resolve("libsqlitejdbc.so")).hasBinaryContent(LIBRARY);
    }

    private Path copyOfAnotherBuild(String name, Instant lastUsed) throws Exception {
        Path folder = Files.createDirectory(cache.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.write(folder.resolve("libsqlitejdbc.so"), OTHER_LIBRARY);
        Files.setLastModifiedTime(folder, FileTime.from(lastUsed));
        return folder;
    }

    @Test
    void theBundledLibraryIsFoundInTheSqliteJar() {
        SqliteLibrary.Source bundled = SqliteLibrary.Source.bundled().orElseThrow();

        assertThat(bundled.version()).isEqualTo(org.sqlite.SQLiteJDBCLoader.getVersion());
        assertThat(bundled.fileName()).isEqualTo(System.mapLibraryName("sqlitejdbc"));
        Path copy = SqliteLibrary.cachedCopy(cache, bundled).orElseThrow();
        assertThat(copy.toFile().length()).isGreaterThan(100_000);
    }

    @Test
    void theCacheFollowsXdgCacheHome() {
        Path home = Path.of("/home/owner");

        assertThat(SqliteLibrary.cacheRoot(Map.of(), "Linux", home))
                .isEqualTo(Path.of("/home/owner/.cache/portal-console/sqlite-native"));
        assertThat(SqliteLibrary.cacheRoot(Map.of("XDG_CACHE_HOME", "/var/cache/owner"), "Linux", home))
                .isEqualTo(Path.of("/var/cache/owner/portal-console/sqlite-native"));
        assertThat(SqliteLibrary.cacheRoot(Map.of("XDG_CACHE_HOME", "relative"), "Linux", home))
                .isEqualTo(Path.of("/home/owner/.cache/portal-console/sqlite-native"));
    }

    private SqliteLibrary.Source source(byte[] content, long crc) {
        return new SqliteLibrary.Source("3.54.1.0", "libsqlitejdbc.so", crc, () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(content);
        });
    }

    private static long crc(byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        return crc.getValue();
    }
}
