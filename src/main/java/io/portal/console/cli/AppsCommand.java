package io.portal.console.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portal.console.Messages;
import io.portal.console.app.PortalConsole;
import io.portal.console.apps.AppRegistry;
import io.portal.console.apps.NoSuchAppException;
import io.portal.console.apps.PathRule;
import io.portal.console.apps.RegisteredApp;
import io.portal.console.apps.Registration;
import io.portal.console.apps.Sharing;
import io.portal.console.identity.PortalId;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "apps", mixinStandardHelpOptions = true,
        description = {"Registers this Portal's apps from their app.json and lists them.",
                "A new app is shared with nobody; see 'share'."},
        subcommands = {AppsCommand.Add.class, AppsCommand.ListApps.class, AppsCommand.Remove.class,
                AppsCommand.RotateToken.class})
final class AppsCommand implements Callable<Integer> {
    @Mixin
    DataDirOption dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Registers an app from its app.json and prints its token, once.",
                    "The app presents the token to the peer service; only a hash is kept."})
    static final class Add implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Parameters(index = "0", paramLabel = "APP_JSON", description = "The app's app.json file.")
        Path manifest;

        @Option(names = "--url", paramLabel = "URL",
                description = "The app's local base URL (default: http://127.0.0.1:<port> from app.json).")
        String url;

        @Option(names = "--json", description = "Print name, url and token as JSON.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Optional<URI> base = Optional.empty();
            if (url != null) {
                try {
                    base = Optional.of(AppRegistry.parseUrl(url));
                } catch (IllegalArgumentException e) {
                    throw new CliException(e.getMessage(), ExitCodes.REFUSED);
                }
            }
            Optional<URI> given = base;
            return Cli.withConsole(dataDir.directory(), console -> {
                Registration registration = console.appRegistry().register(manifest, given);
                if (registration instanceof Registration.Refused refused) {
                    throw new CliException(refused.message(), ExitCodes.REFUSED);
                }
                Registration.Registered registered = (Registration.Registered) registration;
                printToken(spec, registered.app(), registered.token(), json);
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the registered apps and their sharing.")
    static final class ListApps implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Option(names = "--json", description = "Print [{name, description, url, peerPaths, sharing: {mode, peers}}].")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return Cli.withConsole(dataDir.directory(), console -> {
                List<RegisteredApp> apps = console.appRegistry().list();
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    ArrayNode array = Json.MAPPER.createArrayNode();
                    apps.forEach(app -> array.add(toJson(app)));
                    out.println(Json.write(array));
                } else if (apps.isEmpty()) {
                    out.println(Messages.get("cli.apps.none"));
                } else {
                    int width = Math.max(4, apps.stream().mapToInt(a -> a.name().length()).max().orElse(4));
                    String format = "%-" + width + "s  %-10s  %-22s  %-24s  %s%n";
                    out.printf(format, "NAME", "PEER PATHS", "SHARING", "URL", "DESCRIPTION");
                    for (RegisteredApp app : apps) {
                        out.printf(format, app.name(), app.manifest().peerPaths().size(), sharingLabel(app.sharing()),
                                app.url(), app.description());
                    }
                }
                out.flush();
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Removes an app; its token stops working and its sharing is forgotten.")
    static final class Remove implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return Cli.withConsole(dataDir.directory(), console -> {
                if (!console.appRegistry().remove(name)) {
                    throw new CliException(Messages.get("apps.error.unknown", name), ExitCodes.REFUSED);
                }
                spec.commandLine().getOut().println(Messages.get("cli.apps.removed", name));
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "rotate-token", mixinStandardHelpOptions = true,
            description = "Issues a new token for an app and prints it, once; the old token stops working.")
    static final class RotateToken implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--json", description = "Print name, url and token as JSON.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return Cli.withConsole(dataDir.directory(), console -> {
                RegisteredApp app = findApp(console, name);
                String token = console.appRegistry().rotateToken(name);
                printToken(spec, app, token, json);
                return ExitCodes.OK;
            });
        }
    }

    /** The registered app of that name, or a refusal naming it. */
    static RegisteredApp findApp(PortalConsole console, String name) {
        return console.appRegistry().find(name).orElseThrow(() -> new CliException(
                new NoSuchAppException(name).getMessage(), ExitCodes.REFUSED));
    }

    private static void printToken(CommandSpec spec, RegisteredApp app, String token, boolean json) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode node = Json.MAPPER.createObjectNode();
            node.put("name", app.name());
            node.put("url", app.url().toString());
            node.put("token", token);
            out.println(Json.write(node));
        } else {
            out.println("name: " + app.name());
            out.println("token: " + token);
        }
        out.flush();
        spec.commandLine().getErr().println(Messages.get("cli.apps.tokenOnce"));
        spec.commandLine().getErr().flush();
    }

    static ObjectNode toJson(RegisteredApp app) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("name", app.name());
        node.put("description", app.description());
        node.put("url", app.url().toString());
        ArrayNode peerPaths = node.putArray("peerPaths");
        app.manifest().peerPaths().stream().map(PathRule::prefix).forEach(peerPaths::add);
        node.set("sharing", sharingJson(app.sharing()));
        return node;
    }

    static ObjectNode sharingJson(Sharing sharing) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("mode", sharing.mode().dbValue());
        ArrayNode peers = node.putArray("peers");
        sharing.peers().stream().sorted().map(PortalId::canonical).forEach(peers::add);
        return node;
    }

    static String sharingLabel(Sharing sharing) {
        return switch (sharing.mode()) {
            case NONE -> Messages.get("cli.sharing.none");
            case ALL -> Messages.get("cli.sharing.all");
            case SELECTED -> switch (sharing.peers().size()) {
                case 0 -> Messages.get("cli.sharing.selectedNone");
                case 1 -> Messages.get("cli.sharing.selectedOne");
                default -> Messages.get("cli.sharing.selectedMany", sharing.peers().size());
            };
        };
    }
}
