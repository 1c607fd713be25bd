package io.portal.console.cli;

import io.portal.console.Messages;
import io.portal.console.identity.Base32;
import io.portal.console.identity.IdParser;
import io.portal.console.store.Peer;
import io.portal.console.store.PeerRepository;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Finds the peer a person means on the command line: any ID form the parser accepts, or a unique prefix of the
 * canonical ID, typed with the parser's forgiveness (any case, dashes and spaces, 0/1/8 for O/I/B).
 */
final class PeerArguments {
    private PeerArguments() {
    }

    static Peer resolve(PeerRepository peers, String input) {
        if (IdParser.parse(input) instanceof IdParser.Valid valid) {
            return peers.find(valid.id()).orElseThrow(() -> new CliException(
                    Messages.get("cli.peer.unknown", valid.id().display()), ExitCodes.REFUSED));
        }
        String prefix = normalize(input);
        if (prefix.isEmpty() || !prefix.chars().allMatch(c -> Base32.ALPHABET.indexOf(c) >= 0)) {
            throw new CliException(Messages.get("cli.peer.notAnId", input.strip()), ExitCodes.REFUSED);
        }
        List<Peer> matches = peers.findByPrefix(prefix);
        if (matches.isEmpty()) {
            throw new CliException(Messages.get("cli.peer.noMatch", input.strip()), ExitCodes.REFUSED);
        }
        if (matches.size() > 1) {
            String list = matches.stream().map(p -> p.id().canonical().substring(0, Math.min(prefix.length() + 4,
                    p.id().canonical().length())) + " (" + p.name() + ")").collect(Collectors.joining(", "));
            throw new CliException(Messages.get("cli.peer.ambiguous", input.strip(), matches.size(), list),
                    ExitCodes.REFUSED);
        }
        return matches.get(0);
    }

    static String normalize(String input) {
        StringBuilder out = new StringBuilder();
        for (char c : input.strip().toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            out.append(switch (c) {
                case '0' -> 'O';
                case '1' -> 'I';
                case '8' -> 'B';
                default -> c;
            });
        }
        return out.toString();
    }
}
