package io.portal.console.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    private static final Path HOME = Path.of("/home/alice");

    @Test
    void linuxUsesXdgDataHomeWhenSet() {
        assertThat(DataDirectory.defaultPath(Map.of("XDG_DATA_HOME", "/data/alice"), "Linux", HOME))
                .isEqualTo(Path.of("/data/alice/portal-console"));
    }

    @Test
    void linuxFallsBackToLocalShareWhenXdgDataHomeIsUnsetEmptyOrRelative() {
        Path expected = Path.of("/home/alice/.local/share/portal-console");
        assertThat(DataDirectory.defaultPath(Map.of(), "Linux", HOME)).isEqualTo(expected);
        assertThat(DataDirectory.defaultPath(Map.of("XDG_DATA_HOME", ""), "Linux", HOME)).isEqualTo(expected);
        assertThat(DataDirectory.defaultPath(Map.of("XDG_DATA_HOME", "relative"), "Linux", HOME)).isEqualTo(expected);
    }

    @Test
    void windowsUsesAppData() {
        assertThat(DataDirectory.defaultPath(Map.of("APPDATA", "/c/Users/alice/AppData/Roaming"), "Windows 11", HOME))
                .isEqualTo(Path.of("/c/Users/alice/AppData/Roaming/Portal Console"));
        assertThat(DataDirectory.defaultPath(Map.of(), "Windows 10", HOME))
                .isEqualTo(Path.of("/home/alice/AppData/Roaming/Portal Console"));
    }

    @Test
    void macOsUsesApplicationSupport() {
        assertThat(DataDirectory.defaultPath(Map.of("XDG_DATA_HOME", "/ignored"), "Mac OS X", HOME))
                .isEqualTo(Path.of("/home/alice/Library/Application Support/Portal Console"));
    }

    @Test
    void theEnvironmentVariableOverridesEveryOs() {
        Map<String, String> env = Map.of(DataDirectory.ENV, "/srv/portal", "XDG_DATA_HOME", "/data", "APPDATA", "/a");
        for (String os : new String[] {"Linux", "Windows 11", "Mac OS X", "FreeBSD"}) {
            assertThat(DataDirectory.defaultPath(env, os, HOME)).as(os).isEqualTo(Path.of("/srv/portal"));
        }
    }

    @Test
    void anExplicitFolderWins(@TempDir Path dir) {
        assertThat(DataDirectory.choose(dir.resolve("x/../y")).path()).isEqualTo(dir.resolve("y"));
    }

    @Test
    void createsTheFolderForTheOwnerOnly(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("a/b");

        new DataDirectory(folder).ensureExists();

        assertThat(folder).isDirectory();
        if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        }
    }

    @Test
    void aFileInPlaceOfTheFolderIsAnError(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("file"));

        assertThatIllegalStateException().isThrownBy(() -> new DataDirectory(file).ensureExists())
                .withMessageContaining("is not a folder");
    }
}
