package io.portal.console.apps;

/** The outcome of registering an app. */
public sealed interface Registration permits Registration.Registered, Registration.Refused {
    /**
     * The app is registered, shared with nobody.
     *
     * @param token the app's secret in plain text: shown to the owner once, never stored
     */
    record Registered(RegisteredApp app, String token) implements Registration {
    }

    /** What was wrong; nothing was changed. */
    enum Problem {
        /** The app.json was refused; see the message for the field. */
        INVALID_MANIFEST,
        /** An app of that name is registered already. */
        NAME_TAKEN,
        /** The app.json has no port and no URL was given. */
        URL_NEEDED,
        /** The URL given is not an absolute http(s) URL. */
        INVALID_URL
    }

    record Refused(Problem problem, String message) implements Registration {
    }
}
