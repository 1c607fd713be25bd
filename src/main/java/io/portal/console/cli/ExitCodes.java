package io.portal.console.cli;

/** Exit codes of {@code portal-console}. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The command was understood but refused (bad ID, unknown peer, invalid manifest, …). */
    public static final int REFUSED = 1;
    /** The command line itself is wrong (unknown option, missing argument). */
    public static final int USAGE = 2;
    /** The data folder cannot be used (damaged key, newer database, no permission). */
    public static final int DATA = 3;

    private ExitCodes() {
    }
}
