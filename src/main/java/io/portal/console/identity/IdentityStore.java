package io.portal.console.identity;

import io.portal.console.Messages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Set;

/**
 * Keeps the Portal's private key as PKCS#8 PEM, readable by the owner only. A key file that exists but cannot be
 * read is an error and is never replaced: a new key would be a new Portal ID.
 */
public final class IdentityStore {
    public static final String FILE_NAME = "identity.pem";
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;

    public IdentityStore(Path dataDirectory) {
        this.file = dataDirectory.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** Loads the identity, creating it on first start. */
    public Identity loadOrCreate() {
        if (Files.exists(file)) {
            return load();
        }
        try {
            return create();
        } catch (FileAlreadyExistsException raced) {
            return load();
        }
    }

    public Identity load() {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new IdentityException(Messages.get("identity.error.missing", file));
        } catch (AccessDeniedException e) {
            throw new IdentityException(Messages.get("identity.error.unreadable", file, "permission denied"), e);
        } catch (IOException e) {
            throw new IdentityException(Messages.get("identity.error.unreadable", file, e.getMessage()), e);
        }
        try {
            return Identity.of(Ed25519Keys.fromPkcs8(decodePem(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IdentityException(Messages.get("identity.error.corrupt", file, e.getMessage()), e);
        }
    }

    private Identity create() throws FileAlreadyExistsException {
        KeyPair keyPair = Ed25519Keys.generate();
        String pem = encodePem(keyPair.getPrivate().getEncoded());
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(FILE_NAME + ".new");
            Files.deleteIfExists(temp);
            if (supportsPosix()) {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(temp);
            }
            Files.writeString(temp, pem, StandardCharsets.US_ASCII);
            // A hard link fails when the target exists: never overwrite a key another process wrote meanwhile.
            try {
                Files.createLink(file, temp);
                Files.delete(temp);
            } catch (UnsupportedOperationException noLinks) {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException e) {
            throw new IdentityException(Messages.get("identity.error.write", file, e.getMessage()), e);
        }
        return Identity.of(keyPair);
    }

    private boolean supportsPosix() {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    static String encodePem(byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return BEGIN + "\n" + body + "\n" + END + "\n";
    }

    static byte[] decodePem(String pem) {
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("no PEM PRIVATE KEY block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
    }
}
