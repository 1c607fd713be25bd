package io.portal.console.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityStoreTest {
    @TempDir
    Path dir;

    @Test
    void createsTheKeyOnFirstUse() throws Exception {
        IdentityStore store = new IdentityStore(dir.resolve("new-folder"));

        Identity identity = store.loadOrCreate();

        assertThat(store.file()).exists();
        assertThat(Files.readString(store.file())).startsWith("-----BEGIN PRIVATE KEY-----\n")
                .endsWith("-----END PRIVATE KEY-----\n");
        assertThat(identity.id()).isEqualTo(PortalId.ofPublicKey(identity.publicKey()));
        assertThat(store.file().resolveSibling(IdentityStore.FILE_NAME + ".new")).doesNotExist();
    }

    @Test
    void loadingAgainGivesTheSameId() {
        PortalId first = new IdentityStore(dir).loadOrCreate().id();

        PortalId second = new IdentityStore(dir).loadOrCreate().id();
        PortalId third = new IdentityStore(dir).load().id();

        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
    }

    @Test
    void theKeyFileIsReadableByTheOwnerOnly() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        IdentityStore store = new IdentityStore(dir);
        store.loadOrCreate();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
    }

    @Test
    void aCorruptKeyIsAnErrorAndIsLeftUntouched() throws Exception {
        IdentityStore store = new IdentityStore(dir);
        byte[] corrupt = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n"
                .getBytes(StandardCharsets.US_ASCII);
        Files.write(store.file(), corrupt);

        assertThatThrownBy(store::loadOrCreate)
                .isInstanceOf(IdentityException.class)
                .hasMessageContaining(store.file().toString())
                .hasMessageContaining("damaged")
                .hasMessageContaining("left untouched");
        assertThat(Files.readAllBytes(store.file())).isEqualTo(corrupt);
    }

    @Test
    void aFileThatIsNotPemAtAllIsAnError() throws Exception {
        IdentityStore store = new IdentityStore(dir);
        Files.writeString(store.file(), "hello");

        assertThatThrownBy(store::loadOrCreate).isInstanceOf(IdentityException.class).hasMessageContaining("damaged");
        assertThat(Files.readString(store.file())).isEqualTo("hello");
    }

    @Test
    void anUnreadableKeyIsAnError() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        IdentityStore store = new IdentityStore(dir);
        PortalId id = store.loadOrCreate().id();
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(store.file()), "this user (root?) reads files whatever their mode");

            assertThatThrownBy(store::loadOrCreate)
                    .isInstanceOf(IdentityException.class)
                    .hasMessageContaining("cannot be read");
        } finally {
            Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(store.load().id()).isEqualTo(id);
    }
}
