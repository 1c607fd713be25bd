package io.portal.console.apps;

import java.util.Locale;
import java.util.Optional;

/** Who may reach a path of an app, as its {@code app.json} declares it. */
public enum Access {
    /** Anyone, without logging in. */
    PUBLIC,
    /** Only the owner (and the owner's devices). */
    PRIVATE,
    /** Peers the app is shared with, through the peer service. */
    PEER;

    /** The word used in {@code app.json}. */
    public String manifestValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads the word used in {@code app.json}: exactly {@code public}, {@code private} or {@code peer}. */
    public static Optional<Access> ofManifestValue(String value) {
        for (Access access : values()) {
            if (access.manifestValue().equals(value)) {
                return Optional.of(access);
            }
        }
        return Optional.empty();
    }
}
