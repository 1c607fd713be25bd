package io.portal.console.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The command lines that only open the console window (none, or just {@code --data-dir DIR}), read without
 * picocli: building its model of every command costs a noticeable part of the window's start. Anything else, even
 * a slightly odd form of these, is left to picocli, so every answer and error message stays picocli's.
 *
 * @param dataDir the folder given, or null for the default one
 */
record GuiArguments(Path dataDir) {
    private static final String DATA_DIR = "--data-dir";

    /** The window's arguments, or empty when picocli must read the command line. */
    static Optional<GuiArguments> parse(String... args) {
        if (args.length == 0) {
            return Optional.of(new GuiArguments(null));
        }
        String value;
        if (args.length == 2 && args[0].equals(DATA_DIR)) {
            value = args[1];
        } else if (args.length == 1 && args[0].startsWith(DATA_DIR + "=")) {
            value = args[0].substring(DATA_DIR.length() + 1);
        } else {
            return Optional.empty();
        }
        // Values picocli could read otherwise: option names, its @argument files, empty text.
        if (value.isBlank() || value.startsWith("-") || value.startsWith("@") || !value.strip().equals(value)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new GuiArguments(Path.of(value)));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
