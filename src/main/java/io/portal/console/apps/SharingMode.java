package io.portal.console.apps;

import java.util.Locale;

/** Which peers an app may see and contact. */
public enum SharingMode {
    /** Nobody: the default for a newly added app. */
    NONE,
    /** Every peer that is not blocked, including peers added later. */
    ALL,
    /** Only the peers the owner ticked. */
    SELECTED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SharingMode ofDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
