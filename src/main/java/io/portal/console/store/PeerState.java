package io.portal.console.store;

import java.util.Locale;

/** Whether a peer may reach this Portal and be reached by its apps. */
public enum PeerState {
    ACTIVE, BLOCKED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PeerState ofDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
