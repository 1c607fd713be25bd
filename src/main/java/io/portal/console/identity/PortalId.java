package io.portal.console.identity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A Portal's ID: SHA-256 over the DER-encoded SubjectPublicKeyInfo of its Ed25519 public key.
 * Text forms are defined in docs/identity.md.
 */
public final class PortalId implements Comparable<PortalId> {
    public static final int BYTES = 32;
    public static final int GROUPS = 4;
    public static final int GROUP_DATA_LENGTH = 13;
    public static final int GROUP_LENGTH = GROUP_DATA_LENGTH + 1;
    public static final int LENGTH = GROUPS * GROUP_LENGTH;
    public static final int SHORT_LENGTH = 6;
    private static final int DISPLAY_GROUP = 7;

    private final byte[] bytes;
    private final String canonical;

    private PortalId(byte[] bytes) {
        this.bytes = bytes.clone();
        this.canonical = encode(this.bytes);
    }

    public static PortalId ofBytes(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("a Portal ID has " + BYTES + " bytes, not " + bytes.length);
        }
        return new PortalId(bytes);
    }

    public static PortalId ofPublicKey(PublicKey key) {
        return ofSubjectPublicKeyInfo(key.getEncoded());
    }

    public static PortalId ofSubjectPublicKeyInfo(byte[] spkiDer) {
        try {
            return new PortalId(MessageDigest.getInstance("SHA-256").digest(spkiDer));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Parses a canonical ID strictly; for what people type, use {@link IdParser}. */
    public static PortalId ofCanonical(String canonical) {
        IdParser.Result result = IdParser.parse(canonical);
        if (result instanceof IdParser.Invalid invalid) {
            throw new IllegalArgumentException(invalid.message());
        }
        return ((IdParser.Valid) result).id();
    }

    private static String encode(byte[] bytes) {
        String data = Base32.encode(bytes);
        StringBuilder out = new StringBuilder(LENGTH);
        for (int g = 0; g < GROUPS; g++) {
            String group = data.substring(g * GROUP_DATA_LENGTH, (g + 1) * GROUP_DATA_LENGTH);
            out.append(group).append(CheckCharacter.of(group));
        }
        return out.toString();
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** 56 characters, uppercase, no separators. */
    public String canonical() {
        return canonical;
    }

    /** The canonical ID in 8 groups of 7 joined by dashes. */
    public String display() {
        StringBuilder out = new StringBuilder(LENGTH + LENGTH / DISPLAY_GROUP);
        for (int i = 0; i < LENGTH; i += DISPLAY_GROUP) {
            if (i > 0) {
                out.append('-');
            }
            out.append(canonical, i, i + DISPLAY_GROUP);
        }
        return out.toString();
    }

    public String shortId() {
        return canonical.substring(0, SHORT_LENGTH);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PortalId id && Arrays.equals(bytes, id.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(PortalId other) {
        return canonical.compareTo(other.canonical);
    }

    @Override
    public String toString() {
        return canonical;
    }
}
