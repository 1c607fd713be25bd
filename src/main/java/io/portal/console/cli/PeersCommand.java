package io.portal.console.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portal.console.Messages;
import io.portal.console.identity.IdParser;
import io.portal.console.peers.PeerBook;
import io.portal.console.peers.QrScanner;
import io.portal.console.store.Peer;
import io.portal.console.store.PeerState;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "peers", mixinStandardHelpOptions = true,
        description = {"Lists and changes this Portal's peers (friends' Portals).",
                "A peer is named by its full ID in any form, or by the start of its ID when that is unique."},
        subcommands = {PeersCommand.ListPeers.class, PeersCommand.AddPeer.class, PeersCommand.RemovePeer.class,
                PeersCommand.RenamePeer.class, PeersCommand.BlockPeer.class, PeersCommand.UnblockPeer.class,
                PendingCommands.ListCommand.class, PendingCommands.AcceptCommand.class, PendingCommands.IgnoreCommand.class,
                PendingCommands.BlockCommand.class})
final class PeersCommand implements Callable<Integer> {
    @Mixin
    DataDirOption dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return ListPeers.print(dataDir, spec.commandLine().getOut(), false);
    }

    private static final String[] IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".bmp"};

    static Peer resolve(PeerBook book, String query) {
        PeerBook.Resolution resolution = book.resolve(query);
        if (resolution instanceof PeerBook.Found found) {
            return found.peer();
        }
        throw new CliException(resolution instanceof PeerBook.Ambiguous ambiguous ? ambiguous.message()
                : ((PeerBook.NotFound) resolution).message(), ExitCodes.REFUSED);
    }

    static String describe(Peer peer) {
        return Messages.get("cli.peers.peer", peer.name(), peer.shortId());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the peers, by name.")
    static final class ListPeers implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Option(names = "--json", description = "Print an array of {id, shortId, name, addresses, state, lastSeen}.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return print(dataDir, spec.commandLine().getOut(), json);
        }

        static int print(DataDirOption dataDir, PrintWriter out, boolean json) {
            List<Peer> peers = Cli.withConsole(dataDir.directory(), console -> console.peerBook().list());
            if (json) {
                ArrayNode array = Json.MAPPER.createArrayNode();
                for (Peer peer : peers) {
                    ObjectNode node = array.addObject();
                    node.put("id", peer.id().canonical());
                    node.put("shortId", peer.shortId());
                    node.put("name", peer.name());
                    ArrayNode addresses = node.putArray("addresses");
                    peer.addresses().forEach(addresses::add);
                    node.put("state", peer.state().dbValue());
                    if (peer.lastSeen().isPresent()) {
                        node.put("lastSeen", peer.lastSeen().get().toString());
                    } else {
                        node.putNull("lastSeen");
                    }
                }
                out.println(Json.write(array));
                return ExitCodes.OK;
            }
            if (peers.isEmpty()) {
                out.println(Messages.get("cli.peers.none"));
                return ExitCodes.OK;
            }
            int nameWidth = Math.max(4, peers.stream().mapToInt(p -> p.name().length()).max().orElse(4));
            String format = "%-6s  %-" + nameWidth + "s  %-7s  %-20s  %s%n";
            out.printf(Locale.ROOT, format, "ID", "NAME", "STATE", "LAST SEEN", "ADDRESSES");
            for (Peer peer : peers) {
                String seen = peer.online() ? "online" : peer.lastSeen().map(i -> i.toString().replace('T', ' ')
                        .replaceAll("\\.\\d+Z$|Z$", "").substring(0, 16)).orElse("never");
                out.printf(Locale.ROOT, format, peer.shortId(), peer.name(), peer.state().dbValue(), seen,
                        String.join(" ", peer.addresses()));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Adds a peer from its ID (any form, including a portal: link) or from a PNG/JPEG image "
                    + "of its QR code."})
    static final class AddPeer implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Parameters(index = "0", paramLabel = "ID-or-image-file", description = "The peer's Portal ID, or an image file with its QR code.")
        String source;

        @Option(names = "--name", paramLabel = "NAME", description = "Your name for the peer (default: the short ID, or the name in a portal: link).")
        String name;

        @Option(names = "--address", paramLabel = "host:port", description = "Where its peer service listens; repeat for several.")
        List<String> addresses = new ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            IdParser.Valid parsed = read(source);
            List<String> effectiveAddresses = addresses.isEmpty() ? parsed.addresses() : addresses;
            String effectiveName = name != null ? name : parsed.name().orElse(null);
            PeerBook.AddResult result = Cli.withConsole(dataDir.directory(),
                    console -> console.peerBook().add(parsed.id(), effectiveName, effectiveAddresses));
            if (result instanceof PeerBook.Refused refused) {
                throw new CliException(refused.message(), ExitCodes.REFUSED);
            }
            Peer peer = ((PeerBook.Added) result).peer();
            spec.commandLine().getOut().println(Messages.get("cli.peers.added", peer.name(), peer.id().display()));
            return ExitCodes.OK;
        }

        private static IdParser.Valid read(String source) {
            IdParser.Result parsed = IdParser.parse(source);
            if (parsed instanceof IdParser.Valid valid) {
                return valid;
            }
            if (!looksLikeFile(source)) {
                throw new CliException(((IdParser.Invalid) parsed).message(), ExitCodes.REFUSED);
            }
            QrScanner.Scan scan = new QrScanner().scanFile(Path.of(source));
            if (scan instanceof QrScanner.Failed failed) {
                throw new CliException(failed.message(), ExitCodes.REFUSED);
            }
            List<QrScanner.Candidate> candidates = ((QrScanner.Found) scan).candidates();
            if (candidates.size() > 1) {
                throw new CliException(Messages.get("cli.peers.severalCodes", Path.of(source).getFileName(),
                        candidates.size(), candidates.stream().map(c -> c.id().display())
                                .collect(Collectors.joining(", "))), ExitCodes.REFUSED);
            }
            return candidates.get(0).parsed();
        }

        private static boolean looksLikeFile(String source) {
            String lower = source.toLowerCase(Locale.ROOT);
            for (String suffix : IMAGE_SUFFIXES) {
                if (lower.endsWith(suffix)) {
                    return true;
                }
            }
            try {
                return Files.exists(Path.of(source));
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a peer.")
    static final class RemovePeer implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Parameters(index = "0", paramLabel = "ID-or-prefix")
        String query;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Peer removed = Cli.withConsole(dataDir.directory(), console -> {
                PeerBook book = console.peerBook();
                Peer peer = resolve(book, query);
                return book.remove(peer.id()).orElseThrow(() -> new CliException(
                        Messages.get("peer.error.noSuchId", peer.shortId()), ExitCodes.REFUSED)).peer();
            });
            spec.commandLine().getOut().println(Messages.get("cli.peers.removed", describe(removed)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "rename", mixinStandardHelpOptions = true, description = "Renames a peer.")
    static final class RenamePeer implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Parameters(index = "0", paramLabel = "ID-or-prefix")
        String query;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Peer peer = Cli.withConsole(dataDir.directory(), console -> {
                PeerBook book = console.peerBook();
                Peer found = resolve(book, query);
                Optional<String> problem = book.rename(found.id(), name);
                if (problem.isPresent()) {
                    throw new CliException(problem.get(), ExitCodes.REFUSED);
                }
                return found;
            });
            spec.commandLine().getOut().println(Messages.get("cli.peers.renamed", peer.name(), name.strip(),
                    peer.shortId()));
            return ExitCodes.OK;
        }
    }

    abstract static class StateCommand implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Parameters(index = "0", paramLabel = "ID-or-prefix")
        String query;

        @Spec
        CommandSpec spec;

        abstract PeerState target();

        @Override
        public Integer call() {
            Peer peer = Cli.withConsole(dataDir.directory(), console -> {
                PeerBook book = console.peerBook();
                Peer found = resolve(book, query);
                if (found.state() != target()) {
                    book.setState(found.id(), target()).ifPresent(problem -> {
                        throw new CliException(problem, ExitCodes.REFUSED);
                    });
                }
                return found;
            });
            String key = peer.state() == target() ? "cli.peers.already." : "cli.peers.now.";
            spec.commandLine().getOut().println(Messages.get(key + target().dbValue(), describe(peer)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "block", mixinStandardHelpOptions = true,
            description = "Blocks a peer: it can no longer reach this Portal or its apps.")
    static final class BlockPeer extends StateCommand {
        @Override
        PeerState target() {
            return PeerState.BLOCKED;
        }
    }

    @Command(name = "unblock", mixinStandardHelpOptions = true, description = "Unblocks a peer.")
    static final class UnblockPeer extends StateCommand {
        @Override
        PeerState target() {
            return PeerState.ACTIVE;
        }
    }
}
