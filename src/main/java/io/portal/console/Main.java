package io.portal.console;

import io.portal.console.cli.Cli;

/**
 * Entry point of {@code portal-console}: no command opens the console window, a command runs on the command line.
 * This class does not extend {@code Application}, so the JavaFX jars may sit on the plain class path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int exitCode = Cli.run(args);
        if (exitCode != Cli.KEEP_RUNNING) {
            System.exit(exitCode);
        }
    }
}
