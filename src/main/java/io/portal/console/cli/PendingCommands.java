package io.portal.console.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portal.console.app.PortalConsole;
import io.portal.console.identity.Base32;
import io.portal.console.identity.IdParser;
import io.portal.console.peering.PendingRequests;
import io.portal.console.store.Peer;
import io.portal.console.store.PendingRequest;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Pending connection requests on the command line, under {@code peers}: {@code pending}, {@code accept},
 * {@code ignore} and {@code block-pending}.
 */
final class PendingCommands {
    private PendingCommands() {
    }

    /** Finds a pending request by any ID form, or a unique prefix of at least 6 characters. */
    static PendingRequest resolve(PortalConsole console, String input) {
        if (IdParser.parse(input) instanceof IdParser.Valid valid) {
            return console.pending().find(valid.id()).orElseThrow(() -> new CliException(
                    "no pending request from " + valid.id().display(), ExitCodes.REFUSED));
        }
        String prefix = PeerArguments.normalize(input);
        if (prefix.length() < 6 || !prefix.chars().allMatch(c -> Base32.ALPHABET.indexOf(c) >= 0)) {
            throw new CliException("'" + input.strip() + "' is neither a Portal ID nor at least 6 of its first characters",
                    ExitCodes.REFUSED);
        }
        List<PendingRequest> matches = console.pending().findByPrefix(prefix);
        if (matches.isEmpty()) {
            throw new CliException("no pending request from a Portal starting with " + prefix, ExitCodes.REFUSED);
        }
        if (matches.size() > 1) {
            throw new CliException("'" + input.strip() + "' matches " + matches.size() + " pending requests ("
                    + matches.stream().map(PendingRequest::shortId).collect(Collectors.joining(", ")) + "); give more characters",
                    ExitCodes.REFUSED);
        }
        return matches.get(0);
    }

    static PendingRequests requests(PortalConsole console) {
        return new PendingRequests(console.pending(), console.peers(), Clock.systemUTC());
    }

    @Command(name = "pending", mixinStandardHelpOptions = true,
            description = {"Lists Portals that called this one without being peers (not the ignored ones).",
                    "Accept one with 'peers accept ID', or 'peers ignore ID' / 'peers block-pending ID'."})
    static final class ListCommand implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Option(names = "--json", description = "Print id, shortId, name, address, firstAt, lastAt and count as JSON.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return Cli.withConsole(dataDir.directory(), console -> {
                PrintWriter out = spec.commandLine().getOut();
                List<PendingRequest> pending = console.pending().list();
                if (json) {
                    ArrayNode list = Json.MAPPER.createArrayNode();
                    for (PendingRequest p : pending) {
                        ObjectNode node = list.addObject();
                        node.put("id", p.id().canonical());
                        node.put("shortId", p.shortId());
                        node.put("name", p.name());
                        node.put("address", p.address());
                        node.put("firstAt", p.firstAt().toString());
                        node.put("lastAt", p.lastAt().toString());
                        node.put("count", p.count());
                    }
                    out.println(Json.write(list));
                } else if (pending.isEmpty()) {
                    out.println("No pending requests.");
                } else {
                    for (PendingRequest p : pending) {
                        out.printf("Portal %s wants to connect: \"%s\" from %s, %d time%s, last %s%n", p.shortId(),
                                p.name(), p.address(), p.count(), p.count() == 1 ? "" : "s", p.lastAt());
                        out.println("  " + p.id().display());
                    }
                }
                return ExitCodes.OK;
            });
        }
    }

    /** Accept, ignore and block-pending: find one pending request, act on it, and say what was done. */
    abstract static class RequestCommand implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Parameters(paramLabel = "ID", description = "The Portal's ID, or at least 6 of its first characters.")
        String id;

        @Spec
        CommandSpec spec;

        /** Acts on the request; returns the line to print. */
        abstract String act(PendingRequests requests, PendingRequest request);

        @Override
        public Integer call() {
            return Cli.withConsole(dataDir.directory(), console -> {
                PendingRequest request = resolve(console, id);
                spec.commandLine().getOut().println(act(requests(console), request));
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "accept", mixinStandardHelpOptions = true,
            description = "Makes a Portal that asked to connect a peer (with the name it announced and the address it came from).")
    static final class AcceptCommand extends RequestCommand {
        @Override
        String act(PendingRequests requests, PendingRequest request) {
            Peer peer = requests.accept(request.id());
            return "Accepted: Portal " + peer.shortId() + " (" + peer.name() + ") is now a peer"
                    + (peer.addresses().isEmpty() ? "." : " at " + String.join(", ", peer.addresses()) + ".");
        }
    }

    @Command(name = "ignore", mixinStandardHelpOptions = true,
            description = "Hides a pending request; the Portal stays refused.")
    static final class IgnoreCommand extends RequestCommand {
        @Override
        String act(PendingRequests requests, PendingRequest request) {
            requests.ignore(request.id());
            return "Ignored the request from Portal " + request.shortId() + ".";
        }
    }

    @Command(name = "block-pending", mixinStandardHelpOptions = true,
            description = "Blocks a Portal that asked to connect: it is kept as a blocked peer and never listed again.")
    static final class BlockCommand extends RequestCommand {
        @Override
        String act(PendingRequests requests, PendingRequest request) {
            requests.block(request.id());
            return "Blocked Portal " + request.shortId() + ".";
        }
    }
}
