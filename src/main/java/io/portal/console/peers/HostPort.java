package io.portal.console.peers;

import io.portal.console.Messages;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a peer's peer service listens: a host name, an IPv4 address or a bracketed IPv6 address, and a port.
 * {@link #toString()} gives the form that is stored and dialled ({@code host:port}, {@code [v6]:port}).
 */
public record HostPort(String host, int port) {
    public static final int MAX_HOST_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    /** The outcome of parsing one address. */
    public sealed interface Result permits Valid, Invalid {
    }

    public record Valid(HostPort address) implements Result {
    }

    public record Invalid(String message) implements Result {
    }

    public static Result parse(String input) {
        String text = input == null ? "" : input.strip();
        if (text.isEmpty()) {
            return new Invalid(Messages.get("address.error.empty"));
        }
        if (text.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return new Invalid(Messages.get("address.error.space", text));
        }
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return new Invalid(Messages.get("address.error.bracket", text));
            }
            host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (!rest.startsWith(":") || rest.length() == 1) {
                return new Invalid(Messages.get("address.error.noPort", text));
            }
            port = rest.substring(1);
            if (!isIpv6(host)) {
                return new Invalid(Messages.get("address.error.ipv6", host));
            }
            host = host.toLowerCase(Locale.ROOT);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0 || colon == text.length() - 1) {
                return new Invalid(Messages.get("address.error.noPort", text));
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                return new Invalid(Messages.get("address.error.ipv6Brackets", text));
            }
            if (host.isEmpty()) {
                return new Invalid(Messages.get("address.error.noHost", text));
            }
            Optional<String> problem = hostProblem(host);
            if (problem.isPresent()) {
                return new Invalid(problem.get());
            }
            host = host.toLowerCase(Locale.ROOT);
        }
        int number = parsePort(port);
        if (number < 1) {
            return new Invalid(Messages.get("address.error.port", port));
        }
        return new Valid(new HostPort(host, number));
    }

    /** The stored, normalised form of a valid address, or the reason it is refused. */
    public static Optional<String> problem(String input) {
        return parse(input) instanceof Invalid invalid ? Optional.of(invalid.message()) : Optional.empty();
    }

    private static int parsePort(String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int value = Integer.parseInt(port);
        return value >= 1 && value <= 65_535 ? value : -1;
    }

    private static Optional<String> hostProblem(String host) {
        if (host.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')) {
            return isIpv4(host) ? Optional.empty() : Optional.of(Messages.get("address.error.ipv4", host));
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.length() > MAX_HOST_LENGTH) {
            return Optional.of(Messages.get("address.error.hostLong", MAX_HOST_LENGTH));
        }
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH || label.startsWith("-") || label.endsWith("-")
                    || !label.chars().allMatch(HostPort::isHostCharacter)) {
                return Optional.of(Messages.get("address.error.host", host));
            }
        }
        return Optional.empty();
    }

    private static boolean isHostCharacter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    private static boolean isIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.startsWith("0"))
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String host) {
        String address = host;
        int zone = address.indexOf('%');
        if (zone >= 0) {
            if (zone == address.length() - 1) {
                return false;
            }
            address = address.substring(0, zone);
        }
        if (address.isEmpty() || address.indexOf(':') < 0 || address.contains(":::")
                || (address.startsWith(":") && !address.startsWith("::"))
                || (address.endsWith(":") && !address.endsWith("::"))) {
            return false;
        }
        int groups = 0;
        boolean compressed = false;
        String[] parts = address.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                boolean edge = (i == 0 && parts.length > 1 && parts[1].isEmpty())
                        || (i == parts.length - 1 && i > 0 && parts[i - 1].isEmpty());
                if (edge) {
                    continue;
                }
                if (compressed) {
                    return false;
                }
                compressed = true;
                continue;
            }
            if (i == parts.length - 1 && part.indexOf('.') >= 0) {
                if (!isIpv4(part)) {
                    return false;
                }
                groups += 2;
                continue;
            }
            if (part.length() > 4 || !part.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return false;
            }
            groups++;
        }
        return compressed ? groups < 8 : groups == 8;
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
