package io.portal.console.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portal.console.identity.PortalId;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "id", mixinStandardHelpOptions = true,
        description = {"Prints this Portal's ID in its grouped display form.",
                "The identity is created on first use of the data folder."})
final class IdCommand implements Callable<Integer> {
    @Mixin
    DataDirOption dataDir;

    @Option(names = "--json", description = "Print id, display, shortId, publicKey (base64 DER SubjectPublicKeyInfo) and name as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return Cli.withConsole(dataDir.directory(), console -> {
            PortalId id = console.identity().id();
            if (json) {
                ObjectNode node = Json.MAPPER.createObjectNode();
                node.put("id", id.canonical());
                node.put("display", id.display());
                node.put("shortId", id.shortId());
                node.put("publicKey", Base64.getEncoder().encodeToString(console.identity().publicKey().getEncoded()));
                node.put("name", console.profile().name());
                spec.commandLine().getOut().println(Json.write(node));
            } else {
                spec.commandLine().getOut().println(id.display());
            }
            return ExitCodes.OK;
        });
    }
}
