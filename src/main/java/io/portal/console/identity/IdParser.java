package io.portal.console.identity;

import io.portal.console.Messages;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a Portal ID the way a person pastes or types it. Forgiving where it is safe (case, separators,
 * look-alike digits, a {@code portal:} URI) and specific where it is not: an error says what is wrong and where,
 * and is never guessed away.
 */
public final class IdParser {
    private static final String URI_SCHEME = "portal:";

    private IdParser() {
    }

    /** What went wrong. */
    public enum Problem { EMPTY, INVALID_CHARACTER, WRONG_LENGTH, CHECK_CHARACTER, NOT_CANONICAL }

    /** The outcome of parsing. */
    public sealed interface Result permits Valid, Invalid {
        default boolean isValid() {
            return this instanceof Valid;
        }
    }

    /** A valid ID and the extras a {@code portal:} URI carried. */
    public record Valid(PortalId id, Optional<String> name, List<String> addresses) implements Result {
        public Valid {
            addresses = List.copyOf(addresses);
        }
    }

    /**
     * A refused input.
     *
     * @param group    1-based group (of 4) whose check character is wrong, or 0
     * @param position 1-based position among the ID's characters of an invalid character, or 0
     * @param found    how many ID characters were found
     */
    public record Invalid(Problem problem, String message, int group, int position, int found) implements Result {
    }

    public static Result parse(String input) {
        if (input == null || input.isBlank()) {
            return invalid(Problem.EMPTY, 0, 0, 0, Messages.get("id.error.empty"));
        }
        String text = input.strip();
        Optional<String> name = Optional.empty();
        List<String> addresses = new ArrayList<>();
        if (text.regionMatches(true, 0, URI_SCHEME, 0, URI_SCHEME.length())) {
            text = text.substring(URI_SCHEME.length());
            if (text.startsWith("//")) {
                text = text.substring(2);
            }
            int query = text.indexOf('?');
            if (query >= 0) {
                for (String parameter : text.substring(query + 1).split("&")) {
                    int eq = parameter.indexOf('=');
                    String key = eq < 0 ? parameter : parameter.substring(0, eq);
                    String value = eq < 0 ? "" : decode(parameter.substring(eq + 1));
                    if (key.equals("name") && !value.isBlank()) {
                        name = Optional.of(value.strip());
                    } else if (key.equals("addr") && !value.isBlank()) {
                        addresses.add(value.strip());
                    }
                }
                text = text.substring(0, query);
            }
        }
        StringBuilder id = new StringBuilder(PortalId.LENGTH);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            char normalized = normalize(c);
            if (Base32.ALPHABET.indexOf(normalized) < 0) {
                int position = id.length() + 1;
                return invalid(Problem.INVALID_CHARACTER, 0, position, significantLength(text),
                        Messages.get("id.error.character", printable(c), position));
            }
            id.append(normalized);
        }
        if (id.length() == 0) {
            return invalid(Problem.EMPTY, 0, 0, 0, Messages.get("id.error.empty"));
        }
        if (id.length() != PortalId.LENGTH) {
            return invalid(Problem.WRONG_LENGTH, 0, 0, id.length(),
                    Messages.get("id.error.length", id.length(), PortalId.LENGTH));
        }
        for (int g = 0; g < PortalId.GROUPS; g++) {
            int start = g * PortalId.GROUP_LENGTH;
            String data = id.substring(start, start + PortalId.GROUP_DATA_LENGTH);
            if (CheckCharacter.of(data) != id.charAt(start + PortalId.GROUP_DATA_LENGTH)) {
                return invalid(Problem.CHECK_CHARACTER, g + 1, 0, id.length(),
                        Messages.get("id.error.check", g + 1, start + 1, start + PortalId.GROUP_LENGTH));
            }
        }
        StringBuilder data = new StringBuilder(PortalId.GROUPS * PortalId.GROUP_DATA_LENGTH);
        for (int g = 0; g < PortalId.GROUPS; g++) {
            int start = g * PortalId.GROUP_LENGTH;
            data.append(id, start, start + PortalId.GROUP_DATA_LENGTH);
        }
        byte[] bytes;
        try {
            bytes = Base32.decode(data.toString());
        } catch (IllegalArgumentException e) {
            return invalid(Problem.NOT_CANONICAL, PortalId.GROUPS, 0, id.length(), Messages.get("id.error.canonical"));
        }
        return new Valid(PortalId.ofBytes(bytes), name, addresses);
    }

    private static Invalid invalid(Problem problem, int group, int position, int found, String message) {
        return new Invalid(problem, message, group, position, found);
    }

    private static char normalize(char c) {
        char upper = Character.toUpperCase(c);
        return switch (upper) {
            case '0' -> 'O';
            case '1' -> 'I';
            case '8' -> 'B';
            default -> upper;
        };
    }

    private static int significantLength(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '-' && !Character.isWhitespace(c)) {
                n++;
            }
        }
        return n;
    }

    private static String printable(char c) {
        if (Character.isISOControl(c) || Character.isSpaceChar(c)) {
            return String.format(Locale.ROOT, "U+%04X", (int) c);
        }
        return String.valueOf(c);
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
