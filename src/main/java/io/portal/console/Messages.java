package io.portal.console;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The texts a person reads, in the GUI and on the command line alike, from {@code messages.properties}.
 * Domain errors carry these messages so both doors say the same thing.
 */
public final class Messages {
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("io.portal.console.messages");

    private Messages() {
    }

    public static ResourceBundle bundle() {
        return BUNDLE;
    }

    public static String get(String key, Object... arguments) {
        String pattern = BUNDLE.getString(key);
        if (arguments.length == 0) {
            return pattern.replace("''", "'");
        }
        Object[] printable = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            // Paths and numbers print as they are (no locale grouping such as 1,234).
            printable[i] = arguments[i] instanceof Number || arguments[i] instanceof java.nio.file.Path
                    ? String.valueOf(arguments[i]) : arguments[i];
        }
        return new MessageFormat(pattern, Locale.ROOT).format(printable);
    }
}
