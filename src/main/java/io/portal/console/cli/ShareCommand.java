package io.portal.console.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portal.console.Messages;
import io.portal.console.app.PortalConsole;
import io.portal.console.apps.RegisteredApp;
import io.portal.console.apps.Sharing;
import io.portal.console.identity.PortalId;
import io.portal.console.store.Peer;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "share", mixinStandardHelpOptions = true,
        description = {"Decides which peers an app may see and contact: nobody, all peers (also those added later), "
                + "or the peers listed.", "Blocked peers never reach an app."},
        subcommands = ShareCommand.Show.class)
final class ShareCommand implements Callable<Integer> {
    @Mixin
    DataDirOption dataDir;

    @Parameters(index = "0", arity = "0..1", paramLabel = "APP")
    String app;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Mode mode;

    @Option(names = "--json", description = "Print the resulting sharing as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    static final class Mode {
        @Option(names = "--none", required = true, description = "Share with nobody.")
        boolean none;

        @Option(names = "--all", required = true, description = "Share with every peer, including peers added later.")
        boolean all;

        @Option(names = "--peers", required = true, split = ",", paramLabel = "ID",
                description = "Share with these peers only: IDs in any form, or unique ID prefixes, comma-separated.")
        List<String> peers;
    }

    @Override
    public Integer call() {
        if (app == null || mode == null) {
            throw new CliException(Messages.get("cli.share.usage"), ExitCodes.USAGE);
        }
        return Cli.withConsole(dataDir.directory(), console -> {
            RegisteredApp found = AppsCommand.findApp(console, app);
            Sharing sharing;
            if (mode.none) {
                sharing = Sharing.NONE;
            } else if (mode.all) {
                sharing = Sharing.ALL;
            } else {
                Set<PortalId> ids = new LinkedHashSet<>();
                for (String input : mode.peers) {
                    if (!input.isBlank()) {
                        ids.add(PeerArguments.resolve(console.peers(), input).id());
                    }
                }
                sharing = Sharing.selected(ids);
            }
            console.appRegistry().share(found.name(), sharing);
            print(spec, console, AppsCommand.findApp(console, app), json);
            return ExitCodes.OK;
        });
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Shows whom an app is shared with, and which peers it can see now.")
    static final class Show implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Parameters(index = "0", paramLabel = "APP")
        String app;

        @Option(names = "--json", description = "Print {name, sharing: {mode, peers}, visiblePeers: [{id, name}]}.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return Cli.withConsole(dataDir.directory(), console -> {
                print(spec, console, AppsCommand.findApp(console, app), json);
                return ExitCodes.OK;
            });
        }
    }

    private static void print(CommandSpec spec, PortalConsole console, RegisteredApp app, boolean json) {
        PrintWriter out = spec.commandLine().getOut();
        List<Peer> visible = console.appRegistry().visiblePeers(app);
        if (json) {
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("name", app.name());
            node.set("sharing", AppsCommand.sharingJson(app.sharing()));
            ArrayNode peers = node.putArray("visiblePeers");
            for (Peer peer : visible) {
                peers.addObject().put("id", peer.id().canonical()).put("name", peer.name());
            }
            out.println(Json.write(node));
        } else {
            out.println(app.name() + ": " + AppsCommand.sharingLabel(app.sharing()));
            if (app.manifest().peerPaths().isEmpty()) {
                out.println(Messages.get("apps.warning.noPeerPath"));
            }
            if (visible.isEmpty()) {
                out.println(Messages.get("cli.share.seesNobody"));
            } else {
                out.println(visible.size() == 1 ? Messages.get("cli.share.seesOne")
                        : Messages.get("cli.share.sees", visible.size()));
                for (Peer peer : visible) {
                    out.println("  " + peer.shortId() + "  " + peer.name());
                }
            }
        }
        out.flush();
    }
}
