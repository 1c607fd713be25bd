package io.portal.console.apps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret an app presents to the peer service. Only its hash is stored, so a copy of the database does not let
 * anyone act as the app.
 */
public final class AppTokens {
    public static final String PREFIX = "ptk_";
    static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AppTokens() {
    }

    /** A new token: 256 random bits, URL-safe base64 without padding, prefixed {@code ptk_} so it is recognisable. */
    public static String generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** SHA-256 of the token's UTF-8 bytes, lowercase hex. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
